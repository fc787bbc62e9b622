import type { Store } from './store.js';

interface Slot {
  value: string;
  expiresAt: number;
}

/** The default store: one process, nothing shared. Expired keys are dropped when read or every 1000 writes. */
export class MemoryStore implements Store {
  private readonly slots = new Map<string, Slot>();
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
    this.slots.delete(key);
  }

  async compareAndSet(key: string, expected: string | undefined, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)?.value !== expected) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async appendLog(log: string, expectedLength: number, entry: string): Promise<boolean> {
    const entries = this.logs.get(log) ?? [];
    if (entries.length !== expectedLength) return false;
    entries.push(entry);
    this.logs.set(log, entries);
    return true;
  }

  async readLog(log: string, start = 0): Promise<string[]> {
    return (this.logs.get(log) ?? []).slice(start);
  }

  async close(): Promise<void> {
    this.slots.clear();
    this.logs.clear();
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
  }
}
