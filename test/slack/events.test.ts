import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { blockKitViolations } from './block-kit-limits.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness } from './harness.js';

const USER = 'U0USER001';
let ts = 1700000100;
const nextTs = () => `${ts++}.000100`;

function message(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: USER, text: IP_LEAK_PASTE, ts: nextTs(), ...fields };
}

const posts = (h: Harness) => h.fake.callsTo('chat.postMessage');

describe('incident channels', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { K8SFIX_CHANNEL_RATE_LIMIT: '3' } });
  });
  afterEach(async () => {
    await h.stop();
  });

  test('a pasted log showing a known issue gets one compact reply in its thread, with a Full answer button that expands it', async () => {
    const m = message();
    expect((await h.event(m)).status).toBe(200);
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    const post = posts(h)[0]!.body;
    expect(post.channel).toBe(INCIDENT_CHANNEL);
    expect(post.thread_ts).toBe(m.ts);
    const text = blocksText(post.blocks);
    expect(text).toContain('Known issue');
    expect(text).toContain('failed to allocate for range 0');
    expect(text).toContain('First step');
    const button = (post.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.fullAnswer);
    expect(button).toBeDefined();

    await h.action({
      type: 'block_actions',
      user: { id: USER },
      team: { id: 'T0001' },
      api_app_id: 'A0APP0001',
      container: { type: 'message', message_ts: String(posts(h)[0]!.response!.ts), channel_id: INCIDENT_CHANNEL },
      channel: { id: INCIDENT_CHANNEL },
      message: { ts: String(posts(h)[0]!.response!.ts), thread_ts: m.ts, text: 'x' },
      response_url: h.fake.responseUrl('full1'),
      actions: [{ type: 'button', action_id: ACTION_IDS.fullAnswer, block_id: 'k8sfix_full_answer', value: button!.value, action_ts: '1' }],
    });
    const [update] = await h.fake.waitFor((c) => c.method === 'chat.update');
    expect(update!.body.ts).toBe(posts(h)[0]!.response!.ts);
    expect(blocksText(update!.body.blocks)).toContain('```gcloud container clusters upgrade');
  });

  test("Slack's retries of one event (same event_id) never produce a second reply", async () => {
    const m = message();
    // As Slack retries: the same body, signed again with a later timestamp.
    const at = Math.floor(Date.now() / 1000);
    const statuses = [
      (await h.event(m, { eventId: 'EvSAME', timestamp: at })).status,
      (await h.event(m, { eventId: 'EvSAME', timestamp: at + 1, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status,
      (await h.event(m, { eventId: 'EvSAME', timestamp: at + 2, headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } })).status,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    await h.idle();
    expect(posts(h)).toHaveLength(1);
  });

  test('edits, bot messages, its own posts and other subtypes get no reply', async () => {
    const original = message();
    await h.event({ type: 'message', subtype: 'message_changed', channel: INCIDENT_CHANNEL, ts: nextTs(), message: { ...original, edited: { user: USER, ts: '1' } }, previous_message: original });
    await h.event(message({ subtype: 'bot_message', bot_id: 'B0OTHER01', user: undefined }));
    await h.event(message({ bot_id: 'B0OTHER01' }));
    await h.event(message({ user: h.fake.botUserId, bot_id: h.fake.botId }));
    await h.event(message({ edited: { user: USER, ts: '1' } }));
    await h.event(message({ subtype: 'channel_join' }));
    await h.idle();
    expect(posts(h)).toHaveLength(0);
  });

  test('at most once per issue per thread: a second paste of the same error in the thread is left alone', async () => {
    const root = message();
    await h.event(root);
    await h.idle();
    await h.event(message({ thread_ts: root.ts }));
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    // A new thread is a new conversation.
    await h.event(message());
    await h.idle();
    expect(posts(h)).toHaveLength(2);
  });

  test('a log flood gives at most K8SFIX_CHANNEL_RATE_LIMIT replies per channel per minute', async () => {
    await Promise.all(Array.from({ length: 12 }, () => h.event(message())));
    await h.idle();
    expect(posts(h)).toHaveLength(3);
    expect(h.logger.lines.some((l) => l.includes('rate limit reached'))).toBe(true);
  });

  test('channels are chosen by id or by name pattern; other channels and text without a known issue get nothing', async () => {
    await h.event(message({ channel: 'C0GEN0001' }));
    await h.event(message({ text: 'is anyone else seeing slow deploys today?' }));
    await h.idle();
    expect(posts(h)).toHaveLength(0);
    await h.event(message({ channel: 'C0INC0002' })); // #inc-db-outage matches inc-*
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    expect(h.fake.callsTo('conversations.info').map((c) => c.body.channel)).toEqual(['C0GEN0001', 'C0INC0002']);
  });

  test('a log file shared in the channel is downloaded with the bot token and annotated', async () => {
    const url = h.fake.addFile('kubelet.log', `I0101 12:00:00 kubelet starting\n${IP_LEAK_PASTE}\n`);
    await h.event(
      message({
        subtype: 'file_share',
        text: '',
        files: [{ id: 'F0001', name: 'kubelet.log', mimetype: 'text/plain', filetype: 'text', size: 900, url_private_download: url }],
      }),
    );
    await h.idle();
    expect(h.fake.callsTo('file')[0]!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(posts(h)).toHaveLength(1);
  });

  test('a file over the download cap (200 MB) or on a foreign host is not read', async () => {
    const url = h.fake.addFile('huge.log', IP_LEAK_PASTE);
    await h.event(message({ subtype: 'file_share', text: '', files: [{ name: 'huge.log', filetype: 'text', size: 500_000_000, url_private_download: url }] }));
    await h.event(message({ subtype: 'file_share', text: '', files: [{ name: 'x.log', filetype: 'text', size: 10, url_private_download: 'http://198.51.100.7/steal' }] }));
    await h.idle();
    expect(h.fake.callsTo('file')).toHaveLength(0);
    expect(posts(h)).toHaveLength(0);
  });

  test('a log file larger than K8SFIX_MAX_FILE_BYTES is read to its end: the error in its last lines is annotated, and the reply says only the tail was read', async () => {
    const tight = await startHarness({ env: { K8SFIX_MAX_FILE_BYTES: '20000' } });
    try {
      const noise = Array.from({ length: 3000 }, (_, i) => `I1123 10:00:00.123456    1702 kubelet.go:2445] "SyncLoop (PLEG): event for pod" pod="shop/api-${i}"`).join('\n');
      const log = `${noise}\n${IP_LEAK_PASTE}\n`;
      const url = tight.fake.addFile('node.log', log);
      const m = message({ subtype: 'file_share', text: '', files: [{ name: 'node.log', filetype: 'text', size: log.length, url_private_download: url }] });
      await tight.event(m);
      await tight.idle();
      const replies = tight.fake.callsTo('chat.postMessage');
      expect(replies).toHaveLength(1);
      const first = blocksText((replies[0]!.body.blocks as unknown[]).slice(0, 1));
      expect(first).toContain('Known issue');
      expect(first).toMatch(/read the last 20 KB of node\.log \(\d+ KB\); the first \d+ KB were skipped/);
    } finally {
      await tight.stop();
    }
  });

  test('a rate-limited chat.postMessage is retried after Retry-After and the reply still lands', async () => {
    h.fake.rateLimit('chat.postMessage', 1);
    await h.event(message());
    await h.idle();
    expect(h.fake.callsTo('chat.postMessage:ratelimited')).toHaveLength(1);
    expect(posts(h)).toHaveLength(1);
  });
});

describe('@mentions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  test('a mention with an error is answered in full in its thread, in the user\'s language', async () => {
    const root = nextTs();
    await h.event({ type: 'app_mention', channel: 'C0GEN0001', user: USER, text: `<@${h.fake.botUserId}> 이 오류 뭔가요? ${IP_LEAK_PASTE}`, ts: nextTs(), thread_ts: root });
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    const post = posts(h)[0]!.body;
    expect(post.thread_ts).toBe(root);
    const text = blocksText(post.blocks);
    expect(text).toContain('해결 방법');
    expect(text).toContain('```gcloud container clusters upgrade');
  });

  test('a mention in an incident channel is answered once, by the mention listener, not also annotated', async () => {
    const ts1 = nextTs();
    const text = `<@${h.fake.botUserId}> ${IP_LEAK_PASTE}`;
    await h.event({ type: 'app_mention', channel: INCIDENT_CHANNEL, user: USER, text, ts: ts1 });
    await h.event({ type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: USER, text, ts: ts1 });
    await h.idle();
    expect(posts(h)).toHaveLength(1);
  });

  test('a mention without text gets a usage hint; a mention from a bot gets nothing', async () => {
    await h.event({ type: 'app_mention', channel: 'C0GEN0001', user: USER, text: `<@${h.fake.botUserId}>`, ts: nextTs() });
    await h.event({ type: 'app_mention', channel: 'C0GEN0001', user: 'U0OTHER01', bot_id: 'B0OTHER01', text: `<@${h.fake.botUserId}> ${IP_LEAK_PASTE}`, ts: nextTs() });
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    expect(blocksText(posts(h)[0]!.body.blocks)).toContain('Mention me with the error text');
  });

  test('a hostile 40 KB log attached to a mention: answered within Block Kit limits, nothing pings or links', async () => {
    const hostile = '<!channel> <@U0BOSS01> <https://evil.example/x|click> ``` `';
    const log = Array.from({ length: 400 }, (_, i) => `${hostile} line ${i} ${'.'.repeat(40)}`).join('\n') + `\n${hostile} ${IP_LEAK_PASTE}`;
    expect(log.length).toBeGreaterThan(40_000);
    const url = h.fake.addFile('hostile.log', log);
    await h.event({
      type: 'app_mention',
      channel: 'C0GEN0001',
      user: USER,
      // As Slack delivers typed text: its own markup for the mention and the link, entities for the rest.
      text: `<@${h.fake.botUserId}> &lt;!channel&gt; <!here> see <https://evil.example/y|this>`,
      ts: nextTs(),
      files: [{ id: 'F2', name: 'hostile.log', filetype: 'text', size: log.length, url_private_download: url }],
    });
    await h.idle();
    const post = posts(h)[0]!.body;
    expect(blockKitViolations({ text: String(post.text), blocks: post.blocks as unknown[] })).toEqual([]);
    const mrkdwn = blocksText(post.blocks, 'mrkdwn');
    expect(mrkdwn).toContain('failed to allocate for range 0');
    expect((mrkdwn.match(/<[^>]*>/g) ?? []).filter((s) => !s.startsWith('<https://cloud.google.com/'))).toEqual([]);
    expect(String(post.text)).not.toMatch(/<[!@]/);
  });

  test('when Slack keeps refusing the answer, the failure is logged and nothing crashes', async () => {
    h.fake.failing.set('chat.postMessage', 'channel_not_found');
    await h.event({ type: 'app_mention', channel: 'C0GONE001', user: USER, text: `<@${h.fake.botUserId}> ${IP_LEAK_PASTE}`, ts: nextTs() });
    await h.idle();
    expect(h.logger.lines.some((l) => l.includes('channel_not_found'))).toBe(true);
  });
});
