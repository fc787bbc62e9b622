import type { Store } from '../store/store.js';
import { isStoreUnavailableError } from '../store/store-unavailable-error.js';

type Entry =
  | { op: 'set'; key: string; value: string; expiresAt: number }
  | { op: 'claim'; key: string; value: string; expiresAt: number }
  | { op: 'delete'; key: string }
  | { op: 'track'; indexKey: string; key: string; cap: number; ttlMs: number };

/**
 * The writes a replica made in its own memory while the shared store was away, in order, to be written back
 * when it returns: values (stored answers, cached names) with what is left of their time to live, claims (event
 * ids, once-per-thread annotations) with SET NX so a claim another replica made meanwhile is kept, deletions
 * (released claims) and capped-index entries. Bounded: past `limit` entries the oldest are dropped and counted.
 */
export class OutageJournal {
  private readonly entries: Entry[] = [];
  private written = 0;
  private conflicts = 0;
  private dropped = 0;

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  set(key: string, value: string, ttlMs: number): void {
    this.push({ op: 'set', key, value, expiresAt: this.now() + ttlMs });
  }

  claim(key: string, value: string, ttlMs: number): void {
    this.push({ op: 'claim', key, value, expiresAt: this.now() + ttlMs });
  }

  delete(key: string): void {
    this.push({ op: 'delete', key });
  }

  track(indexKey: string, key: string, cap: number, ttlMs: number): void {
    this.push({ op: 'track', indexKey, key, cap, ttlMs });
  }

  /**
   * Writes every entry back in order, including entries added while it runs. An entry leaves the journal only once
   * written, so the store going away again keeps it and the rest for the next try.
   */
  async replay(store: Store): Promise<void> {
    for (let entry = this.entries[0]; entry; entry = this.entries[0]) {
      try {
        await this.apply(store, entry);
      } catch (error) {
        // Gone again: keep this entry and the rest. Anything else would fail forever: drop it, don't block the rest.
        if (isStoreUnavailableError(error)) throw error;
        this.dropped++;
      }
      if (this.entries[0] === entry) this.entries.shift();
    }
  }

  /** What was written back since the last call, and reset. */
  takeCounts(): { written: number; conflicts: number; dropped: number } {
    const counts = { written: this.written, conflicts: this.conflicts, dropped: this.dropped };
    this.written = 0;
    this.conflicts = 0;
    this.dropped = 0;
    return counts;
  }

  private async apply(store: Store, entry: Entry): Promise<void> {
    switch (entry.op) {
      case 'set': {
        const left = entry.expiresAt - this.now();
        if (left > 0) {
          await store.set(entry.key, entry.value, left);
          this.written++;
        }
        return;
      }
      case 'claim': {
        const left = entry.expiresAt - this.now();
        if (left > 0) {
          if (await store.setIfAbsent(entry.key, entry.value, left)) this.written++;
          else this.conflicts++;
        }
        return;
      }
      case 'delete':
        await store.delete(entry.key);
        return;
      case 'track':
        await store.track(entry.indexKey, entry.key, entry.cap, entry.ttlMs);
        return;
    }
  }

  private push(entry: Entry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) {
      this.entries.shift();
      this.dropped++;
    }
  }
}
