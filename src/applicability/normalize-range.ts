import type { VersionRange } from '../catalogue/types.js';

// "1.13.0-1.13.2" as Anthos pages write a span; both sides need two or more parts so that kernel
// builds like "5.15.0-1034" are not mistaken for one.
const SPAN = /^\s*v?(\d+(?:\.\d+)+)\s*(?:-|–|~|to)\s*v?(\d+(?:\.\d+)+)\s*$/;

/** A range whose bound was written as a span (`to: "1.13.0-1.13.2"`) becomes `{ from, to }`. */
export function normalizeRange(range: VersionRange): VersionRange {
  for (const key of ['from', 'to', 'before'] as const) {
    const span = range[key] !== undefined ? SPAN.exec(range[key]!) : null;
    if (!span) continue;
    const rest = { ...range };
    delete rest[key];
    return { ...rest, from: range.from !== undefined && key !== 'from' ? range.from : span[1]!, to: span[2]! };
  }
  return range;
}
