import type { FixedIn } from '../catalogue/types.js';
import type { ClusterFacts, NodeFacts } from '../clusters/types.js';
import { compareToBound } from './compare-to-bound.js';
import { parseVersion } from './parse-version.js';
import { readVersionFact } from './read-version-fact.js';
import type { Judgement } from './types.js';

/**
 * For an entry that names fixed versions but no affected ranges: `false` (not affected) when the subject runs
 * a fixed version of its own release line (`1.6.8` against fixed `1.6.6`), else `unknown`. A version on a line
 * the document does not mention is not assumed fixed.
 */
export function judgeFixedIn(fixedIn: FixedIn, facts: ClusterFacts, node?: NodeFacts): Judgement {
  const missing: string[] = [];
  for (const fixed of fixedIn.versions) {
    const scope = fixed.fact === 'anthosBareMetalVersion' ? 'cluster' : 'node';
    const value = readVersionFact(fixed.fact, scope, facts, node);
    if ('truth' in value) {
      if (value.truth === 'false') return value;
      missing.push(value.reason);
      continue;
    }
    const fact = parseVersion(value.version);
    const bound = parseVersion(fixed.version);
    if (!fact || !bound) continue;
    const line = parseVersion(bound.release.slice(0, 2).join('.'))!;
    const cmp = compareToBound(fact, bound);
    if (compareToBound(fact, line) === 0 && cmp !== undefined && cmp >= 0) {
      return { truth: 'false', reason: `${value.label} has the fix (fixed in ${fixed.version})` };
    }
  }
  const fixedList = fixedIn.versions.map((v) => v.version).join(', ');
  return {
    truth: 'unknown',
    reason: `the document names no affected versions, only fixed ones (${fixedList})${missing.length ? `; ${missing[0]}` : ''}: upgrade to a fixed version to be sure`,
  };
}
