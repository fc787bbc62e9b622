/**
 * Right issue / Wrong issue: the buttons under every answer, the marks they store (once per person per answer
 * and issue, a second press changes it), what the presser is told, and `k8sfix feedback report` reading them
 * from the same Redis.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { sha256 } from '../../src/feedback/feedback-store.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness } from '../slack/harness.js';

interface Element {
  type: string;
  action_id?: string;
  value?: string;
  text?: { text: string };
}
interface BlockLike {
  type: string;
  block_id?: string;
  elements?: Element[];
}

const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

function buttons(blocks: unknown): Element[] {
  return (blocks as BlockLike[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('Right issue / Wrong issue', () => {
  let redis: RedisServer;
  let h: Harness;
  let value = '';
  const press = async (h: Harness, actionId: string, buttonValue: string, user: string, id: string): Promise<string> => {
    await h.action({
      type: 'block_actions',
      user: { id: user, team_id: 'T0001' },
      api_app_id: 'A0APP0001',
      team: { id: 'T0001', domain: 'fake' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0GEN0001', is_ephemeral: true },
      channel: { id: 'C0GEN0001', name: 'general' },
      response_url: h.fake.responseUrl(id),
      trigger_id: '1.2.3',
      // A forged press could put anything here; only the value's reference and position are read.
      actions: [{ type: 'button', action_id: actionId, block_id: 'k8sfix_feedback:0', value: buttonValue, action_ts: '1.3', text: { type: 'plain_text', text: 'x' } }],
    });
    const [reply] = await h.fake.waitFor((c) => c.method === 'respond' && c.id === id);
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(reply!.body.replace_original).toBe(false);
    return blocksText(reply!.body.blocks);
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startHarness({ store: new RedisStore({ url: redis.url }), env: { K8SFIX_FEEDBACK_KEEP_INPUT: 'true' } });
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
    await redis?.stop();
  });

  test('a /k8sfix answer carries Right issue and Wrong issue under its match, with a stored reference', async () => {
    await h.command(IP_LEAK_PASTE, 'fb-cmd');
    const [reply] = await h.fake.waitFor((c) => c.id === 'fb-cmd');
    const row = (reply!.body.blocks as BlockLike[]).find((b) => b.block_id === 'k8sfix_feedback:0')!;
    expect(row.elements!.map((e) => [e.action_id, e.text!.text])).toEqual([
      [ACTION_IDS.markRight, 'Right issue'],
      [ACTION_IDS.markWrong, 'Wrong issue'],
    ]);
    value = row.elements![0]!.value!;
    expect(value).toMatch(/^[0-9a-f]{24}:0$/);
    expect(row.elements![1]!.value).toBe(value);
    // The value is a reference, not the issue: nothing in it names the entry.
    expect(value).not.toContain('pod-ip');
  });

  test('a press is thanked privately; a second press by the same person changes the mark instead of adding one', async () => {
    expect(await press(h, ACTION_IDS.markWrong, value, 'U0ALICE01', 'fb-1')).toContain('Thanks: you marked `pod-ip-exhaustion-containerd-ip-leak` as the wrong issue');
    expect(await press(h, ACTION_IDS.markRight, value, 'U0ALICE01', 'fb-2')).toContain('Changed: you now mark `pod-ip-exhaustion-containerd-ip-leak` as the right issue');
    expect(await press(h, ACTION_IDS.markWrong, value, 'U0ALICE01', 'fb-3')).toContain('Changed: you now mark `pod-ip-exhaustion-containerd-ip-leak` as the wrong issue');
    expect(await press(h, ACTION_IDS.markRight, value, 'U0BOB0001', 'fb-4')).toContain('Thanks: you marked `pod-ip-exhaustion-containerd-ip-leak` as the right issue');
    const marks = await h.slack.services.feedback.marks();
    expect(marks.map((m) => m.mark).sort()).toEqual(['right', 'wrong']);
    expect(marks[0]).toMatchObject({ issue: 'pod-ip-exhaustion-containerd-ip-leak', confidence: 'high', surface: 'command', inputSha256: sha256(IP_LEAK_PASTE), input: IP_LEAK_PASTE });
  });

  test('a forged or stale value marks nothing and says the answer can no longer be marked', async () => {
    const [ref] = value.split(':');
    for (const [forged, id] of [[`${'0'.repeat(24)}:0`, 'fb-f1'], [`${ref}:7`, 'fb-f2'], ['pod-ip-exhaustion-containerd-ip-leak', 'fb-f3'], [`${ref}:-1`, 'fb-f4']] as const) {
      expect(await press(h, ACTION_IDS.markWrong, forged, 'U0MALLORY', id)).toContain('can no longer be marked');
    }
    expect(await h.slack.services.feedback.marks()).toHaveLength(2);
  });

  test('the compact incident reply has the buttons beside Full answer; a mention answer has them under the match', async () => {
    await h.event({ type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: 'U0USER001', text: IP_LEAK_PASTE, ts: '1700000200.000100' });
    await h.event({ type: 'app_mention', channel: 'C0GEN0001', channel_type: 'channel', user: 'U0USER001', text: `<@UBOT0001> ${IP_LEAK_PASTE}`, ts: '1700000300.000100' });
    await h.idle();
    const [compact] = h.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === '1700000200.000100');
    const actions = (compact!.body.blocks as BlockLike[]).filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    expect(actions[0]!.elements!.map((e) => e.action_id)).toEqual([ACTION_IDS.fullAnswer, ACTION_IDS.markRight, ACTION_IDS.markWrong]);
    const [full] = h.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === '1700000300.000100');
    expect(buttons(full!.body.blocks).map((e) => e.action_id)).toEqual([ACTION_IDS.markRight, ACTION_IDS.markWrong]);
    expect(await press(h, ACTION_IDS.markWrong, buttons(compact!.body.blocks)[2]!.value!, 'U0ALICE01', 'fb-inc')).toContain('as the wrong issue');
  });

  test('an answer that names no issue has nothing to mark', async () => {
    await h.command('my pod is sad and I do not know why', 'fb-none');
    const [reply] = await h.fake.waitFor((c) => c.id === 'fb-none');
    expect(buttons(reply!.body.blocks)).toEqual([]);
  });

  test('k8sfix feedback report prints each entry with its wrong and right marks and the inputs kept, sorted by wrong', async () => {
    const text = await cli(['feedback', 'report'], { REDIS_URL: redis.url });
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^entry\s+wrong\s+right\s+answers$/);
    expect(lines[1]).toMatch(/^pod-ip-exhaustion-containerd-ip-leak\s+2\s+1\s+2\s+Pods fail with/);
    expect(text.stdout).toContain('pod-ip-exhaustion-containerd-ip-leak: 2 wrong');
    expect(text.stdout).toMatch(/- \S+ (command|incident), high confidence, sha256 [0-9a-f]{12}:\n\s+Events:/);
    expect(text.stdout).toContain('no IP addresses available in range set');

    const json = await cli(['feedback', 'report', '--json'], { REDIS_URL: redis.url });
    const rows = JSON.parse(json.stdout) as { issue: string; wrong: number; right: number; answers: number; wrongInputs: { input: string; sha256: string }[] }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ issue: 'pod-ip-exhaustion-containerd-ip-leak', wrong: 2, right: 1, answers: 2 });
    // The same paste marked wrong twice (command and incident reply) is one kept input.
    expect(rows[0]!.wrongInputs).toEqual([expect.objectContaining({ input: IP_LEAK_PASTE, sha256: sha256(IP_LEAK_PASTE) })]);
  });

  test('k8sfix feedback report without REDIS_URL says where the marks are', async () => {
    const result = await cli(['feedback', 'report'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('feedback report reads the marks from Redis: set REDIS_URL');
  });
});

describe('without K8SFIX_FEEDBACK_KEEP_INPUT', () => {
  test('a mark keeps the hash of the input, never the input', async () => {
    const h = await startHarness();
    try {
      await h.command(IP_LEAK_PASTE, 'nk-cmd');
      const [reply] = await h.fake.waitFor((c) => c.id === 'nk-cmd');
      await h.action({
        type: 'block_actions',
        user: { id: 'U0ALICE01' },
        team: { id: 'T0001' },
        api_app_id: 'A0APP0001',
        response_url: h.fake.responseUrl('nk-press'),
        actions: [{ type: 'button', action_id: ACTION_IDS.markWrong, block_id: 'k8sfix_feedback:0', value: buttons(reply!.body.blocks)[1]!.value, action_ts: '1' }],
      });
      await h.fake.waitFor((c) => c.id === 'nk-press');
      const [mark] = await h.slack.services.feedback.marks();
      expect(mark).toMatchObject({ mark: 'wrong', inputSha256: sha256(IP_LEAK_PASTE) });
      expect(mark!.input).toBeUndefined();
      expect(JSON.stringify(mark)).not.toContain('no IP addresses');
    } finally {
      await h.stop();
    }
  });
});
