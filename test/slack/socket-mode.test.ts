import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { eventEnvelope } from '../support/signed-request.js';
import { blocksText, INCIDENT_CHANNEL, IP_LEAK_PASTE, startHarness, type Harness } from './harness.js';

describe('Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ socket: true });
    await h.fake.waitForSocket();
  });
  afterAll(async () => {
    await h.stop();
  });

  test('connects through apps.connections.open with the app token', () => {
    expect(h.slack.mode).toBe('socket');
    const open = h.fake.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.headers.authorization).toBe('Bearer xapp-test-token');
  });

  test('a slash command envelope is acknowledged, then answered through response_url', async () => {
    await h.fake.sendEnvelope('slash_commands', {
      command: '/k8sfix',
      text: IP_LEAK_PASTE,
      user_id: 'U0USER001',
      channel_id: 'C0GEN0001',
      team_id: 'T0001',
      api_app_id: 'A0APP0001',
      response_url: h.fake.responseUrl('sock1'),
      trigger_id: '1.2.3',
    });
    const [reply] = await h.fake.waitFor((c) => c.id === 'sock1');
    expect(blocksText(reply!.body.blocks)).toContain('failed to allocate for range 0');
  });

  test('an events_api envelope in an incident channel is annotated once, even when Slack retries it', async () => {
    const payload = eventEnvelope(
      { type: 'message', channel: INCIDENT_CHANNEL, channel_type: 'channel', user: 'U0USER001', text: IP_LEAK_PASTE, ts: '1700009999.000100' },
      { eventId: 'EvSOCKET1' },
    );
    await h.fake.sendEnvelope('events_api', payload);
    await h.fake.sendEnvelope('events_api', payload, { retryAttempt: 1 });
    await h.idle();
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.thread_ts).toBe('1700009999.000100');
  });
});
