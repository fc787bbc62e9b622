import semver from 'semver';
import type { ParsedVersion } from './parse-version.js';

/**
 * Compares a reported version with a range bound at the bound's precision: -1 below, 0 on it, 1 above, or
 * undefined when the facts cannot tell (the cluster reports fewer parts than the bound needs, or a build of
 * another distribution).
 * A bound names everything that starts with it: `1.18` is every 1.18.x, `1.20.9` every 1.20.9-gke.N and
 * `4.15.0-176` every 4.15.0-176-generic or 4.15.0-176.185 build, so those compare 0. That is what makes `to`
 * inclusive of every build and `before` stop before the first one.
 */
export function compareToBound(fact: ParsedVersion, bound: ParsedVersion): -1 | 0 | 1 | undefined {
  const n = bound.release.length;
  const known = Math.min(n, fact.release.length);
  const head = compareRelease(fact.release.slice(0, known), bound.release.slice(0, known));
  if (head !== 0) return head;
  if (fact.release.length < n) return undefined;
  if (bound.build.length === 0) return 0;
  if (fact.release.length > n) return undefined;
  if (fact.build.length === 0) return undefined;
  return compareBuild(fact.build, bound.build);
}

/** Release parts of equal length: the first three through semver, any further ones (Windows builds) as numbers. */
function compareRelease(a: number[], b: number[]): -1 | 0 | 1 {
  const core = (parts: number[]) => [0, 1, 2].map((i) => parts[i] ?? 0).join('.');
  const head = semver.compare(core(a), core(b));
  if (head !== 0) return head;
  for (let i = 3; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

function compareBuild(a: (string | number)[], b: (string | number)[]): -1 | 0 | 1 | undefined {
  // gke vs eks, generic vs aws: builds of different distributions or kernel flavours have no order, whatever
  // their numbers say (4.15.0-150-aws is not between 4.15.0-144-generic and 4.15.0-176-generic).
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (typeof a[i] !== typeof b[i] || (typeof a[i] === 'string' && a[i] !== b[i])) return undefined;
  }
  for (let i = 0; i < b.length; i++) {
    const x = a[i];
    const y = b[i]!;
    if (x === undefined) return -1;
    if (typeof x === 'string') continue;
    if (x !== y) return x < (y as number) ? -1 : 1;
  }
  // The fact starts with every token of the bound (`4.15.0-176-generic` against `4.15.0-176`): on it.
  return 0;
}
