import type { Logger } from '@slack/bolt';
import { MemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { isStoreUnavailableError } from '../store/store-unavailable-error.js';
import { OutageJournal } from './outage-journal.js';

export interface LocalFallbackOptions {
  logger?: Logger;
  /**
   * How often, while the shared store is away, a write is tried to see whether it is back. Default 1000 ms;
   * doubled (up to 30 s) each time the store fails again within a minute of coming back, so a Redis hovering at
   * its memory limit is not declared back and lost again every second.
   */
  probeIntervalMs?: number;
  /** Writes kept to write back when the store returns; the oldest are dropped first. Default 10000. */
  journalLimit?: number;
}

/** The shared store with a process-local fallback; `shared` says which one answers right now. */
export interface ResilientStore extends Store {
  readonly shared: boolean;
}

/**
 * The shared store with a process-local fallback. When a call fails because the store cannot serve (unreachable,
 * a timeout, or a refusal such as OOM under `noeviction` or READONLY after a failover, where reads still work but
 * writes do not), the whole replica switches to its own memory and stays there until a *write* succeeds again, so
 * a store that reads but cannot write does not flip back and forth on every call. Each change of state is logged
 * once. What was claimed or stored in memory meanwhile (event ids, thread claims, stored answers, deletions) is
 * written back when the store returns, claims with SET NX, so an issue annotated during the outage is not
 * annotated again in that thread afterwards. Rate-limit counters are not written back: their windows are a minute.
 *
 * While degraded and the store still reads (a refusal, not a lost connection), reads and claims also look at the
 * shared store, so an answer stored or an issue claimed before the outage is still found.
 *
 * Why fail over rather than fail closed: during an incident a missing annotation costs more than a rare
 * duplicate. With the fallback, Slack's retries of one event still land on the same replica most of the time
 * (Socket Mode retries on the same connection; HTTP retries usually reach the same pod), so what can slip
 * through is a duplicate across replicas, only while the store is away. Failing closed would silence every
 * incident channel for the length of the outage.
 */
export function withLocalFallback(primary: Store, options: LocalFallbackOptions = {}): ResilientStore {
  const logger = options.logger;
  const probeIntervalMs = options.probeIntervalMs ?? 1000;
  const journal = new OutageJournal(options.journalLimit ?? 10_000);
  let local = new MemoryStore();
  let degraded = false;
  /** True when the store refused a command but answers: reads are still worth asking it. */
  let readable = false;
  let probeTimer: NodeJS.Timeout | undefined;
  let probeEveryMs = probeIntervalMs;
  let backAt = Number.NEGATIVE_INFINITY;
  let probing = false;
  let flushing: Promise<void> | undefined;
  let closed = false;

  function degrade(error: unknown): void {
    readable = isStoreUnavailableError(error) && error.reason === 'refused';
    if (degraded) return;
    degraded = true;
    probeEveryMs = Date.now() - backAt < 60_000 ? Math.min(probeEveryMs * 2, 30_000) : probeIntervalMs;
    logger?.warn(
      `k8sfix: shared store unavailable: ${error instanceof Error ? error.message : String(error)}; ` +
        "answering from this replica's memory until it is back (deduplication and rate limits are per replica meanwhile)",
    );
    probeTimer = setInterval(() => void probe(), probeEveryMs);
    probeTimer.unref();
  }

  async function probe(): Promise<void> {
    if (probing || closed || !degraded) return;
    probing = true;
    try {
      await primary.set('store-probe', String(Date.now()), 10_000);
      await flush();
      if (!degraded || closed) return;
      degraded = false;
      readable = false;
      backAt = Date.now();
      clearInterval(probeTimer);
      const { written, conflicts, dropped } = journal.takeCounts();
      local = new MemoryStore();
      logger?.info(
        `k8sfix: shared store is back; wrote back ${written} claims and stored answers made during the outage` +
          `${conflicts > 0 ? ` (${conflicts} already taken by another replica)` : ''}` +
          `${dropped > 0 ? `, ${dropped} not written back (over the journal limit, or refused)` : ''}; deduplication is shared across replicas again`,
      );
      // Writes that finished on the old local store after the switch are written back too.
      if (journal.size > 0) void flush().catch(() => undefined);
    } catch (error) {
      readable = isStoreUnavailableError(error) && error.reason === 'refused';
    } finally {
      probing = false;
    }
  }

  /** Writes the journal back in order; an error leaves the rest for the next try. Single flight. */
  function flush(): Promise<void> {
    flushing ??= journal.replay(primary).finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  /** Runs a call on the shared store, or on local memory when the store cannot serve it. */
  async function run<T>(onPrimary: (store: Store) => Promise<T>, onLocal: () => Promise<T>): Promise<T> {
    if (!degraded) {
      try {
        return await onPrimary(primary);
      } catch (error) {
        if (closed) throw error;
        if (!isStoreUnavailableError(error)) {
          // A bug (a wrong type in Redis), not an outage: answer this call from memory, loudly, and stay shared.
          logger?.error(`k8sfix: unexpected shared store error, answered from memory: ${error instanceof Error ? error.message : String(error)}`);
          return onLocal();
        }
        degrade(error);
      }
    }
    return onLocal();
  }

  /** While degraded, a look at the shared store when it still reads; undefined when it cannot. */
  async function readThrough(key: string): Promise<string | undefined> {
    if (!readable) return undefined;
    try {
      return await primary.get(key);
    } catch {
      return undefined;
    }
  }

  function noteWrite(): void {
    if (!degraded && !closed) void flush().catch(() => undefined);
  }

  return {
    get shared() {
      return !degraded;
    },
    get: (key) =>
      run(
        (s) => s.get(key),
        async () => (await local.get(key)) ?? (await readThrough(key)),
      ),
    set: (key, value, ttlMs) =>
      run(
        (s) => s.set(key, value, ttlMs),
        async () => {
          await local.set(key, value, ttlMs);
          journal.set(key, value, ttlMs);
          noteWrite();
        },
      ),
    setIfAbsent: (key, value, ttlMs) =>
      run(
        (s) => s.setIfAbsent(key, value, ttlMs),
        async () => {
          if ((await readThrough(key)) !== undefined) return false;
          const won = await local.setIfAbsent(key, value, ttlMs);
          if (won) {
            journal.claim(key, value, ttlMs);
            noteWrite();
          }
          return won;
        },
      ),
    increment: (key, ttlMs) =>
      run(
        (s) => s.increment(key, ttlMs),
        () => local.increment(key, ttlMs),
      ),
    delete: (key) =>
      run(
        (s) => s.delete(key),
        async () => {
          await local.delete(key);
          journal.delete(key);
          noteWrite();
        },
      ),
    track: (indexKey, key, cap, ttlMs) =>
      run(
        (s) => s.track(indexKey, key, cap, ttlMs),
        async () => {
          await local.track(indexKey, key, cap, ttlMs);
          journal.track(indexKey, key, cap, ttlMs);
          noteWrite();
        },
      ),
    hashSet: (key, field, value, ttlMs) =>
      run(
        (s) => s.hashSet(key, field, value, ttlMs),
        () => local.hashSet(key, field, value, ttlMs),
      ),
    hashGetAll: (key) =>
      run(
        (s) => s.hashGetAll(key),
        () => local.hashGetAll(key),
      ),
    // Fix actions fail closed: their requests and audit trail never fall back to one replica's memory.
    compareAndSet: (key, expected, value, ttlMs) => primary.compareAndSet(key, expected, value, ttlMs),
    appendLog: (log, expectedLength, entry, expectedLast) => primary.appendLog(log, expectedLength, entry, expectedLast),
    readLog: (log, start) => primary.readLog(log, start),
    close: async () => {
      closed = true;
      clearInterval(probeTimer);
      await Promise.allSettled([primary.close(), local.close()]);
    },
  };
}
