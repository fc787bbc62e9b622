import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

/**
 * One life of the shared store. Redis in the cluster keeps nothing on disk, so a restart loses every node lock and
 * the disruption budget with it; a new generation says so. Its key is read often, so `volatile-lru` is unlikely
 * to evict it, and an eviction only looks like a restart (the safe side).
 */
export interface StoreGeneration {
  id: string;
  /** When the first replica to find the store without a generation wrote this one (ms since the epoch). */
  bornAt: number;
}

const GENERATION_KEY = 'actions:store-generation';
const GENERATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function parse(raw: string | undefined): StoreGeneration | undefined {
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoreGeneration>;
    return typeof value.id === 'string' && typeof value.bornAt === 'number' ? { id: value.id, bornAt: value.bornAt } : undefined;
  } catch {
    return undefined;
  }
}

/** The store's generation, written now when it has none (or an unreadable one); two replicas racing agree on one. */
export async function currentGeneration(store: Store, now: number): Promise<StoreGeneration> {
  for (let race = 0; race < 5; race++) {
    const raw = await store.get(GENERATION_KEY);
    const found = parse(raw);
    if (found) {
      // Read means in use: a store that never restarts keeps its generation however long it runs.
      await store.compareAndSet(GENERATION_KEY, raw, raw!, GENERATION_TTL_MS);
      return found;
    }
    const born: StoreGeneration = { id: randomBytes(8).toString('hex'), bornAt: now };
    if (await store.compareAndSet(GENERATION_KEY, raw, JSON.stringify(born), GENERATION_TTL_MS)) return born;
  }
  throw new Error('the shared store generation changed under this replica 5 times in a row');
}
