import { MemoryStore } from '../../src/store/memory-store.js';

/** A real in-memory store whose log reads fail while `down` is set, as a Redis that went away would. */
export function flakyLogStore(): { store: MemoryStore; flaky: MemoryStore; setDown(down: boolean): void } {
  const store = new MemoryStore();
  let down = false;
  const flaky = Object.assign(Object.create(store) as MemoryStore, {
    readLog: (log: string, start?: number) => (down ? Promise.reject(new Error('store unreachable')) : store.readLog(log, start)),
  });
  return { store, flaky, setDown: (value) => void (down = value) };
}
