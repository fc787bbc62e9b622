import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness } from './harness.js';

const ALICE = 'U0ALICE01';
const MALLORY = 'U0MALLORY';
const CHANNEL = 'C0GEN0001';
let ts = 1700000500;
const nextTs = () => `${ts++}.000100`;

type Elements = { elements?: { action_id?: string; value?: string }[] }[];
const buttonValue = (blocks: unknown, actionId: string): string =>
  (blocks as Elements).flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)!.value!;

function shareClick(h: Harness, ref: string, who: string, channel: string, responseId: string): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: who },
    team: { id: 'T0001' },
    channel: { id: channel },
    container: { type: 'message', channel_id: channel, message_ts: '1.1', is_ephemeral: true },
    response_url: h.fake.responseUrl(responseId),
    actions: [{ type: 'button', action_id: ACTION_IDS.share, block_id: 'k8sfix_share', value: ref, action_ts: '1' }],
  };
}

function fullAnswerClick(h: Harness, ref: string, who: string, channel: string, messageTs: string): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: who },
    team: { id: 'T0001' },
    channel: { id: channel },
    container: { type: 'message', channel_id: channel, message_ts: messageTs },
    message: { ts: messageTs, text: 'x' },
    response_url: h.fake.responseUrl('full'),
    actions: [{ type: 'button', action_id: ACTION_IDS.fullAnswer, block_id: 'k8sfix_full_answer', value: ref, action_ts: '1' }],
  };
}

/**
 * A button carries a reference to a stored answer, and the stored answer knows whom, where and (for a posted
 * reply) which message it was made for. A reference used by someone else, elsewhere, or under another message
 * changes nothing and says so privately.
 */
describe('buttons are bound to the answer they were made for', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function alicesAnswer(): Promise<string> {
    await h.command(IP_LEAK_PASTE, 'alice-cmd', { user_id: ALICE, channel_id: CHANNEL });
    const [reply] = await h.fake.waitFor((c) => c.id === 'alice-cmd');
    return buttonValue(reply!.body.blocks, ACTION_IDS.share);
  }

  test("another user's answer cannot be shared by reference; its owner still can", async () => {
    const ref = await alicesAnswer();
    await h.action(shareClick(h, ref, MALLORY, CHANNEL, 'mallory-share'));
    const [refused] = await h.fake.waitFor((c) => c.id === 'mallory-share');
    expect(refused!.body.response_type).toBe('ephemeral');
    expect(blocksText(refused!.body.blocks)).toContain('This button belongs to an answer made for someone else');
    await h.idle();
    expect(h.fake.callsTo('respond', 'mallory-share').filter((c) => c.body.response_type === 'in_channel')).toHaveLength(0);

    await h.action(shareClick(h, ref, ALICE, CHANNEL, 'alice-share'));
    const [shared] = await h.fake.waitFor((c) => c.id === 'alice-share');
    expect(shared!.body.response_type).toBe('in_channel');
    expect(blocksText(shared!.body.blocks)).toContain('failed to allocate for range 0');
  });

  test('an answer made in one channel cannot be shared into another, even by its owner', async () => {
    const ref = await alicesAnswer();
    await h.action(shareClick(h, ref, ALICE, 'C0OTHER01', 'elsewhere'));
    const [refused] = await h.fake.waitFor((c) => c.id === 'elsewhere');
    expect(refused!.body.response_type).toBe('ephemeral');
    expect(blocksText(refused!.body.blocks)).toContain('belongs to an answer made for someone else or for another message');
  });

  test('"Full answer" rewrites only the reply it was posted with, not whatever message the click names', async () => {
    const root = nextTs();
    await h.event({ type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: ALICE, text: IP_LEAK_PASTE, ts: root });
    await h.idle();
    const [post] = h.fake.callsTo('chat.postMessage');
    const ref = buttonValue(post!.body.blocks, ACTION_IDS.fullAnswer);
    const replyTs = String(post!.response!.ts);

    // Someone's other message, and the same reference used in another channel: refused, privately.
    await h.action(fullAnswerClick(h, ref, MALLORY, INCIDENT_CHANNEL, root));
    await h.action(fullAnswerClick(h, ref, MALLORY, CHANNEL, replyTs));
    const refusals = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral', 2);
    for (const refusal of refusals) expect(blocksText(refusal.body.blocks)).toContain('This button belongs to');
    expect(refusals.map((r) => r.body.user)).toEqual([MALLORY, MALLORY]);
    await h.idle();
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);

    // The reply itself: anyone in the thread may expand it.
    await h.action(fullAnswerClick(h, ref, MALLORY, INCIDENT_CHANNEL, replyTs));
    const [update] = await h.fake.waitFor((c) => c.method === 'chat.update');
    expect(update!.body).toMatchObject({ channel: INCIDENT_CHANNEL, ts: replyTs });
    expect(blocksText(update!.body.blocks)).toContain('```gcloud container clusters upgrade');
  });
});
