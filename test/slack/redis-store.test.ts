import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RedisStore } from '../../src/store/redis-store.js';
import { postSigned, slashCommandBody } from '../support/signed-request.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, SECRET, startHarness, type Harness } from './harness.js';

/**
 * Two replicas of the app sharing one real redis-server: Slack may deliver one event to either (and retry it
 * to the other); together they reply once. When Redis goes away they still answer.
 */
describe('two replicas on a shared Redis', () => {
  let redis: RedisServer;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    redis = await startRedisServer();
    const prefix = `k8sfix-test-${process.pid}:`;
    a = await startHarness({ store: new RedisStore({ url: redis.url, keyPrefix: prefix }), env: { K8SFIX_CHANNEL_RATE_LIMIT: '2' } });
    b = await startHarness({ store: new RedisStore({ url: redis.url, keyPrefix: prefix }), env: { K8SFIX_CHANNEL_RATE_LIMIT: '2' } });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  const message = (ts: string, fields: Record<string, unknown> = {}) => ({
    type: 'message',
    channel: INCIDENT_CHANNEL,
    channel_type: 'channel',
    user: 'U0USER001',
    text: IP_LEAK_PASTE,
    ts,
    ...fields,
  });
  const postCount = () => a.fake.callsTo('chat.postMessage').length + b.fake.callsTo('chat.postMessage').length;

  test('an event delivered to both replicas is answered once', async () => {
    await Promise.all([a.event(message('1700000001.000100'), { eventId: 'EvR1' }), b.event(message('1700000001.000100'), { eventId: 'EvR1' })]);
    await Promise.all([a.idle(), b.idle()]);
    expect(postCount()).toBe(1);
  });

  test('the same issue in the same thread, pasted to different replicas, is annotated once; the rate limit is shared', async () => {
    await a.event(message('1700000002.000100'));
    await a.idle();
    await b.event(message('1700000003.000100', { thread_ts: '1700000002.000100' }));
    await b.idle();
    expect(postCount()).toBe(2);
    // Two replies per minute across both replicas: this one is over the shared limit.
    await b.event(message('1700000004.000100'));
    await b.idle();
    expect(postCount()).toBe(2);
  });

  test('a share button pressed on the other replica finds the stored answer', async () => {
    await a.command(IP_LEAK_PASTE, 'r-cmd');
    const [reply] = await a.fake.waitFor((c) => c.id === 'r-cmd');
    const ref = (reply!.body.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((x) => x.elements ?? []).find((e) => e.action_id === 'k8sfix_share')!.value!;
    await b.action({
      type: 'block_actions',
      user: { id: 'U0USER001' },
      team: { id: 'T0001' },
      channel: { id: 'C0INC0001' },
      api_app_id: 'A0APP0001',
      response_url: b.fake.responseUrl('r-share'),
      actions: [{ type: 'button', action_id: 'k8sfix_share', block_id: 'k8sfix_share', value: ref, action_ts: '1' }],
    });
    const [shared] = await b.fake.waitFor((c) => c.id === 'r-share');
    expect(shared!.body.response_type).toBe('in_channel');
  });

  test('a signed /k8sfix replayed to the other replica is refused there', async () => {
    const body = slashCommandBody({ text: 'help', response_url: a.fake.responseUrl('replay-x') });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postSigned(a.eventsUrl, SECRET, body, 'application/x-www-form-urlencoded', { timestamp });
    const replay = await postSigned(b.eventsUrl, SECRET, body, 'application/x-www-form-urlencoded', { timestamp });
    expect([first.status, replay.status]).toEqual([200, 401]);
    await a.fake.waitFor((c) => c.id === 'replay-x');
    await Promise.all([a.idle(), b.idle()]);
    expect(a.fake.callsTo('respond', 'replay-x')).toHaveLength(1);
  });

  test('with Redis gone, replicas still answer, deduplicating in their own memory', async () => {
    await redis.stop();
    await a.command(IP_LEAK_PASTE, 'down-cmd');
    const [reply] = await a.fake.waitFor((c) => c.id === 'down-cmd');
    expect(blocksText(reply!.body.blocks)).toContain('failed to allocate for range 0');
    const before = postCount();
    await a.event(message('1700000005.000100', { channel: 'C0INC0002' }), { eventId: 'EvDOWN' });
    await a.event(message('1700000005.000100', { channel: 'C0INC0002' }), { eventId: 'EvDOWN' });
    await a.idle();
    expect(postCount()).toBe(before + 1);
    expect(a.logger.lines.filter((l) => l.includes('shared store unavailable'))).toHaveLength(1);
  });

  test('when Redis is back, the thread claimed meanwhile is not annotated again by the other replica', async () => {
    redis = await startRedisServer({ port: redis.port }); // an empty Redis: nothing survived the outage
    for (let i = 0; i < 200 && !a.logger.lines.some((l) => l.includes('shared store is back')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(a.logger.lines.filter((l) => l.includes('shared store is back'))).toHaveLength(1);
    const before = postCount();
    await b.event(message('1700000006.000100', { channel: 'C0INC0002', thread_ts: '1700000005.000100' }));
    await b.event(message('1700000005.000100', { channel: 'C0INC0002' }), { eventId: 'EvDOWN' });
    await b.idle();
    expect(postCount()).toBe(before);
  });
});
