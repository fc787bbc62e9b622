/**
 * The running app's health side port and metrics, in both modes: /livez, /readyz (which names what failed, with
 * Redis stopped and with the Socket Mode connection cut) and /metrics after a few answers, plus the one JSON log
 * line per request.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RedisStore } from '../../src/store/redis-store.js';
import { eventEnvelope } from '../support/signed-request.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { blocksText, IP_LEAK_PASTE, startHarness, type Harness } from '../slack/harness.js';

const NO_MATCH = 'my pod is sad and I do not know why';

interface Readyz {
  status: string;
  failed: string[];
  checks: Record<string, { ok: boolean; detail: string }>;
}

async function get(url: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

async function readyz(h: Harness): Promise<{ status: number; body: Readyz }> {
  const { status, text } = await get(`${h.healthUrl}/readyz`);
  return { status, body: JSON.parse(text) as Readyz };
}

/** Polls /readyz until `want` holds (readiness follows connection events, which arrive a moment later). */
async function readyzUntil(h: Harness, want: (r: { status: number; body: Readyz }) => boolean, timeoutMs = 15_000): Promise<{ status: number; body: Readyz }> {
  const deadline = Date.now() + timeoutMs;
  let last = await readyz(h);
  while (!want(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await readyz(h);
  }
  return last;
}

/** The value of one sample in Prometheus text format, or undefined when absent. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of metrics.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(match[3]);
  }
  return undefined;
}

/** Asks `/k8sfix <text>` the way the mode receives it and waits for the final answer through response_url. */
async function ask(h: Harness, socket: boolean, text: string, id: string): Promise<string> {
  if (socket) {
    await h.fake.sendEnvelope('slash_commands', {
      command: '/k8sfix',
      text,
      user_id: 'U0USER001',
      channel_id: 'C0GEN0001',
      team_id: 'T0001',
      api_app_id: 'A0APP0001',
      response_url: h.fake.responseUrl(id),
      trigger_id: '1.2.3',
    });
  } else {
    await h.command(text, id);
  }
  const [reply] = await h.fake.waitFor((c) => c.method === 'respond' && c.id === id);
  await h.idle();
  return blocksText(reply!.body.blocks);
}

async function mention(h: Harness, socket: boolean, text: string, ts: string): Promise<void> {
  const event = { type: 'app_mention', channel: 'C0GEN0001', channel_type: 'channel', user: 'U0USER002', text: `<@UBOT0001> ${text}`, ts };
  if (socket) await h.fake.sendEnvelope('events_api', eventEnvelope(event));
  else await h.event(event);
  await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
  await h.idle();
}

describe.each([
  { mode: 'HTTP', socket: false },
  { mode: 'Socket Mode', socket: true },
])('$mode: health port and metrics', ({ socket }) => {
  let redis: RedisServer;
  let h: Harness;
  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startHarness({ socket, store: new RedisStore({ url: redis.url, keyPrefix: `observe-${socket}:` }) });
    if (socket) await h.fake.waitForSocket();
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
    await redis?.stop();
  });

  test('/livez and /healthz answer ok; /readyz is 200 once Slack, the catalogue and Redis are fine', async () => {
    expect(await get(`${h.healthUrl}/livez`)).toMatchObject({ status: 200, text: 'ok' });
    expect(await get(`${h.healthUrl}/healthz`)).toMatchObject({ status: 200, text: 'ok' });
    const ready = await readyzUntil(h, (r) => r.status === 200);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.failed).toEqual([]);
    expect(Object.keys(ready.body.checks).sort()).toEqual(['catalogue', 'redis', 'slack']);
    expect(ready.body.checks.slack!.detail).toBe(socket ? 'connected over Socket Mode' : 'bot token accepted; Slack reachable');
    if (!socket) {
      // In HTTP mode the events port serves the same paths.
      const eventsBase = h.eventsUrl.replace('/slack/events', '');
      expect(await get(`${eventsBase}/livez`)).toMatchObject({ status: 200, text: 'ok' });
      expect((await get(`${eventsBase}/readyz`)).status).toBe(200);
      expect((await get(`${eventsBase}/metrics`)).text).toContain('k8sfix_answers_total');
    }
  });

  test('/metrics counts answers by surface and outcome, matches by issue and confidence, abstentions and latencies', async () => {
    expect(await ask(h, socket, IP_LEAK_PASTE, `${socket}-m1`)).toContain('failed to allocate for range 0');
    expect(await ask(h, socket, IP_LEAK_PASTE, `${socket}-m2`)).toContain('failed to allocate for range 0');
    expect(await ask(h, socket, NO_MATCH, `${socket}-m3`)).toContain('No known issue matched');
    await mention(h, socket, IP_LEAK_PASTE, '1700000100.000100');

    const { status, text, type } = await get(`${h.healthUrl}/metrics`);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'k8sfix_answers_total', { surface: 'command', outcome: 'matched' })).toBe(2);
    expect(sample(text, 'k8sfix_answers_total', { surface: 'command', outcome: 'no_match' })).toBe(1);
    expect(sample(text, 'k8sfix_answers_total', { surface: 'mention', outcome: 'matched' })).toBe(1);
    expect(sample(text, 'k8sfix_matches_total', { issue: 'pod-ip-exhaustion-containerd-ip-leak', confidence: 'high' })).toBe(3);
    expect(sample(text, 'k8sfix_abstentions_total', { surface: 'command' })).toBe(1);
    expect(sample(text, 'k8sfix_match_duration_seconds_count', { surface: 'command' })).toBe(3);
    expect(sample(text, 'k8sfix_match_duration_seconds_count', { surface: 'mention' })).toBe(1);
    expect(sample(text, 'k8sfix_answer_duration_seconds_count', { surface: 'command', outcome: 'matched' })).toBe(2);
    expect(sample(text, 'k8sfix_answer_duration_seconds_bucket', { surface: 'command', outcome: 'matched', le: '+Inf' })).toBe(2);
    // Registered with their help text even before anything is counted; process metrics on by default.
    for (const name of ['k8sfix_slack_api_errors_total', 'k8sfix_slack_api_retries_total', 'k8sfix_cluster_checks_total', 'k8sfix_store_errors_total', 'k8sfix_fix_actions_total', 'k8sfix_feedback_marks_total']) {
      expect(text).toContain(`# HELP ${name} `);
    }
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  test('one JSON log line per answered request: id, surface, issues, confidence, outcome, time; never the paste', () => {
    const lines = h.logLines.filter((l) => l.msg === 'k8sfix: request' && l.surface === 'command');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const matched = lines.find((l) => l.outcome === 'matched')!;
    expect(matched).toMatchObject({ level: 30, kind: 'command', surface: 'command', issues: ['pod-ip-exhaustion-containerd-ip-leak'], confidence: ['high'] });
    expect(matched.requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(typeof matched.ms).toBe('number');
    expect(lines.find((l) => l.outcome === 'no_match')).toMatchObject({ issues: [], confidence: [] });
    expect(new Set(lines.map((l) => l.requestId)).size).toBe(lines.length);
    const all = JSON.stringify(h.logLines);
    expect(all).not.toContain('no IP addresses available');
    expect(all).not.toContain(NO_MATCH);
    expect(all).not.toContain('xoxb-test-token');
    expect(all).not.toContain('xapp-test-token');
  });

  test('with Redis stopped, /readyz is 503 and names Redis, answers still come, and store errors are counted', async () => {
    await redis.stop();
    const down = await readyzUntil(h, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not ready');
    expect(down.body.failed).toHaveLength(1);
    expect(down.body.failed[0]).toMatch(/^redis: Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable/);
    expect(down.body.checks.slack!.ok).toBe(true);
    expect(await get(`${h.healthUrl}/livez`)).toMatchObject({ status: 200, text: 'ok' });

    expect(await ask(h, socket, IP_LEAK_PASTE, `${socket}-down1`)).toContain('failed to allocate for range 0');
    const { text } = await get(`${h.healthUrl}/metrics`);
    expect(sample(text, 'k8sfix_store_errors_total', { operation: 'get' })).toBeGreaterThan(0);
    expect(sample(text, 'k8sfix_ready', { check: 'redis' })).toBe(0);

    // The same Redis back on its port: ready again, without a restart of the app.
    redis = await startRedisServer({ port: redis.port });
    const back = await readyzUntil(h, (r) => r.status === 200);
    expect(back.status).toBe(200);
    expect(back.body.checks.redis).toEqual({ ok: true, detail: 'reachable' });
  }, 30_000);

  if (socket) {
    test('a dropped Socket Mode connection shows in /readyz until the client has reconnected', async () => {
      const opened = h.fake.callsTo('apps.connections.open').length;
      h.fake.dropSockets();
      const cut = await readyzUntil(h, (r) => r.body.checks.slack?.ok === false);
      expect(cut.status).toBe(503);
      expect(cut.body.failed).toContain('slack: Socket Mode connection not open (connecting or reconnecting)');
      const back = await readyzUntil(h, (r) => r.body.checks.slack?.ok === true, 20_000);
      expect(back.body.checks.slack!.detail).toBe('connected over Socket Mode');
      expect(h.fake.callsTo('apps.connections.open').length).toBeGreaterThan(opened);
    }, 30_000);
  }
});
