import type { Store } from '../store/store.js';
import type { Metrics } from './metrics.js';

/** The store with every failed call counted by operation (the caller still sees the error). */
export function countStoreErrors(store: Store, metrics: Metrics): Store {
  async function counted<R>(operation: string, call: () => Promise<R>): Promise<R> {
    try {
      return await call();
    } catch (error) {
      metrics.storeErrors.inc({ operation });
      throw error;
    }
  }
  return {
    get: (key) => counted('get', () => store.get(key)),
    set: (key, value, ttlMs) => counted('set', () => store.set(key, value, ttlMs)),
    setIfAbsent: (key, value, ttlMs) => counted('setIfAbsent', () => store.setIfAbsent(key, value, ttlMs)),
    increment: (key, ttlMs) => counted('increment', () => store.increment(key, ttlMs)),
    delete: (key) => counted('delete', () => store.delete(key)),
    hashSet: (key, field, value, ttlMs) => counted('hashSet', () => store.hashSet(key, field, value, ttlMs)),
    hashGetAll: (key) => counted('hashGetAll', () => store.hashGetAll(key)),
    track: (indexKey, key, cap, ttlMs) => counted('track', () => store.track(indexKey, key, cap, ttlMs)),
    compareAndSet: (key, expected, value, ttlMs) => counted('compareAndSet', () => store.compareAndSet(key, expected, value, ttlMs)),
    appendLog: (log, expectedLength, entry, expectedLast) => counted('appendLog', () => store.appendLog(log, expectedLength, entry, expectedLast)),
    readLog: (log, start) => counted('readLog', () => store.readLog(log, start)),
    close: () => store.close(),
  };
}
