import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { eventCallbackBody, interactiveBody, postSigned, slashCommandBody, slackSignature } from '../support/signed-request.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, SECRET, startHarness, type Harness } from './harness.js';
import { alertmanagerMessage, directMessage, messageChanged, robustaMessage, slackConnectFileShare } from './incident-payloads.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const now = () => Math.floor(Date.now() / 1000);

/**
 * What reaches the app over HTTP before any listener runs: signed junk gets 400 and the process stays up, replays
 * of a signed request are refused, timestamps are accepted only within five minutes either way, and Slack's own
 * retries (new timestamp, new signature, same event id) still get exactly one reply.
 */
describe('requests at the HTTP receiver', () => {
  let h: Harness;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    h = await startHarness();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await h.stop();
  });

  // Bolt asks auth.test once for the bot's own id; everything else the app sends is a reply.
  const replies = () => h.fake.calls.filter((c) => c.method !== 'auth.test');
  const signed = (body: string, contentType: typeof FORM | typeof JSON_TYPE, timestamp?: number) =>
    postSigned(h.eventsUrl, SECRET, body, contentType, timestamp === undefined ? {} : { timestamp });

  const mention = (fields: Record<string, unknown> = {}) => ({
    type: 'app_mention',
    channel: 'C0GEN0001',
    user: 'U0USER001',
    text: `<@UBOT0001> ${IP_LEAK_PASTE}`,
    ts: `${now()}.000${Math.floor(Math.random() * 1000)}`,
    ...fields,
  });

  test.each([
    ['JSON null', 'null', JSON_TYPE],
    ['a JSON string', '"hello"', JSON_TYPE],
    ['a JSON array', '[1,2]', JSON_TYPE],
    ['a JSON number', '42', JSON_TYPE],
    ['not JSON', '{oops', JSON_TYPE],
    ['an unknown type', '{"type":"something_else"}', JSON_TYPE],
    ['payload=null', 'payload=null', FORM],
    ['payload=a string', 'payload=%22x%22', FORM],
    ['payload without type', `payload=${encodeURIComponent('{"actions":[]}')}`, FORM],
    ['block_actions with user null', interactiveBody({ type: 'block_actions', user: null, actions: [{ action_id: 'k8sfix_share', value: 'x' }] }), FORM],
    ['block_actions with channel null', interactiveBody({ type: 'block_actions', user: { id: 'U1' }, channel: null, actions: [{ action_id: 'k8sfix_share' }] }), FORM],
    ['block_actions without actions', interactiveBody({ type: 'block_actions', user: { id: 'U1' } }), FORM],
    ['a form without command fields', 'text=hello', FORM],
    ['a slash command with user_id twice', `${slashCommandBody({ text: 'help', response_url: 'http://127.0.0.1:9/r' })}&user_id=U2`, FORM],
    ['event null', JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: null }), JSON_TYPE],
    ['event without event_id', JSON.stringify({ type: 'event_callback', event: { type: 'app_mention', channel: 'C1', ts: '1.1' } }), JSON_TYPE],
    ['a mention with channel null', eventCallbackBody(mention({ channel: null })), JSON_TYPE],
    ['a mention with text null', eventCallbackBody(mention({ text: null })), JSON_TYPE],
    ['a mention with ts null', eventCallbackBody(mention({ ts: null })), JSON_TYPE],
    ['a message with files null', eventCallbackBody({ type: 'message', channel: INCIDENT_CHANNEL, user: 'U1', text: 'x', ts: '1.2', files: null }), JSON_TYPE],
    ['another event with channel null', eventCallbackBody({ type: 'reaction_added', channel: null, user: 'U1', ts: '1.3' }), JSON_TYPE],
    ['authorizations null items', JSON.stringify({ type: 'event_callback', event_id: 'Ev2', authorizations: [null], event: mention() }), JSON_TYPE],
  ])('a validly signed body that is %s gets 400 and nothing is posted', async (_why, body, contentType) => {
    const before = replies().length;
    const response = await signed(body, contentType as typeof FORM);
    expect(response.status).toBe(400);
    await h.idle();
    expect(replies().length).toBe(before);
  });

  // Real shapes of what incident channels receive (see test/slack/incident-payloads.ts for where each comes from).
  test.each([
    ['an Alertmanager bot_message (no user, attachments)', alertmanagerMessage()],
    ['a Robusta app post (blocks and attachment blocks)', robustaMessage()],
    ['a message_changed edit (no top-level user or text)', messageChanged({ type: 'message', channel: INCIDENT_CHANNEL, user: 'U1', text: 'a', ts: '1700000000.000100' }, 'b', 1700000060)],
    ['a Slack Connect file stub (no name, type or URL)', slackConnectFileShare('F0STUB001')],
    ['a direct message', directMessage('hello')],
  ])('a signed event that is %s passes the gate', async (_why, event) => {
    expect((await signed(eventCallbackBody(event), JSON_TYPE)).status).toBe(200);
    await h.idle();
  });

  test('after all that the process is up, nothing was rejected unhandled, and a real request is answered', async () => {
    const health = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    expect((await h.command(IP_LEAK_PASTE, 'after-junk')).status).toBe(200);
    const [reply] = await h.fake.waitFor((c) => c.id === 'after-junk');
    expect(blocksText(reply!.body.blocks)).toContain('failed to allocate for range 0');
    expect(rejections).toEqual([]);
    expect(h.logger.lines.some((l) => l.includes('HTTP 400') && l.includes('must be'))).toBe(true);
  });

  test('a replayed signed /k8sfix (same timestamp, same signature) is refused and answered once', async () => {
    const body = slashCommandBody({ text: IP_LEAK_PASTE, response_url: h.fake.responseUrl('replayed') });
    const ts = now();
    const first = await signed(body, FORM, ts);
    const replays = await Promise.all([signed(body, FORM, ts), signed(body, FORM, ts)]);
    expect([first.status, ...replays.map((r) => r.status)]).toEqual([200, 401, 401]);
    await h.fake.waitFor((c) => c.id === 'replayed');
    await h.idle();
    expect(h.fake.callsTo('respond', 'replayed')).toHaveLength(1);
    expect(h.logger.lines.some((l) => l.includes('already received (a replay)'))).toBe(true);
  });

  test('a replayed "Post to channel" click posts once', async () => {
    await h.command(IP_LEAK_PASTE, 'to-share', { user_id: 'U0USER001', channel_id: 'C0GEN0001' });
    const [reply] = await h.fake.waitFor((c) => c.id === 'to-share');
    const ref = (reply!.body.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ACTION_IDS.share)!.value!;
    const click = interactiveBody({
      type: 'block_actions',
      user: { id: 'U0USER001' },
      team: { id: 'T0001' },
      channel: { id: 'C0GEN0001' },
      container: { type: 'message', channel_id: 'C0GEN0001', message_ts: '1.1', is_ephemeral: true },
      response_url: h.fake.responseUrl('share-once'),
      actions: [{ type: 'button', action_id: ACTION_IDS.share, block_id: 'k8sfix_share', value: ref, action_ts: '1' }],
    });
    const ts = now();
    const statuses = [(await signed(click, FORM, ts)).status, (await signed(click, FORM, ts)).status];
    expect(statuses).toEqual([200, 401]);
    await h.fake.waitFor((c) => c.id === 'share-once' && c.body.response_type === 'in_channel');
    await h.idle();
    expect(h.fake.callsTo('respond', 'share-once').filter((c) => c.body.response_type === 'in_channel')).toHaveLength(1);
  });

  test('a timestamp more than five minutes ahead is refused like a stale one; within the window either way it is accepted', async () => {
    const body = (id: string) => slashCommandBody({ text: 'help', response_url: h.fake.responseUrl(id) });
    const day = await signed(body('future-day'), FORM, now() + 24 * 60 * 60);
    const justOver = await signed(body('future-301'), FORM, now() + 301);
    const stale = await signed(body('past-301'), FORM, now() - 301);
    const ahead = await signed(body('future-60'), FORM, now() + 60);
    const behind = await signed(body('past-60'), FORM, now() - 60);
    expect([day.status, justOver.status, stale.status, ahead.status, behind.status]).toEqual([401, 401, 401, 200, 200]);
    await h.fake.waitFor((c) => c.id === 'future-60' || c.id === 'past-60', 2);
    await h.idle();
    expect(h.fake.calls.filter((c) => ['future-day', 'future-301', 'past-301'].includes(c.id ?? ''))).toEqual([]);
  });

  test("Slack's retries (new timestamp and signature, same body and event_id) pass the replay check and are answered once", async () => {
    const body = eventCallbackBody(mention(), { eventId: 'EvRETRY1' });
    const ts = now();
    const statuses: number[] = [];
    for (const [i, retry] of [[0, undefined], [1, '1'], [2, '2']] as const) {
      const response = await postSigned(h.eventsUrl, SECRET, body, JSON_TYPE, {
        timestamp: ts + i,
        headers: retry ? { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' } : {},
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200]);
    await h.idle();
    expect(h.fake.callsTo('chat.postMessage').filter((c) => String(c.body.text).includes('Pods fail'))).toHaveLength(1);
  });

  test('forged and unsigned requests still get 401; a body over the limit gets 413; Slack\'s ssl_check and url_verification are answered', async () => {
    const body = slashCommandBody({ text: 'help', response_url: h.fake.responseUrl('forged-2') });
    const forged = await postSigned(h.eventsUrl, SECRET, body, FORM, { signature: `v0=${'a'.repeat(64)}` });
    const unsigned = await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': FORM }, body });
    const garbageTs = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': FORM, 'x-slack-request-timestamp': 'soon', 'x-slack-signature': slackSignature(SECRET, now(), body) },
      body,
    });
    const huge = await signed(`{"type":"event_callback","pad":"${'x'.repeat(10 * 1024 * 1024)}"}`, JSON_TYPE);
    const ssl = await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': FORM }, body: 'ssl_check=1&token=x' });
    const challenge = await signed(JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' }), JSON_TYPE);
    const limited = await signed(JSON.stringify({ type: 'app_rate_limited', team_id: 'T0001', minute_rate_limited: 1518467820, api_app_id: 'A0APP0001' }), JSON_TYPE);
    expect([forged.status, unsigned.status, garbageTs.status, huge.status, ssl.status, challenge.status, limited.status]).toEqual([401, 401, 401, 413, 200, 200, 200]);
    expect(h.logger.lines.some((l) => l.includes('passed the Events API rate limit'))).toBe(true);
    expect(JSON.parse(challenge.body)).toEqual({ challenge: 'c-123' });
    await h.idle();
    expect(h.fake.callsTo('respond', 'forged-2')).toHaveLength(0);
    // Nothing secret in what was logged about the refusals.
    expect(h.logger.lines.join('\n')).not.toContain(SECRET);
    expect(h.logger.lines.join('\n')).not.toContain('xoxb-test-token');
  });
});
