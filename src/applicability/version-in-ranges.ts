import type { VersionRange } from '../catalogue/types.js';
import { compareToBound } from './compare-to-bound.js';
import { describeRange } from './describe-range.js';
import { normalizeRange } from './normalize-range.js';
import { parseVersion } from './parse-version.js';
import type { Judgement } from './types.js';

/**
 * Whether a reported version lies in any of the ranges (alternatives). `label` names the fact in the reason,
 * e.g. `kubelet v1.24.6-gke.1500`.
 */
export function versionInRanges(version: string, ranges: VersionRange[], label: string): Judgement {
  const fact = parseVersion(version);
  if (!fact) return { truth: 'unknown', reason: `${label} is not a version k8sfix can compare` };
  const undecided: string[] = [];
  for (const raw of ranges) {
    const range = normalizeRange(raw);
    const text = describeRange(range);
    const checks: (boolean | undefined)[] = [];
    let badBound: string | undefined;
    for (const [key, value] of Object.entries(range) as [keyof VersionRange, string | undefined][]) {
      if (value === undefined) continue;
      const bound = parseVersion(String(value));
      if (!bound) {
        badBound = String(value);
        break;
      }
      const cmp = compareToBound(fact, bound);
      if (cmp === undefined) checks.push(undefined);
      else checks.push(key === 'from' ? cmp >= 0 : key === 'to' ? cmp <= 0 : cmp < 0);
    }
    if (badBound !== undefined) {
      undecided.push(`the catalogue bound "${badBound}" is not a version (fix the entry)`);
      continue;
    }
    if (checks.every((c) => c === true)) return { truth: 'true', reason: `${label} is in the affected range ${text}` };
    if (checks.some((c) => c === false)) continue;
    undecided.push(`cannot tell whether ${label} is in ${text}: the cluster does not report the build the range needs`);
  }
  if (undecided.length > 0) return { truth: 'unknown', reason: undecided.join('; ') };
  return {
    truth: 'false',
    reason: `${label} is outside the affected ${ranges.length === 1 ? 'range' : 'ranges'} ${ranges.map((r) => describeRange(normalizeRange(r))).join(', ')}`,
  };
}
