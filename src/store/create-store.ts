import { MemoryStore } from './memory-store.js';
import { describeRedisUrl, RedisStore } from './redis-store.js';
import type { Store } from './store.js';

/**
 * The store for this process: Redis when `REDIS_URL` is set (so replicas share deduplication and rate limits),
 * otherwise in memory. A malformed `REDIS_URL` fails here, at start-up, rather than on the first message.
 * Redis need not be up yet: the store connects in the background and fails calls fast until it is.
 */
export function createStore(env: NodeJS.ProcessEnv = process.env): Store {
  const url = env.REDIS_URL?.trim();
  if (!url) return new MemoryStore();
  if (!isRedisUrl(url)) {
    throw new Error(
      `REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379, got ${describeRedisUrl(url)}: ` +
        'fix REDIS_URL, or unset it to keep state in memory (single replica only)',
    );
  }
  return new RedisStore({ url });
}

function isRedisUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
