import { afterEach, describe, expect, test } from '@jest/globals';
import { withLocalFallback } from '../../src/slack/resilient-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { memoryLogger } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fallback store on its own, against a redis-server that stops answering (SIGSTOP) and comes back. */
describe('the shared store with a local fallback, when Redis stops answering', () => {
  let redis: RedisServer | undefined;
  const stores: Store[] = [];
  afterEach(async () => {
    redis?.resume();
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await redis?.stop();
  });

  test('a timeout switches the replica to memory once; calls are then fast; on return its writes are in Redis', async () => {
    redis = await startRedisServer();
    const logger = memoryLogger();
    const prefix = `fallback-${process.pid}:`;
    const store = withLocalFallback(new RedisStore({ url: redis.url, keyPrefix: prefix, commandTimeoutMs: 200 }), { logger, probeIntervalMs: 100 });
    const other = new RedisStore({ url: redis.url, keyPrefix: prefix });
    stores.push(store, other);
    expect(await store.setIfAbsent('claim:before', '1', 60_000)).toBe(true);

    redis.pause();
    const first = Date.now();
    expect(await store.setIfAbsent('claim:during', '1', 60_000)).toBe(true);
    const firstMs = Date.now() - first;
    const rest = Date.now();
    for (let i = 0; i < 20; i++) await store.set(`answer:${i}`, `a${i}`, 60_000);
    expect(await store.setIfAbsent('claim:during', '1', 60_000)).toBe(false);
    const restMs = Date.now() - rest;
    expect(store.shared).toBe(false);
    // The first call waited for the timeout; the 21 after it together took a fraction of that.
    expect(restMs).toBeLessThan(firstMs / 2);
    await sleep(400); // several probes, all timing out
    expect(logger.lines.filter((l) => l.includes('shared store unavailable'))).toEqual([
      expect.stringMatching(/did not answer in time/),
    ]);

    redis.resume();
    for (let i = 0; i < 100 && !store.shared; i++) await sleep(50);
    expect(store.shared).toBe(true);
    expect(logger.lines.filter((l) => l.includes('shared store is back'))).toHaveLength(1);
    // Another replica sees what was written in memory during the pause.
    expect(await other.setIfAbsent('claim:during', '1', 60_000)).toBe(false);
    expect(await other.get('answer:19')).toBe('a19');
    expect(await other.get('claim:before')).toBe('1');
  });
});
