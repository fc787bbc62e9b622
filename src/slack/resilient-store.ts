import type { Logger } from '@slack/bolt';
import { MemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';

/**
 * The shared store with a process-local fallback. While Redis is away every call goes to a local MemoryStore,
 * so the bot keeps answering and still deduplicates what this replica saw.
 *
 * Why fail over rather than fail closed: during an incident a missing annotation costs more than a rare
 * duplicate. With the fallback, Slack's retries of one event still land on the same replica most of the time
 * (Socket Mode retries on the same connection; HTTP retries usually reach the same pod), so what can slip
 * through is a duplicate across replicas, only while Redis is down. Failing closed would silence every
 * incident channel for the length of the outage.
 */
export function withLocalFallback(primary: Store, logger?: Logger): Store {
  const local = new MemoryStore();
  let degraded = false;
  async function run<T>(call: (store: Store) => Promise<T>): Promise<T> {
    try {
      const result = await call(primary);
      if (degraded) {
        degraded = false;
        logger?.info('k8sfix: the shared store is back; deduplication is shared across replicas again');
      }
      return result;
    } catch (error) {
      if (!degraded) {
        degraded = true;
        logger?.warn(
          `k8sfix: the shared store failed (${error instanceof Error ? error.message : String(error)}); ` +
            'using this process’s memory for deduplication and rate limits until it is back',
        );
      }
      return call(local);
    }
  }
  return {
    get: (key) => run((s) => s.get(key)),
    set: (key, value, ttlMs) => run((s) => s.set(key, value, ttlMs)),
    setIfAbsent: (key, value, ttlMs) => run((s) => s.setIfAbsent(key, value, ttlMs)),
    increment: (key, ttlMs) => run((s) => s.increment(key, ttlMs)),
    delete: (key) => run((s) => s.delete(key)),
    // Fix actions fail closed: their requests and audit trail never fall back to one replica's memory.
    compareAndSet: (key, expected, value, ttlMs) => primary.compareAndSet(key, expected, value, ttlMs),
    appendLog: (log, expectedLength, entry) => primary.appendLog(log, expectedLength, entry),
    readLog: (log, start) => primary.readLog(log, start),
    close: async () => {
      await Promise.allSettled([primary.close(), local.close()]);
    },
  };
}
