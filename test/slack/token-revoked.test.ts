/**
 * A bot token revoked while the app runs (the app was uninstalled, or the token rotated): /readyz says which
 * token and what to do, and the log says it once, not once per message the app could not post.
 */
import { afterEach, expect, test } from '@jest/globals';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const PASTE = 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5d41c": plugin type="gke" failed (add): no IP addresses available in range set: 10.8.2.1-10.8.2.254';

test('a bot token revoked after start: /readyz names SLACK_BOT_TOKEN and the fix, and the error is logged once', async () => {
  h = await startHarness();
  const before = await fetch(`${h.healthUrl}/readyz`);
  expect(before.status).toBe(200);
  h.fake.failing.set('chat.postMessage', 'token_revoked');
  for (let i = 1; i <= 3; i++) {
    await h.event({ type: 'app_mention', channel: 'C0GEN0001', user: 'U0USER001', text: `<@${h.fake.botUserId}> ${PASTE}`, ts: `1700000100.00010${i}` });
  }
  await h.idle();
  expect(h.fake.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(3);
  const ready = await fetch(`${h.healthUrl}/readyz`);
  expect(ready.status).toBe(503);
  const body = (await ready.json()) as { failed: string[] };
  expect(body.failed).toEqual([expect.stringMatching(/^slack: SLACK_BOT_TOKEN was rejected by Slack \(token_revoked\): .*reinstall the app/)]);
  const rejections = h.logLines.filter((line) => String(line.msg).includes('SLACK_BOT_TOKEN was rejected by Slack'));
  expect(rejections).toHaveLength(1);
  expect(rejections[0]).toMatchObject({ level: 50 });
  expect(JSON.stringify(h.logLines)).not.toContain('xoxb-test-token');
});
