/** Length of the substrings ("grams") the signature index is keyed by. */
export const GRAM = 8;

const FNV_OFFSET = 0x811c9dc5;

/** One step of FNV-1a: the hash of a gram's characters so far, with `code` after them. */
export function gramHashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/**
 * FNV-1a of the `length` characters of `text` from `at`, read without making a string. Sequential, so the hash of
 * a gram's first seven characters is a step on the way to the hash of all eight: the search reads both at once.
 */
export function gramHash(text: string, at: number, length = GRAM): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < length; i++) hash = gramHashStep(hash, text.charCodeAt(at + i));
  return hash;
}

/** The seed of `gramHash`, for a caller that takes its steps itself. */
export const GRAM_HASH_SEED = FNV_OFFSET;

/** A gram hash folded into `bits` bits, to index a bitset. */
export function gramBit(hash: number, bits: number): number {
  return (hash ^ (hash >>> bits)) & ((1 << bits) - 1);
}
