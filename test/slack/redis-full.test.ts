import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Redis } from 'ioredis';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForLine(h: Harness, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!h.logger.lines.some((l) => l.includes(text))) {
    if (Date.now() > deadline) throw new Error(`no log line with "${text}" within ${timeoutMs} ms; got:\n${h.logger.lines.join('\n')}`);
    await sleep(50);
  }
}

/**
 * Two replicas on a real redis-server with `maxmemory` and `noeviction`, filled until it refuses writes with OOM
 * (reads still work), then emptied. The replicas must treat the refused writes as an outage (one log line, not a
 * flip on every call), keep answering, and when Redis takes writes again write back what they claimed meanwhile,
 * so an issue annotated during the outage is not annotated again in that thread by the other replica.
 */
describe('two replicas on a Redis that is full', () => {
  let redis: RedisServer;
  let raw: Redis;
  let a: Harness;
  let b: Harness;
  let fillers = 0;
  beforeAll(async () => {
    redis = await startRedisServer({ maxmemory: '8mb', maxmemoryPolicy: 'noeviction' });
    raw = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const prefix = `k8sfix-full-${process.pid}:`;
    const env = { K8SFIX_CHANNEL_RATE_LIMIT: '50' };
    a = await startHarness({ store: new RedisStore({ url: redis.url, keyPrefix: prefix }), env });
    b = await startHarness({ store: new RedisStore({ url: redis.url, keyPrefix: prefix }), env });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    raw?.disconnect();
    await redis?.stop();
  });

  let ts = 1700001000;
  const nextTs = () => `${ts++}.000100`;
  const paste = (fields: Record<string, unknown> = {}) => ({
    type: 'message',
    channel: INCIDENT_CHANNEL,
    channel_type: 'channel',
    user: 'U0USER001',
    text: IP_LEAK_PASTE,
    ts: nextTs(),
    ...fields,
  });
  const replies = (h: Harness) => h.fake.callsTo('chat.postMessage');
  const total = () => replies(a).length + replies(b).length;

  /**
   * Writes values until Redis answers OOM, then smaller ones, down to a few bytes: a refused big value only
   * proves that value did not fit, and the app's writes are small.
   */
  async function fill(): Promise<void> {
    for (const size of [512 * 1024, 32 * 1024, 1024, 16]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          await raw.set(`filler:${fillers++}`, chunk);
        } catch (error) {
          expect(String(error)).toMatch(/OOM command not allowed/);
          break;
        }
        if (fillers > 20_000) throw new Error('Redis never filled up: is maxmemory applied?');
      }
    }
    // Redis frees a few KB of client buffers now and then, which would let a small write through at the very
    // edge; a limit 1 MB under what the data now takes keeps it full until the data is deleted.
    const used = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1]);
    await raw.config('SET', 'maxmemory', String(used - 1024 * 1024));
  }

  let rootBefore: string;
  let rootDuring: string;
  let replyDuringTs: string;
  let refDuring: string;

  test('before it fills, a thread is annotated once across the replicas', async () => {
    const root = paste();
    rootBefore = root.ts;
    await a.event(root);
    await a.idle();
    expect(total()).toBe(1);
  });

  test('while full: both replicas keep answering, each logs the outage once, and a claim made before it still counts', async () => {
    await fill();
    // An event while nothing can be written: answered (fail open). Its id is kept in A's memory.
    await a.event(paste(), { eventId: 'EvFULL1' });
    await a.idle();
    expect(total()).toBe(2);
    // The thread annotated before the outage is still claimed: Redis still reads, and a degraded replica looks.
    await b.event(paste({ thread_ts: rootBefore }));
    await b.idle();
    expect(total()).toBe(2);
    // A new thread during the outage: annotated once, claimed in A's memory.
    const root = paste();
    rootDuring = root.ts;
    await a.event(root);
    await a.idle();
    expect(total()).toBe(3);
    const reply = replies(a).at(-1)!;
    replyDuringTs = String(reply.response!.ts);
    refDuring = (reply.body.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((x) => x.elements ?? [])
      .find((e) => e.action_id === ACTION_IDS.fullAnswer)!.value!;
    // More calls, reads and writes, on both replicas: still one line each.
    for (let i = 0; i < 5; i++) await Promise.all([a.command(IP_LEAK_PASTE, `full-cmd-a${i}`), b.command(IP_LEAK_PASTE, `full-cmd-b${i}`)]);
    await a.fake.waitFor((c) => c.method === 'respond', 5);
    await b.fake.waitFor((c) => c.method === 'respond', 5);
    await sleep(1500); // a probe or two while still full
    for (const h of [a, b]) {
      const lines = h.logger.lines;
      expect(lines.filter((l) => l.includes('shared store unavailable'))).toHaveLength(1);
      expect(lines.find((l) => l.includes('shared store unavailable'))).toMatch(/refuses the command \(OOM command not allowed/);
      expect(lines.filter((l) => l.includes('shared store is back'))).toHaveLength(0);
    }
  });

  test('when Redis takes writes again, what was claimed meanwhile is written back: no second annotation, no second answer', async () => {
    const fillerKeys = Array.from({ length: fillers }, (_, i) => `filler:${i}`);
    await raw.del(...fillerKeys);
    await raw.config('SET', 'maxmemory', '8mb');
    await Promise.all([waitForLine(a, 'shared store is back'), waitForLine(b, 'shared store is back')]);
    expect(a.logger.lines.find((l) => l.includes('shared store is back'))).toMatch(/wrote back [1-9]\d* claims and stored answers/);

    // The same issue pasted again in the thread annotated during the outage, now on the other replica.
    await b.event(paste({ thread_ts: rootDuring }));
    // The event answered during the outage, retried to the other replica.
    await b.event(paste(), { eventId: 'EvFULL1' });
    await b.idle();
    expect(total()).toBe(3);

    // The full answer stored during the outage is found by the other replica.
    await b.action({
      type: 'block_actions',
      user: { id: 'U0USER002' },
      team: { id: 'T0001' },
      channel: { id: INCIDENT_CHANNEL },
      container: { type: 'message', channel_id: INCIDENT_CHANNEL, message_ts: replyDuringTs },
      message: { ts: replyDuringTs, thread_ts: rootDuring, text: 'x' },
      response_url: b.fake.responseUrl('full-after'),
      actions: [{ type: 'button', action_id: ACTION_IDS.fullAnswer, block_id: 'k8sfix_full_answer', value: refDuring, action_ts: '1' }],
    });
    const [update] = await b.fake.waitFor((c) => c.method === 'chat.update');
    expect(update!.body.ts).toBe(replyDuringTs);
    for (const h of [a, b]) expect(h.logger.lines.filter((l) => l.includes('shared store is back'))).toHaveLength(1);
  });
});
