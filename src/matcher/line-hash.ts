/**
 * A 52-bit hash of a squeezed line, for deduplicating lines without keeping them: a log of a million distinct
 * lines costs a million numbers, not the lines' text. Two 32-bit FNV-1a variants with different seeds; at a
 * million lines the chance that two distinct lines collide (and one is skipped) is about one in ten thousand.
 */
export function lineHash(text: string): number {
  return hashOfRange(text, 0, text.length);
}

/**
 * `lineHash` of each NUL-separated piece of a squeezed batch (see PendingBatch), in order, without splitting it:
 * the normalising worker hashes the lines it squeezed, so the thread that reads the log does not.
 */
export function lineHashesOfBatch(joined: string): Float64Array {
  let pieces = 1;
  for (let at = joined.indexOf('\u0000'); at !== -1; at = joined.indexOf('\u0000', at + 1)) pieces++;
  const hashes = new Float64Array(pieces);
  let start = 0;
  for (let i = 0; i < pieces; i++) {
    const end = i === pieces - 1 ? joined.length : joined.indexOf('\u0000', start);
    hashes[i] = hashOfRange(joined, start, end);
    start = end + 1;
  }
  return hashes;
}

/** `lineHash` of `text.slice(start, end)`, read in place. */
function hashOfRange(text: string, start: number, end: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ (end - start);
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
