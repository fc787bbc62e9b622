import { normalizeLine, squeeze } from './normalize.js';

/** Evidence lines are at most this long. */
export const MAX_EVIDENCE_CHARS = 300;
/** Characters of the line shown before the matched position, so the reader sees what led to it. */
const CONTEXT_BEFORE = 80;

/**
 * The part of `line` around squeezed offset `squeezedAt` (an offset into squeeze(normalizeLine(line))), at most
 * MAX_EVIDENCE_CHARS long, with `…` on each side that was cut. A long line is shown where it matched, not
 * from its start.
 */
export function evidenceExcerpt(line: string, squeezedAt: number): string {
  if (line.length <= MAX_EVIDENCE_CHARS) return line;
  const at = squeezedAt <= 0 ? 0 : rawOffsetOf(line, squeezedAt);
  let start = Math.max(0, at - CONTEXT_BEFORE);
  let end = Math.min(line.length, start + MAX_EVIDENCE_CHARS - 2);
  if (end === line.length) start = Math.max(0, end - (MAX_EVIDENCE_CHARS - 1));
  if (start === 0) end = Math.min(line.length, MAX_EVIDENCE_CHARS - 1);
  // Do not split a surrogate pair (a cut emoji or CJK extension character would print as garbage).
  if (start > 0 && isLowSurrogate(line.charCodeAt(start))) start++;
  if (end < line.length && isLowSurrogate(line.charCodeAt(end))) end--;
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

/**
 * The first raw offset whose prefix squeezes to more than `squeezedAt` characters. Normalisation replaces
 * tokens (timestamps, ids) by shorter ones and squeezing drops characters, so the map is found by bisection
 * on prefixes rather than kept for every line: only the few lines shown as evidence pay for it.
 */
function rawOffsetOf(line: string, squeezedAt: number): number {
  let low = 0;
  let high = line.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (squeeze(normalizeLine(line.slice(0, mid + 1))).length > squeezedAt) high = mid;
    else low = mid + 1;
  }
  return low;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
