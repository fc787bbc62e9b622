import type { FixedIn } from '../catalogue/types.js';
import type { ClusterFacts, NodeFacts } from '../clusters/types.js';
import { compareToBound } from './compare-to-bound.js';
import { parseVersion, type ParsedVersion } from './parse-version.js';
import { readVersionFact } from './read-version-fact.js';
import type { Judgement } from './types.js';

/**
 * For an entry that names fixed versions but no affected ranges: `false` (not affected) when the subject runs a
 * fixed version: at or past the fix of its own release line (`1.6.8` against fixed `1.6.6`), or on a line newer
 * than every line with a fix ("fixed in 1.13.4 and later" covers 1.14.1). A version between two fixed lines
 * without its own fix is not assumed fixed. Otherwise `unknown`, with `missing` saying why.
 */
export function judgeFixedIn(fixedIn: FixedIn, facts: ClusterFacts, node: NodeFacts | undefined, missing: string): Judgement {
  const notRead: string[] = [];
  const byFact = new Map<string, { version: string; label: string; fixes: ParsedVersion[] }>();
  for (const fixed of fixedIn.versions) {
    const scope = fixed.fact === 'anthosBareMetalVersion' ? 'cluster' : 'node';
    const value = readVersionFact(fixed.fact, scope, facts, node);
    if ('truth' in value) {
      if (value.truth === 'false') return value;
      notRead.push(value.reason);
      continue;
    }
    const bound = parseVersion(fixed.version);
    if (!bound) continue;
    const entry = byFact.get(fixed.fact) ?? { ...value, fixes: [] };
    entry.fixes.push(bound);
    byFact.set(fixed.fact, entry);
  }
  for (const { version, label, fixes } of byFact.values()) {
    const fact = parseVersion(version);
    if (!fact) continue;
    const lineOf = (v: ParsedVersion) => parseVersion(v.release.slice(0, 2).join('.'))!;
    const own = fixes.find((fix) => compareToBound(fact, lineOf(fix)) === 0);
    if (own) {
      const cmp = compareToBound(fact, own);
      if (cmp !== undefined && cmp >= 0) return { truth: 'false', reason: `${label} has the fix (fixed in ${own.raw})` };
      continue;
    }
    if (fixes.every((fix) => compareToBound(fact, lineOf(fix)) === 1)) {
      return { truth: 'false', reason: `${label} is on a release line after the fix (fixed in ${fixes.map((f) => f.raw).join(', ')} and later)` };
    }
  }
  const fixedList = fixedIn.versions.map((v) => v.version).join(', ');
  return {
    truth: 'unknown',
    reason: `${missing}; it is fixed in ${fixedList}${notRead.length ? ` (${notRead[0]})` : ''}: upgrade to a fixed version to be sure`,
  };
}
