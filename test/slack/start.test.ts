/**
 * `npm start` (the built dist/src/slack/start.js, as the container runs it) against the fake Slack: a token Slack
 * rejects, Slack unreachable at start, and a catalogue directory with a broken file.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCatalogueDir } from '../../src/catalogue/load-catalogue.js';
import { FakeSlackApi } from '../support/fake-slack-api.js';
import { freePort } from '../support/redis-server.js';
import { postSigned, slashCommandBody } from '../support/signed-request.js';
import { blocksText, IP_LEAK_PASTE } from './harness.js';

const START = join(process.cwd(), 'dist', 'src', 'slack', 'start.js');
const SECRET = 'start-test-secret';
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startApp(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [START], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-revoked-or-not',
      SLACK_SIGNING_SECRET: SECRET,
      PORT: '0',
      K8SFIX_HEALTH_PORT: '0',
      KUBECONFIG: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until<T>(read: () => T | undefined, what: string, started: Started, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline || started.child.exitCode !== null) {
      throw new Error(`no ${what}; exit ${started.child.exitCode}; stdout: ${started.stdout()}; stderr: ${started.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The JSON log lines on standard output. */
function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const healthPortOf = (started: Started) => () => jsonLines(started.stdout()).find((l) => typeof l.healthPort === 'number')?.healthPort as number | undefined;

describe('npm start', () => {
  test.each(['token_revoked', 'invalid_auth', 'account_inactive'])(
    'a bot token Slack answers with %s: one line on stderr saying what to fix, exit 1, no stack trace',
    async (error) => {
      const fake = await new FakeSlackApi({ failing: { 'auth.test': error } }).start();
      try {
        const app = startApp({ SLACK_API_URL: fake.apiUrl });
        const code = await app.exited;
        expect(code).toBe(1);
        const lines = app.stderr().split('\n').filter(Boolean);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^k8sfix cannot start: SLACK_BOT_TOKEN was rejected by Slack \\(${error}\\): .*SLACK_BOT_TOKEN`));
        if (error === 'token_revoked') expect(lines[0]).toContain('reinstall the app');
        expect(app.stderr()).not.toMatch(/\n\s+at /);
        expect(app.stdout() + app.stderr()).not.toContain('xoxb-revoked-or-not');
        // It never said it was listening.
        expect(app.stdout()).not.toContain('listening on port');
        expect(fake.callsTo('auth.test')).toHaveLength(1);
      } finally {
        await fake.stop();
      }
    },
    40_000,
  );

  test('Socket Mode: an app token Slack answers with invalid_auth is one line naming SLACK_APP_TOKEN, exit 1', async () => {
    const fake = await new FakeSlackApi({ failing: { 'apps.connections.open': 'invalid_auth' } }).start();
    try {
      const app = startApp({ SLACK_API_URL: fake.apiUrl, SLACK_APP_TOKEN: 'xapp-wrong' });
      expect(await app.exited).toBe(1);
      const lines = app.stderr().split('\n').filter(Boolean);
      expect(lines).toEqual([expect.stringMatching(/^k8sfix cannot start: SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\): create an app-level token with the connections:write scope/)]);
      expect(app.stdout()).not.toContain('connected over Socket Mode');
    } finally {
      await fake.stop();
    }
  }, 40_000);

  test('Slack unreachable at start: it keeps retrying, /livez answers and /readyz says Slack is unreachable', async () => {
    const closed = await freePort();
    const app = startApp({ SLACK_API_URL: `http://127.0.0.1:${closed}/api/` });
    const port = await until(healthPortOf(app), 'health port line', app);
    const live = await fetch(`http://127.0.0.1:${port}/livez`);
    expect(live.status).toBe(200);
    let ready: { status: number; json: { failed: string[] } } | undefined;
    for (let i = 0; i < 100; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      ready = { status: response.status, json: (await response.json()) as { failed: string[] } };
      if (ready.json.failed.some((f) => f.startsWith('slack: Slack unreachable'))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(ready!.status).toBe(503);
    expect(ready!.json.failed).toEqual([expect.stringMatching(/^slack: Slack unreachable: .+; retrying$/)]);
    expect(app.child.exitCode).toBeNull();
    // After the Web API client's own retries, the start loop says so and waits before trying again.
    const retrying = await until(() => jsonLines(app.stdout()).find((l) => l.msg === 'k8sfix: Slack unreachable at start; retrying'), 'retry line', app);
    expect(retrying).toMatchObject({ level: 30, retryInMs: 1000, reason: expect.stringContaining('A request error occurred') });
    expect(app.child.exitCode).toBeNull();
    app.child.kill('SIGTERM');
    await app.exited;
  }, 60_000);

  test('a catalogue directory with a broken file: a warning names the file and field, and the app answers from the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sfix-team-catalogue-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'gke'));
    const example = readFileSync(join(defaultCatalogueDir(), 'gke', 'pod-ip-exhaustion-containerd-ip-leak.yaml'), 'utf8');
    writeFileSync(join(dir, 'gke', 'team-broken-entry.yaml'), example.replace('id: pod-ip-exhaustion-containerd-ip-leak', 'id: team-broken-entry').replace('remediation:', 'remediaton:'));
    const fake = await new FakeSlackApi().start();
    const eventsPort = await freePort();
    try {
      const app = startApp({ SLACK_API_URL: fake.apiUrl, K8SFIX_CATALOGUE_DIRS: dir, PORT: String(eventsPort) });
      const started = await until(() => app.stdout().split('\n').find((l) => l.startsWith('k8sfix: ')), 'start line', app);
      expect(started).toMatch(/^k8sfix: \d+ known issues, no clusters connected, listening on port \d+ at \/slack\/events$/);
      const warning = jsonLines(app.stdout()).find((l) => l.msg?.toString().startsWith('k8sfix: catalogue entry skipped'));
      expect(warning).toMatchObject({ level: 40, file: join(dir, 'gke/team-broken-entry.yaml'), field: 'remediaton' });
      await postSigned(`http://127.0.0.1:${eventsPort}/slack/events`, SECRET, slashCommandBody({ text: IP_LEAK_PASTE, response_url: fake.responseUrl('start1') }), 'application/x-www-form-urlencoded');
      const [reply] = await fake.waitFor((c) => c.id === 'start1', 1, 20_000);
      expect(blocksText(reply!.body.blocks)).toContain('failed to allocate for range 0');
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      await fake.stop();
    }
  }, 60_000);

  test('an id used in the bundled catalogue and in K8SFIX_CATALOGUE_DIRS stops the start with both files named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sfix-team-catalogue-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'gke'));
    writeFileSync(join(dir, 'gke', 'pod-ip-exhaustion-containerd-ip-leak.yaml'), readFileSync(join(defaultCatalogueDir(), 'gke', 'pod-ip-exhaustion-containerd-ip-leak.yaml'), 'utf8'));
    const fake = await new FakeSlackApi().start();
    try {
      const app = startApp({ SLACK_API_URL: fake.apiUrl, K8SFIX_CATALOGUE_DIRS: dir });
      expect(await app.exited).toBe(1);
      expect(app.stderr()).toContain(`${join(dir, 'gke/pod-ip-exhaustion-containerd-ip-leak.yaml')}: id: "pod-ip-exhaustion-containerd-ip-leak" is also the id of ${join(defaultCatalogueDir(), 'gke/pod-ip-exhaustion-containerd-ip-leak.yaml')}`);
      expect(app.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      await fake.stop();
    }
  }, 40_000);
});
