import type { VersionRange } from '../catalogue/types.js';

/** `1.21 to 1.21.5-gke.1802`, `1.24.6-gke.1500 or earlier`, `before 1.6.6`, `1.25 or later`. */
export function describeRange(range: VersionRange): string {
  const upper = range.to !== undefined ? `${range.to}` : range.before !== undefined ? `before ${range.before}` : '';
  if (range.from !== undefined && upper) return range.to !== undefined ? `${range.from} to ${upper}` : `${range.from} up to (not including) ${range.before}`;
  if (range.from !== undefined) return `${range.from} or later`;
  if (range.to !== undefined) return `${range.to} or earlier`;
  if (range.before !== undefined) return upper;
  return 'any version';
}
