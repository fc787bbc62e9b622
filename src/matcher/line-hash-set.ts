/**
 * A set of `lineHash` values (integers below 2^52) in one typed table, open addressing: what a Set<number> of them
 * holds, without a heap number per value (those are not small integers) or a table the collector walks. A long
 * log remembers up to a million of them.
 */
const INITIAL_SLOTS = 1 << 8;

export class LineHashSet {
  /**
   * hash + 1 per slot (0: empty); the capacity is a power of two, at most half full. It starts small: every paste
   * makes one, most have a few lines, and zeroing a large table cost a one-line match a third of its time.
   */
  private slots = new Float64Array(INITIAL_SLOTS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(hash: number): boolean {
    const mask = this.slots.length - 1;
    const stored = hash + 1;
    for (let i = slotOf(hash, mask); ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === stored) return true;
      if (slot === 0) return false;
    }
  }

  add(hash: number): void {
    if (this.has(hash)) return;
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.place(hash + 1);
    this.count++;
  }

  clear(): void {
    this.slots = new Float64Array(INITIAL_SLOTS);
    this.count = 0;
  }

  private place(stored: number): void {
    const mask = this.slots.length - 1;
    let i = slotOf(stored - 1, mask);
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = stored;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (const stored of old) if (stored !== 0) this.place(stored);
  }
}

/** Both halves of the hash, mixed, in the table's bits. */
function slotOf(hash: number, mask: number): number {
  const low = hash % 0x100000000 | 0;
  const high = Math.floor(hash / 0x100000000) | 0;
  return (Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0) & mask;
}
