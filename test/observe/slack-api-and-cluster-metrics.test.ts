/**
 * What a person sees, and what /metrics counts, when the outside world misbehaves: a cluster that never answers
 * (real @kubernetes/client-node against a fake HTTPS API server that hangs), Slack answering 429 or an error.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadClusterConfigFromEnv } from '../../src/clusters/index.js';
import { clusterCheckerFromEnv } from '../../src/slack/cluster-checker-from-env.js';
import { createObservability } from '../../src/observe/observability.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { createTestCertificates, startFakeCluster, writeKubeconfig, type FakeCluster } from '../support/fake-kube-api-server.js';
import { blocksText, IP_LEAK_PASTE, startHarness, type Harness } from '../slack/harness.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

const fixture = (name: string) => clusterFixture(name);

async function metricsText(h: Harness): Promise<string> {
  return (await fetch(`${h.healthUrl}/metrics`)).text();
}

function count(metrics: string, name: string, labels: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('a cluster that hangs', () => {
  const servers: FakeCluster[] = [];
  let h: Harness;
  beforeAll(async () => {
    const certs = await createTestCertificates();
    const healthy = await startFakeCluster({ token: 'gke-token', ...fixture('gke-cos-and-windows') }, certs);
    const hanging = await startFakeCluster({ token: 'hang-token', behaviour: 'hang' }, certs);
    servers.push(healthy, hanging);
    const dir = await mkdtemp(join(tmpdir(), 'k8sfix-kubeconfig-'));
    const kubeconfig = await writeKubeconfig(dir, 'config.yaml', certs.caCert, [
      { name: 'gke-prod', server: healthy.url, token: 'gke-token' },
      { name: 'hanging', server: hanging.url, token: 'hang-token' },
    ]);
    const store = new MemoryStore();
    const config = loadClusterConfigFromEnv({ KUBECONFIG: kubeconfig, K8SFIX_CLUSTER_TIMEOUT_MS: '500' });
    h = await startHarness({ store, clusters: clusterCheckerFromEnv(config, store)!, env: { K8SFIX_CLUSTER_WAIT_MS: '5000' } });
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
    await Promise.all(servers.map((s) => s.close()));
  });

  test('the answer still comes, with the hanging cluster unreachable and why; /metrics counts the verdicts', async () => {
    await h.command(IP_LEAK_PASTE, 'hang1');
    const [reply] = await h.fake.waitFor((c) => c.id === 'hang1', 1, 15_000);
    const text = blocksText(reply!.body.blocks);
    expect(text).toContain('failed to allocate for range 0');
    expect(text).toMatch(/`hanging` \*unreachable\*: .*500 ms/);
    expect(text).toMatch(/`gke-prod` \*(affected|not affected|unknown)\*/);
    const metrics = await metricsText(h);
    expect(count(metrics, 'k8sfix_cluster_checks_total', 'result="unreachable"')).toBe(1);
    const others = ['affected', 'not-affected', 'unknown'].map((r) => count(metrics, 'k8sfix_cluster_checks_total', `result="${r}"`) ?? 0);
    expect(others.reduce((a, b) => a + b, 0)).toBe(1);
  }, 20_000);
});

describe('Slack API errors and retries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('a 429 from chat.postMessage is retried after Retry-After and counted as an error and a retry', async () => {
    h.fake.rateLimit('chat.postMessage', 1);
    await h.event({ type: 'app_mention', channel: 'C0GEN0001', user: 'U0USER001', text: `<@UBOT0001> ${IP_LEAK_PASTE}`, ts: '1700000400.000100' });
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '1700000400.000100', 1, 15_000);
    await h.idle();
    const metrics = await metricsText(h);
    expect(count(metrics, 'k8sfix_slack_api_errors_total', 'method="chat.postMessage",error="ratelimited"')).toBe(1);
    expect(count(metrics, 'k8sfix_slack_api_retries_total', 'reason="ratelimited"')).toBe(1);
  }, 20_000);

  test('an ok:false answer is counted by method and Slack error; the failed answer is counted as failed', async () => {
    h.fake.failing.set('chat.postMessage', 'channel_not_found');
    try {
      await h.event({ type: 'app_mention', channel: 'C0GEN0001', user: 'U0USER001', text: `<@UBOT0001> ${IP_LEAK_PASTE}`, ts: '1700000500.000100' });
      await h.idle();
    } finally {
      h.fake.failing.delete('chat.postMessage');
    }
    const metrics = await metricsText(h);
    expect(count(metrics, 'k8sfix_slack_api_errors_total', 'method="chat.postMessage",error="channel_not_found"')).toBeGreaterThanOrEqual(1);
    expect(count(metrics, 'k8sfix_answers_total', 'surface="mention",outcome="failed"')).toBe(1);
    const line = h.logLines.find((l) => l.msg === 'k8sfix: request' && l.outcome === 'failed');
    expect(line).toMatchObject({ surface: 'mention', error: 'slack_webapi_platform_error' });
  });
});

describe('LOG_LEVEL=debug', () => {
  test('the request line is joined by the start of the paste, at most 200 characters, at debug level only', async () => {
    const lines: Record<string, unknown>[] = [];
    const observe = createObservability({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
    const h = await startHarness({ observe });
    try {
      const paste = `${'x'.repeat(300)}\n${IP_LEAK_PASTE}`;
      await h.command(paste, 'dbg1');
      await h.fake.waitFor((c) => c.id === 'dbg1');
      await h.idle();
      const input = lines.find((l) => l.msg === 'k8sfix: request input')!;
      expect(input.level).toBe(20);
      expect(input.inputStart).toBe('x'.repeat(200));
      const request = lines.find((l) => l.msg === 'k8sfix: request' && l.requestId === input.requestId)!;
      expect(request).toMatchObject({ level: 30, surface: 'command', outcome: 'matched', issues: ['pod-ip-exhaustion-containerd-ip-leak'] });
      expect(lines.filter((l) => l.level === 30).map((l) => JSON.stringify(l)).join('\n')).not.toContain('xxxxxxxxxx');
    } finally {
      await h.stop();
    }
  });
});
