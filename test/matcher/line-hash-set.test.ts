import { describe, expect, test } from '@jest/globals';
import { lineHash } from '../../src/matcher/line-hash.js';
import { LineHashSet } from '../../src/matcher/line-hash-set.js';

describe('the set of line hashes', () => {
  test('holds what a Set<number> holds, through growth and clearing, at the ends of the range too', () => {
    const hashes = new LineHashSet();
    const reference = new Set<number>();
    const values = [0, 2 ** 52 - 1, ...Array.from({ length: 200_000 }, (_, i) => lineHash(`line ${i % 150_000}`))];
    let disagreements = 0;
    values.forEach((value, i) => {
      if (hashes.has(value) !== reference.has(value)) disagreements++;
      hashes.add(value);
      reference.add(value);
      if (i === 100_000) {
        hashes.clear();
        reference.clear();
      }
    });
    for (const value of reference) if (!hashes.has(value)) disagreements++;
    expect(disagreements).toBe(0);
    expect(hashes.size).toBe(reference.size);
  });
});
