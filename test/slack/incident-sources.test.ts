import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import type { ClusterChecker } from '../../src/slack/cluster-checker.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness, type HarnessOptions } from './harness.js';
import {
  ALERTMANAGER_BOT_ID,
  alertmanagerMessage,
  directMessage,
  hostedTextFile,
  messageChanged,
  nextTs,
  PAGERDUTY_APP_ID,
  pagerDutyMessage,
  richTextOnlyMessage,
  ROBUSTA_APP_ID,
  robustaMessage,
  SANDBOX_ERROR,
  slackConnectFileShare,
} from './incident-payloads.js';

const ISSUE_TITLE = 'failed to allocate for range 0';
const posts = (h: Harness) => h.fake.callsTo('chat.postMessage');

/** Stands in for connected clusters and records which ones each answer asked for. */
function recordingClusters(): ClusterChecker & { asked: (string[] | undefined)[] } {
  const asked: (string[] | undefined)[] = [];
  return {
    asked,
    listContexts: () => ['gke-prod-eu', 'gke-staging'],
    collect: async (names) => {
      asked.push(names);
      return (names ?? ['gke-prod-eu', 'gke-staging']).map((context) => ({ context, ok: true as const, facts: { context } }));
    },
    checkApplicability: (_entry, facts) =>
      (facts as { context: string }).context === 'gke-prod-eu'
        ? { verdict: 'affected', reasons: ['node pool default-pool runs 1.24.5-gke.600'] }
        : { verdict: 'not-affected', reasons: ['every node runs 1.25.8-gke.1000'] },
  };
}

let h: Harness | undefined;
async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness({ ...options, env: { K8SFIX_INCIDENT_BOTS: `${ALERTMANAGER_BOT_ID},${PAGERDUTY_APP_ID},${ROBUSTA_APP_ID}`, ...options.env } });
  return h;
}
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('monitoring bots in incident channels', () => {
  test('an Alertmanager bot_message with the error in attachments[0].text is annotated when its bot id is allowed, and its cluster label picks the cluster to check', async () => {
    const clusters = recordingClusters();
    const h = await start({ clusters });
    const alert = alertmanagerMessage();
    expect((await h.event(alert)).status).toBe(200);
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    const post = posts(h)[0]!.body;
    expect(post.thread_ts).toBe(alert.ts);
    const text = blocksText(post.blocks);
    expect(text).toContain(ISSUE_TITLE);
    // cluster: gke-prod-eu is connected, so only it is checked and named.
    expect(clusters.asked).toEqual([['gke-prod-eu']]);
    expect(text).toContain('gke-prod-eu');
    expect(text).not.toContain('gke-staging');
    // A bot has no Slack locale to look up.
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
  });

  test('an alert naming a cluster k8sfix is not connected to is checked against every connected cluster', async () => {
    const clusters = recordingClusters();
    const h = await start({ clusters });
    await h.event(alertmanagerMessage({ cluster: 'some-other-cluster' }));
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    expect(clusters.asked).toEqual([['gke-prod-eu', 'gke-staging']]);
  });

  test('the same alert from a bot that is not in K8SFIX_INCIDENT_BOTS is ignored', async () => {
    const h = await start();
    await h.event(alertmanagerMessage({ botId: 'B0SOMEBOT1' }));
    await h.idle();
    expect(posts(h)).toHaveLength(0);
  });

  test('with K8SFIX_INCIDENT_BOTS unset no bot or app post is read', async () => {
    const h = await start({ env: { K8SFIX_INCIDENT_BOTS: '' } });
    await h.event(alertmanagerMessage());
    await h.event(pagerDutyMessage());
    await h.event(robustaMessage());
    await h.idle();
    expect(posts(h)).toHaveLength(0);
  });

  test('a PagerDuty-style app post (allowed by app id) is read from its attachment fields; its Cluster field narrows the check', async () => {
    const clusters = recordingClusters();
    const h = await start({ clusters });
    const post = pagerDutyMessage();
    expect((await h.event(post)).status).toBe(200);
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    expect(posts(h)[0]!.body.thread_ts).toBe(post.ts);
    expect(blocksText(posts(h)[0]!.body.blocks)).toContain(ISSUE_TITLE);
    expect(clusters.asked).toEqual([['gke-prod-eu']]);
  });

  test('a Robusta post is read from its section blocks and attachment blocks; "Source: <cluster>" is its cluster', async () => {
    const clusters = recordingClusters();
    const h = await start({ clusters });
    await h.event(robustaMessage('gke-staging'));
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    expect(blocksText(posts(h)[0]!.body.blocks)).toContain(ISSUE_TITLE);
    expect(clusters.asked).toEqual([['gke-staging']]);
  });

  test("k8sfix's own posts are never answered, even with its own bot and app ids listed as allowed", async () => {
    const h = await start({ env: { K8SFIX_INCIDENT_BOTS: 'BBOT0001,A0APP0001' } });
    // As an app's chat.postMessage arrives: its bot user, bot id and app id (the envelope's api_app_id is A0APP0001).
    await h.event({ type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: h.fake.botUserId, bot_id: h.fake.botId, app_id: 'A0APP0001', text: IP_LEAK_PASTE, ts: nextTs() });
    // A post through another of its bot tokens would carry only its app id.
    await h.event({ type: 'message', subtype: 'bot_message', channel: INCIDENT_CHANNEL, channel_type: 'channel', bot_id: 'B0K8SFIX2', app_id: 'A0APP0001', text: IP_LEAK_PASTE, ts: nextTs() });
    // Its own reply edited in place ("Full answer", late cluster verdicts) arrives as message_changed.
    const reply = { type: 'message', channel: INCIDENT_CHANNEL, user: h.fake.botUserId, bot_id: h.fake.botId, app_id: 'A0APP0001', text: 'x', ts: nextTs() };
    await h.event(messageChanged(reply, IP_LEAK_PASTE, Math.floor(Number(reply.ts)) + 5));
    await h.idle();
    expect(posts(h)).toHaveLength(0);
  });
});

describe('text kept only in blocks, and edits', () => {
  test('a message with empty text and a rich_text_preformatted block is annotated', async () => {
    const h = await start();
    const m = richTextOnlyMessage();
    expect((await h.event(m)).status).toBe(200);
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    expect(posts(h)[0]!.body.thread_ts).toBe(m.ts);
  });

  test('an edit that adds the error within ten minutes is annotated once; later edits and late edits are not', async () => {
    const h = await start();
    const original = { type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: 'U0USER001', text: 'cart pods are stuck on prod, pasting the event in a sec', ts: nextTs() };
    await h.event(original);
    await h.idle();
    expect(posts(h)).toHaveLength(0);
    const postedAt = Math.floor(Number(original.ts));
    const firstEdit = messageChanged(original, `cart pods are stuck on prod:\n${IP_LEAK_PASTE}`, postedAt + 120);
    expect((await h.event(firstEdit)).status).toBe(200);
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    expect(posts(h)[0]!.body.thread_ts).toBe(original.ts);
    // Editing again (a typo fixed) shows the same issue in the same thread: nothing more.
    await h.event(messageChanged(original, `cart pods are stuck on prod (eu):\n${IP_LEAK_PASTE}`, postedAt + 180));
    await h.idle();
    expect(posts(h)).toHaveLength(1);

    // An edit eleven minutes after its post is left alone.
    const old = { type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: 'U0USER001', text: 'checking', ts: nextTs() };
    await h.event(messageChanged(old, IP_LEAK_PASTE, Math.floor(Number(old.ts)) + 11 * 60));
    // A change that leaves the text as it was (a link preview added) is not an edit that adds anything.
    const same = { type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: 'U0USER001', text: 'see https://status.example.com', ts: nextTs() };
    await h.event(messageChanged(same, 'see https://status.example.com', Math.floor(Number(same.ts)) + 3));
    await h.idle();
    expect(posts(h)).toHaveLength(1);
  });
});

describe('files Slack sends without a URL or a type', () => {
  test('a Slack Connect file stub is looked up with files.info, downloaded with the bot token and annotated', async () => {
    const h = await start();
    const log = `I1201 12:00:00 kubelet starting\n${IP_LEAK_PASTE}\n`;
    const url = h.fake.addFile('kubelet.log', log);
    h.fake.setFileInfo('F0CONNECT1', hostedTextFile('kubelet.log', url, log.length));
    expect((await h.event(slackConnectFileShare('F0CONNECT1'))).status).toBe(200);
    await h.idle();
    expect(h.fake.callsTo('files.info').map((c) => c.body.file)).toEqual(['F0CONNECT1']);
    expect(h.fake.callsTo('file')[0]!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(posts(h)).toHaveLength(1);
  });

  test('on a mention, a file Slack will not show and a binary file are skipped with the real reason, never "not a text file"; of one too large the tail is read, said in the first line', async () => {
    const h = await start({ env: { K8SFIX_MAX_FILE_BYTES: '2048' } });
    const big = `${'x'.repeat(80)}\n`.repeat(60);
    const bigUrl = h.fake.addFile('big.log', big);
    // files.info knows F0BIG but not F0GONE (Slack answers file_not_found, as for a file the app may not see).
    h.fake.setFileInfo('F0BIG', hostedTextFile('big.log', bigUrl, big.length));
    const pngUrl = h.fake.addFile('graph.png', '\u0089PNG\r\n');
    // No filetype or mimetype at all: read by content, which here is text.
    const untypedUrl = h.fake.addFile('events.txt', IP_LEAK_PASTE);
    await h.event({
      type: 'app_mention',
      channel: 'C0GEN0001',
      user: 'U0USER001',
      text: `<@${h.fake.botUserId}> what is this?`,
      ts: nextTs(),
      files: [
        { id: 'F0GONE', mode: 'file_access', file_access: 'check_file_info', created: 0, timestamp: 0, user: '' },
        { id: 'F0PNG', name: 'graph.png', mimetype: 'image/png', filetype: 'png', size: 6, url_private_download: pngUrl },
        { id: 'F0BIG', mode: 'file_access', file_access: 'check_file_info', created: 0, timestamp: 0, user: '' },
        { id: 'F0UNTYPED', name: 'events.txt', size: IP_LEAK_PASTE.length, url_private_download: untypedUrl },
      ],
    });
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    const text = blocksText(posts(h)[0]!.body.blocks);
    expect(text).toContain(ISSUE_TITLE);
    // An underscore inside a word is left alone by escapeInline, so the error code copies as Slack sent it.
    expect(text).toMatch(/F0GONE: Slack did not let k8sfix open it \(file_not_found\)/);
    expect(text).toMatch(/graph\.png: it is a binary file \(png\)/);
    // The answer's first section says what was read of the large file.
    expect(blocksText((posts(h)[0]!.body.blocks as unknown[]).slice(0, 1))).toMatch(/read the last 2 KB of big\.log \(5 KB\); the first 3 KB were skipped/);
    expect(text).not.toMatch(/not a text file/);
    expect(h.fake.callsTo('file').map((c) => c.id).sort()).toEqual(['big.log', 'events.txt']);
    expect(h.fake.callsTo('files.info').map((c) => c.body.file).sort()).toEqual(['F0BIG', 'F0GONE', 'F0UNTYPED']);
  });
});

describe('direct messages', () => {
  test('a DM is answered in full in the conversation; the first DM also gets an introduction, once', async () => {
    const h = await start();
    const first = directMessage(IP_LEAK_PASTE);
    expect((await h.event(first)).status).toBe(200);
    await h.idle();
    expect(posts(h)).toHaveLength(2);
    const [intro, answer] = posts(h).map((c) => c.body);
    expect(intro!.channel).toBe('D0DM00001');
    expect(blocksText(intro!.blocks)).toContain("I'm *k8sfix*");
    expect(answer!.thread_ts).toBeUndefined();
    expect(blocksText(answer!.blocks)).toContain('```gcloud container clusters upgrade');

    await h.event(directMessage(SANDBOX_ERROR));
    await h.idle();
    expect(posts(h)).toHaveLength(3);
    expect(blocksText(posts(h)[2]!.body.blocks)).not.toContain("I'm *k8sfix*");
  });

  test('a DM from a bot or an edit in a DM gets nothing; an empty DM after the introduction gets a usage hint', async () => {
    const h = await start();
    await h.event(directMessage('hello'));
    await h.idle();
    // The introduction, then the answer a mention saying "hello" would get.
    expect(posts(h)).toHaveLength(2);
    await h.event({ ...directMessage(IP_LEAK_PASTE), bot_id: 'B0OTHER01' });
    await h.event({ ...directMessage(IP_LEAK_PASTE), edited: { user: 'U0USER001', ts: '1' } });
    await h.event(directMessage(''));
    await h.idle();
    expect(posts(h)).toHaveLength(3);
    expect(blocksText(posts(h)[2]!.body.blocks)).toContain('Send me the error text');
  });
});

describe('the Home tab', () => {
  test('opening it publishes what k8sfix does, in the person\'s language; the Messages tab is left alone', async () => {
    const h = await start({ fake: { locales: { U0KOREAN1: 'ko-KR' } } });
    // app_home_opened as Slack's reference shows it: user, channel (the app's DM), tab, event_ts.
    expect((await h.event({ type: 'app_home_opened', user: 'U0KOREAN1', channel: 'D0DM00002', tab: 'home', event_ts: '1700000000.000100' })).status).toBe(200);
    await h.event({ type: 'app_home_opened', user: 'U0USER001', channel: 'D0DM00001', tab: 'messages', event_ts: '1700000001.000100' });
    await h.idle();
    const published = h.fake.callsTo('views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.body.user_id).toBe('U0KOREAN1');
    const view = (typeof published[0]!.body.view === 'string' ? JSON.parse(published[0]!.body.view) : published[0]!.body.view) as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(blocksText(view.blocks)).toContain('메시지 탭에');
  });
});

describe('users.info only when something is posted', () => {
  test('a second paste of an annotated issue in the thread and pastes past the rate limit never look up their authors', async () => {
    const h = await start({ env: { K8SFIX_CHANNEL_RATE_LIMIT: '2' } });
    const root = { type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: 'U0FIRST01', text: IP_LEAK_PASTE, ts: nextTs() };
    await h.event(root);
    await h.idle();
    // Same issue, same thread, another person: deduplicated.
    await h.event({ ...root, user: 'U0SECOND1', ts: nextTs(), thread_ts: root.ts });
    await h.idle();
    expect(posts(h)).toHaveLength(1);
    // A flood of new threads by different people: one more fits in the limit of 2.
    const flood = Array.from({ length: 6 }, (_, i) => ({ ...root, user: `U0FLOOD0${i}`, ts: nextTs() }));
    for (const m of flood) await h.event(m);
    await h.idle();
    expect(posts(h)).toHaveLength(2);
    const looked = h.fake.callsTo('users.info').map((c) => c.body.user);
    const answered = ['U0FIRST01', ...flood.filter((m) => posts(h).some((p) => p.body.thread_ts === m.ts)).map((m) => m.user)];
    expect(looked).toEqual(answered);
    expect(looked).not.toContain('U0SECOND1');
  });
});

describe('the app manifest', () => {
  test('subscribes to direct messages with the scope they need', async () => {
    const manifest = parse(await readFile(join(process.cwd(), 'app-manifest.yml'), 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { bot_events: string[] } };
      features: { app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean } };
    };
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['message.im', 'message.channels', 'message.groups', 'app_mention', 'app_home_opened']));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['im:history', 'files:read', 'users:read']));
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
