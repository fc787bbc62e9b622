import type { VersionRange } from '../catalogue/types.js';
import { compareToBound } from './compare-to-bound.js';
import { normalizeRange } from './normalize-range.js';
import { parseVersion } from './parse-version.js';
import type { Judgement } from './types.js';

/**
 * For a version outside every affected range: `unknown` when it is past every range and on a release line
 * newer than the document covers (`coveredThrough`), because a page written for 1.10 to 1.14 that states no
 * fix cannot say whether 1.16 still has the issue. Undefined when the version is inside what the document
 * covers, so "outside the ranges" stands.
 */
export function judgePastCoverage(version: string, label: string, ranges: VersionRange[], coveredThrough: string): Judgement | undefined {
  const fact = parseVersion(version);
  const covered = parseVersion(coveredThrough);
  if (!fact || !covered || compareToBound(fact, covered) !== 1) return undefined;
  const pastEvery = ranges.every((raw) => {
    const range = normalizeRange(raw);
    const upper = range.to ?? range.before;
    if (upper === undefined) return false;
    const bound = parseVersion(upper);
    const cmp = bound ? compareToBound(fact, bound) : undefined;
    return cmp !== undefined && (range.to !== undefined ? cmp > 0 : cmp >= 0);
  });
  if (!pastEvery) return undefined;
  return {
    truth: 'unknown',
    reason: `${label} is newer than any version the document covers (through ${coveredThrough}) and the document states no fix: check the known issues of your version's release notes`,
  };
}
