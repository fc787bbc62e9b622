/**
 * Shared state behind one small interface: the in-memory store for a single replica, the Redis store when
 * several replicas must share deduplication, rate limits and cached cluster facts.
 * Values are strings (callers serialise); every key carries a time to live.
 */
export interface Store {
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Sets the value for ttlMs milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets the value only when the key is absent; true when this call set it (used to deduplicate). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Adds one to a counter that expires ttlMs after its first increment; returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  delete(key: string): Promise<void>;
  /**
   * Records `key` in the capped index `indexKey` (oldest first). When the index then holds more than `cap`
   * keys, the oldest leave it and are deleted; entries older than ttlMs leave it too (their keys have expired).
   * Bounds state that grows with use, such as stored answers per user. Atomic on Redis.
   */
  track(indexKey: string, key: string, cap: number, ttlMs: number): Promise<void>;
  /** Sets one field of a hash and makes the whole hash expire ttlMs from now (used for feedback marks). */
  hashSet(key: string, field: string, value: string, ttlMs: number): Promise<void>;
  /** Every field of a hash; empty when the hash is absent or expired. */
  hashGetAll(key: string): Promise<Record<string, string>>;
  /**
   * Sets the value only when the key now holds exactly `expected` (undefined: the key is absent), in one atomic
   * step; true when this call set it. Fix-action requests move between states with it, so two replicas handling
   * the same click cannot both win.
   */
  compareAndSet(key: string, expected: string | undefined, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Appends an entry to an append-only log (a Redis stream) only when the log holds exactly `expectedLength`
   * entries and, when `expectedLast` is given, its last entry is exactly that, atomically; true when appended. The
   * audit trail uses it so its hash chain has one order across replicas, and never chains onto a log that was lost
   * and written again to the same length. Logs never expire.
   */
  appendLog(log: string, expectedLength: number, entry: string, expectedLast?: string): Promise<boolean>;
  /** The log's entries from `start` (0-based) on, oldest first. */
  readLog(log: string, start?: number): Promise<string[]>;
  close(): Promise<void>;
}
