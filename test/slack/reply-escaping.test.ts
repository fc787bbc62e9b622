import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import type { ClusterChecker } from '../../src/slack/cluster-checker.js';
import type { RecordedCall } from '../support/fake-slack-api.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness } from './harness.js';

/**
 * Hostile text as Slack delivers what a user typed: entities for what they typed literally (`&lt;!channel&gt;`),
 * Slack's own markup for mentions and links they inserted, and mrkdwn that would restyle a message.
 */
const HOSTILE =
  '&lt;!channel&gt; &lt;@U0EVIL01&gt; &lt;https://evil.example/a|x&gt; <!here> <@U0EVIL02> <https://evil.example/b|y> ' +
  '*bold* _it_ ~s~ `code` ```fence```';
/** The same, as a cluster or API server might word an error (no Slack encoding at all). */
const HOSTILE_PLAIN = '<!channel> <@U0EVIL03> <https://evil.example/c|z> *bold* _it_ ```fence```';
const PASTE = `${IP_LEAK_PASTE} ${HOSTILE}`;

/** A cluster module whose every word comes from a hostile API server. */
const clusters: ClusterChecker = {
  listContexts: () => ['prod', 'lab'],
  collect: async (names) => {
    if (names?.includes('boom')) throw new Error(`kubeconfig says ${HOSTILE_PLAIN}`);
    return (names ?? ['prod', 'lab']).map((context) =>
      context === 'lab'
        ? { context, ok: false as const, reason: `server said ${HOSTILE_PLAIN}`, code: 'unreachable' }
        : { context, ok: true as const, facts: { context }, platform: { name: `GKE ${HOSTILE_PLAIN}` } },
    ) as never;
  },
  checkApplicability: () => ({ verdict: 'affected', reasons: [`node pool ${HOSTILE_PLAIN}`] }),
};

/** Every text a recorded call carries: the `text` fallback and each text object in its blocks. */
function textsOf(call: RecordedCall): string[] {
  return [String(call.body.text ?? ''), blocksText(call.body.blocks ?? [])];
}

/** What of a text is read as mrkdwn formatting: code spans and blocks removed. */
function outsideCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

function unsafeParts(text: string): string[] {
  const found: string[] = [];
  for (const bad of [/<!/, /<@U0EVIL/, /<https?:\/\/evil/]) if (bad.test(text)) found.push(String(bad));
  for (const styled of ['*bold*', '_it_', '~s~']) if (outsideCode(text).includes(styled)) found.push(styled);
  if ((text.split('```').length - 1) % 2 !== 0) found.push('an unbalanced ``` fence');
  return found;
}

describe('every reply path escapes what came from users and clusters', () => {
  let h: Harness;
  const refs: { share?: string; fullAnswer?: string; replyTs?: string; root?: string } = {};
  beforeAll(async () => {
    h = await startHarness({ clusters });
  });
  afterAll(async () => {
    await h.stop();
  });

  const USER = 'U0USER001';
  let seq = 0;
  const id = () => `esc-${seq++}`;
  const nextTs = () => `${1700002000 + seq++}.000100`;
  const click = (actionId: string, value: string, fields: Record<string, unknown>) =>
    h.action({ type: 'block_actions', user: { id: USER }, team: { id: 'T0001' }, actions: [{ type: 'button', action_id: actionId, block_id: actionId, value, action_ts: '1' }], ...fields });
  const buttonValue = (call: RecordedCall, actionId: string) =>
    (call.body.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;

  /** Each row drives one reply path and says how many calls it should record; they are then checked. */
  const rows: [string, () => Promise<void>, number][] = [
    ['usage error (--lang)', () => h.command(`--lang ${HOSTILE} x`, id()).then(() => undefined), 1],
    ['unknown cluster note (--cluster)', () => h.command(`--cluster &lt;!channel&gt;,&lt;@U0EVIL01&gt; ${IP_LEAK_PASTE}`, id()).then(() => undefined), 1],
    ['help', () => h.command('help', id()).then(() => undefined), 1],
    ['clusters', () => h.command('clusters', id()).then(() => undefined), 1],
    ['a failure reported to the user', () => h.command('--cluster boom clusters', id()).then(() => undefined), 1],
    ['no match', () => h.command(`${HOSTILE} nothing known here`, id()).then(() => undefined), 1],
    [
      'match, privately, with a share button',
      async () => {
        const replyId = id();
        await h.command(PASTE, replyId, { user_id: USER, channel_id: 'C0GEN0001' });
        const [reply] = await h.fake.waitFor((c) => c.id === replyId);
        refs.share = buttonValue(reply!, ACTION_IDS.share);
      },
      1,
    ],
    ['Post to channel', () => click(ACTION_IDS.share, refs.share!, { channel: { id: 'C0GEN0001' }, response_url: h.fake.responseUrl(id()) }).then(() => undefined), 2],
    ['Post to channel, refused', () => click(ACTION_IDS.share, refs.share!, { channel: { id: 'C0OTHER01' }, response_url: h.fake.responseUrl(id()) }).then(() => undefined), 1],
    ['Post to channel, expired', () => click(ACTION_IDS.share, 'f'.repeat(24), { channel: { id: 'C0GEN0001' }, response_url: h.fake.responseUrl(id()) }).then(() => undefined), 1],
    ['mention with a match', () => h.event({ type: 'app_mention', channel: 'C0GEN0001', user: USER, text: `<@UBOT0001> ${PASTE}`, ts: nextTs() }).then(() => undefined), 1],
    ['mention without a match', () => h.event({ type: 'app_mention', channel: 'C0GEN0001', user: USER, text: `<@UBOT0001> ${HOSTILE}`, ts: nextTs() }).then(() => undefined), 1],
    ['mention without text', () => h.event({ type: 'app_mention', channel: 'C0GEN0001', user: USER, text: '<@UBOT0001>', ts: nextTs() }).then(() => undefined), 1],
    [
      'incident reply',
      async () => {
        refs.root = nextTs();
        await h.event({ type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: USER, text: PASTE, ts: refs.root });
        await h.idle();
        const reply = h.fake.callsTo('chat.postMessage').at(-1)!;
        refs.fullAnswer = buttonValue(reply, ACTION_IDS.fullAnswer);
        refs.replyTs = String(reply.response?.ts);
      },
      1,
    ],
    [
      'Full answer',
      () =>
        click(ACTION_IDS.fullAnswer, refs.fullAnswer!, {
          channel: { id: INCIDENT_CHANNEL },
          message: { ts: refs.replyTs, thread_ts: refs.root, text: 'x' },
          response_url: h.fake.responseUrl(id()),
        }).then(() => undefined),
      1,
    ],
    [
      'Full answer, refused',
      () =>
        click(ACTION_IDS.fullAnswer, refs.fullAnswer!, {
          channel: { id: INCIDENT_CHANNEL },
          message: { ts: refs.root, thread_ts: refs.root, text: 'x' },
          response_url: h.fake.responseUrl(id()),
        }).then(() => undefined),
      1,
    ],
  ];

  test.each(rows)('%s', async (_path, drive, expected) => {
    const before = h.fake.calls.length;
    await drive();
    await h.idle();
    const posted = (): RecordedCall[] =>
      h.fake.calls.slice(before).filter((c) => ['respond', 'chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(c.method));
    // response_url replies arrive after the acknowledgement: wait for them.
    for (let i = 0; i < 200 && posted().length < expected; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const calls = posted();
    expect(calls.length).toBeGreaterThanOrEqual(expected);
    for (const call of calls) {
      for (const text of textsOf(call)) expect({ method: call.method, unsafe: unsafeParts(text), text }).toMatchObject({ unsafe: [] });
    }
  });

  test('the hostile text still shows, as text', () => {
    const everything = h.fake.calls.flatMap(textsOf).join('\n');
    expect(everything).toContain('&lt;!channel&gt;');
    expect(everything).toContain('&lt;@U0EVIL01&gt;');
    expect(everything).toContain('&lt;https://evil.example/a|x&gt;');
  });
});
