/**
 * A 52-bit hash of a squeezed line, for deduplicating lines without keeping them: a log of a million distinct
 * lines costs a million numbers, not the lines' text. Two 32-bit FNV-1a variants with different seeds; at a
 * million lines the chance that two distinct lines collide (and one is skipped) is about one in ten thousand.
 */
export function lineHash(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
