import { afterEach, describe, expect, test } from '@jest/globals';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { blocksText, IP_LEAK_PASTE, startHarness, type Harness } from './harness.js';

const CHANNEL = 'C0GEN0001';

/** Runs `/k8sfix` for a user and returns the reference behind its "Post to channel" button. */
async function answerFor(h: Harness, user: string, id: string): Promise<string> {
  await h.command(IP_LEAK_PASTE, id, { user_id: user, channel_id: CHANNEL });
  const [reply] = await h.fake.waitFor((c) => c.id === id);
  return (reply!.body.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === ACTION_IDS.share)!.value!;
}

/** Presses "Post to channel" and returns what the user saw: shared, or the expired note. */
async function share(h: Harness, user: string, ref: string, id: string): Promise<'shared' | 'expired'> {
  await h.action({
    type: 'block_actions',
    user: { id: user },
    team: { id: 'T0001' },
    channel: { id: CHANNEL },
    response_url: h.fake.responseUrl(id),
    actions: [{ type: 'button', action_id: ACTION_IDS.share, block_id: 'k8sfix_share', value: ref, action_ts: '1' }],
  });
  const [reply] = await h.fake.waitFor((c) => c.id === id);
  if (reply!.body.response_type === 'in_channel') return 'shared';
  expect(blocksText(reply!.body.blocks)).toContain('This answer is no longer stored');
  return 'expired';
}

/**
 * Stored answers are bounded per user and in total, the oldest dropped first, in memory and on Redis: a user
 * who keeps running `/k8sfix` cannot grow the store, and the answers they can still post are their latest.
 */
describe.each([
  ['memory', undefined as (() => Promise<{ store: RedisStore; redis: RedisServer }>) | undefined],
  [
    'Redis',
    async () => {
      const redis = await startRedisServer();
      return { redis, store: new RedisStore({ url: redis.url, keyPrefix: `caps-${process.pid}:` }) };
    },
  ],
])('stored answers are capped (%s)', (_name, openRedis) => {
  let h: Harness | undefined;
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await h?.stop();
    await redis?.stop();
    h = undefined;
    redis = undefined;
  });

  async function start(env: Record<string, string>): Promise<Harness> {
    const backend = openRedis ? await openRedis() : undefined;
    redis = backend?.redis;
    h = await startHarness({ env, ...(backend ? { store: backend.store } : {}) });
    return h;
  }

  test('per user: the third answer of a user capped at two drops their first, not anyone else\'s', async () => {
    const app = await start({ K8SFIX_ANSWERS_PER_USER: '2' });
    const bob = await answerFor(app, 'U0BOB0001', 'bob-1');
    const refs: string[] = [];
    for (let i = 1; i <= 3; i++) refs.push(await answerFor(app, 'U0ALICE01', `alice-${i}`));
    expect(await share(app, 'U0ALICE01', refs[0]!, 'share-a1')).toBe('expired');
    expect(await share(app, 'U0ALICE01', refs[2]!, 'share-a3')).toBe('shared');
    expect(await share(app, 'U0BOB0001', bob, 'share-b1')).toBe('shared');
  });

  test('in total: past the total cap the oldest answer goes, whoever it belonged to', async () => {
    const app = await start({ K8SFIX_ANSWERS_TOTAL: '10' });
    const refs: string[] = [];
    for (let i = 0; i < 11; i++) refs.push(await answerFor(app, `U0USER${String(i).padStart(3, '0')}`, `user-${i}`));
    expect(await share(app, 'U0USER000', refs[0]!, 'share-0')).toBe('expired');
    expect(await share(app, 'U0USER001', refs[1]!, 'share-1')).toBe('shared');
    expect(await share(app, 'U0USER010', refs[10]!, 'share-10')).toBe('shared');
  });
});
