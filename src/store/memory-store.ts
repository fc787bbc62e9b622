import type { Store } from './store.js';

interface Slot {
  value: string;
  expiresAt: number;
}

/** The default store: one process, nothing shared. Expired keys are dropped when read or every 1000 writes. */
export class MemoryStore implements Store {
  private readonly slots = new Map<string, Slot>();
  /** Capped indexes: key -> when it was added, in insertion order (oldest first). */
  private readonly indexes = new Map<string, { keys: Map<string, number>; expiresAt: number }>();
  private readonly hashes = new Map<string, { fields: Map<string, string>; expiresAt: number }>();
  private readonly logs = new Map<string, string[]>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.write(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const slot = this.live(key);
    if (!slot) {
      this.write(key, '1', ttlMs);
      return 1;
    }
    const next = Number(slot.value) + 1;
    slot.value = String(next);
    return next;
  }

  async delete(key: string): Promise<void> {
    // Like Redis's DEL: whatever the key holds, a value, a hash or a log.
    this.slots.delete(key);
    this.hashes.delete(key);
    this.logs.delete(key);
  }

  async hashSet(key: string, field: string, value: string, ttlMs: number): Promise<void> {
    const hash = this.liveHash(key) ?? { fields: new Map<string, string>(), expiresAt: 0 };
    hash.fields.set(field, value);
    hash.expiresAt = this.now() + ttlMs;
    this.hashes.set(key, hash);
  }

  async hashGetAll(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.liveHash(key)?.fields ?? []);
  }

  async track(indexKey: string, key: string, cap: number, ttlMs: number): Promise<void> {
    const now = this.now();
    let index = this.indexes.get(indexKey);
    if (!index || index.expiresAt <= now) {
      index = { keys: new Map(), expiresAt: 0 };
      this.indexes.set(indexKey, index);
    }
    index.expiresAt = now + ttlMs;
    index.keys.delete(key); // re-adding moves the key to the newest end
    index.keys.set(key, now);
    // Oldest first: drop what expired, then what is over the cap.
    for (const [old, addedAt] of index.keys) {
      if (addedAt > now - ttlMs && index.keys.size <= cap) break;
      index.keys.delete(old);
      this.slots.delete(old);
    }
  }

  async compareAndSet(key: string, expected: string | undefined, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)?.value !== expected) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async appendLog(log: string, expectedLength: number, entry: string, expectedLast?: string): Promise<boolean> {
    const entries = this.logs.get(log) ?? [];
    if (entries.length !== expectedLength) return false;
    if (expectedLast !== undefined && entries[entries.length - 1] !== expectedLast) return false;
    entries.push(entry);
    this.logs.set(log, entries);
    return true;
  }

  async readLog(log: string, start = 0): Promise<string[]> {
    return (this.logs.get(log) ?? []).slice(start);
  }

  async close(): Promise<void> {
    this.slots.clear();
    this.indexes.clear();
    this.hashes.clear();
    this.logs.clear();
  }

  private liveHash(key: string): { fields: Map<string, string>; expiresAt: number } | undefined {
    const hash = this.hashes.get(key);
    if (hash && hash.expiresAt <= this.now()) {
      this.hashes.delete(key);
      return undefined;
    }
    return hash;
  }

  private live(key: string): Slot | undefined {
    const slot = this.slots.get(key);
    if (slot && slot.expiresAt <= this.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  private write(key: string, value: string, ttlMs: number): void {
    this.slots.set(key, { value, expiresAt: this.now() + ttlMs });
    if (++this.writes % 1000 === 0) this.sweep();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, slot] of this.slots) if (slot.expiresAt <= now) this.slots.delete(key);
    for (const [key, index] of this.indexes) if (index.expiresAt <= now) this.indexes.delete(key);
  }
}
