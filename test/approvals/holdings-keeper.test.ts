/**
 * What one replica holds for fix actions (node locks, the disruption budget) through Redis restarting empty, on a
 * real redis-server: FLUSHALL is what a Redis without persistence looks like after a restart.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { Redis } from 'ioredis';
import { HoldingsKeeper } from '../../src/approvals/holdings-keeper.js';
import { lockNodes } from '../../src/approvals/node-lock.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let redis: RedisServer;
let admin: Redis;
const opened: { keeper: HoldingsKeeper; store: RedisStore }[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
});
afterEach(async () => {
  for (const { keeper, store } of opened.splice(0)) {
    keeper.close();
    await store.close();
  }
  await admin.flushall();
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

function replica(settleMs: number, lost: string[] = []) {
  const store = new RedisStore({ url: redis.url, keyPrefix: 'keeper:' });
  const keeper = new HoldingsKeeper(store, { settleMs, onLost: (what) => lost.push(what) });
  opened.push({ keeper, store });
  return { store, keeper };
}

const SETTLED = { id: expect.any(String), bornAt: expect.any(Number) };

const until = async (done: () => Promise<boolean>, ms = 3000) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
};

describe('a replica keeps its node locks and budget through Redis restarting empty', () => {
  test('a lock held by a running fix is taken back, and another replica waits for the new store to settle first', async () => {
    const a = replica(500);
    const b = replica(500);
    expect(await a.keeper.settled()).toEqual(SETTLED);
    expect(await a.keeper.lock('abm-edge', ['edge-node-1'], 'req-a')).toBeUndefined();
    await admin.flushall();
    // b would find the node free in the empty store, but it may not lock before the new store has settled.
    expect(await b.keeper.settled()).toEqual(SETTLED);
    expect(await b.keeper.lock('abm-edge', ['edge-node-1'], 'req-b')).toEqual({ busy: 'edge-node-1', by: 'req-a' });
  });

  test('a lock another request took in the meantime is reported, not taken from it', async () => {
    const lost: string[] = [];
    const a = replica(500, lost);
    expect(await a.keeper.lock('abm-edge', ['edge-node-1'], 'req-a')).toBeUndefined();
    await admin.flushall();
    // Another replica without the settling rule (an older k8sfix, say) locks the node at once.
    const other = replica(0);
    expect(await lockNodes(other.store, 'abm-edge', ['edge-node-1'], 'req-other')).toBeUndefined();
    expect(await until(async () => lost.length > 0)).toBe(true);
    expect(lost).toEqual(['node edge-node-1 of abm-edge was locked by request req-a, which is still running, but the shared store lost the lock and another request took the node']);
  });

  test('a released lock is not taken back', async () => {
    const a = replica(300);
    expect(await a.keeper.lock('abm-edge', ['edge-node-1'], 'req-a')).toBeUndefined();
    await a.keeper.unlock('abm-edge', ['edge-node-1'], 'req-a');
    await admin.flushall();
    expect(await a.keeper.settled()).toEqual(SETTLED);
    expect(await lockNodes(a.store, 'abm-edge', ['edge-node-1'], 'req-next')).toBeUndefined();
  });

  test('the budget taken this hour is put back', async () => {
    const now = Date.now();
    const a = replica(300);
    expect(await a.keeper.takeBudget('abm-edge', 1, 'req-a', now)).toBe(true);
    await admin.flushall();
    const b = replica(300);
    expect(await b.keeper.settled()).toEqual(SETTLED);
    expect(await b.keeper.takeBudget('abm-edge', 1, 'req-b', now + 1000)).toBe(false);
  });

  test('a generation that changed after it settled is not the one the locks were taken in', async () => {
    const a = replica(0);
    const trusted = (await a.keeper.settled())!;
    expect(await a.keeper.stillIn(trusted)).toBe(true);
    await admin.flushall();
    expect(await a.keeper.stillIn(trusted)).toBe(false);
  });

  test('a store that restarts every time the replica waits is never trusted', async () => {
    const a = replica(300);
    const flapping = setInterval(() => void admin.flushall(), 100);
    try {
      expect(await a.keeper.settled()).toBeUndefined();
    } finally {
      clearInterval(flapping);
    }
  });
});
