/**
 * Real @kubernetes/client-node against fake API servers that do not stop: a node list body that never ends (fast,
 * and a byte at a time), node lists that always carry another continue token or the same one again, and a
 * redirect to another server. k8sfix must stop reading, say which cluster sent too much of what, and keep its
 * memory and its request count bounded.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClusterFactsService, DEFAULT_MAX_LIST_PAGES, type ClusterReport } from '../../src/clusters/index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import {
  createTestCertificates,
  startFakeCluster,
  writeKubeconfig,
  type FakeCluster,
  type FakeClusterSpec,
} from '../support/fake-kube-api-server.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

const MiB = 1024 * 1024;
const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
// Long enough that every cap below is reached well before it; the drip test has its own short timeout.
const TIMEOUT_MS = 20_000;
const SHORT_TIMEOUT_MS = 400;

const gke = clusterFixture<{ version: Record<string, string>; nodes: unknown[] }>('gke-cos-and-windows');
const servers = new Map<string, FakeCluster>();
let dir = '';
let kubeconfig = '';

beforeAll(async () => {
  const certs = await createTestCertificates();
  const specs: Record<string, FakeClusterSpec> = {
    'gke-prod': { token: 'gke-token', ...gke },
    'endless': { token: 'endless-token', ...gke, behaviour: 'endless-nodes' },
    'drip': { token: 'drip-token', ...gke, behaviour: 'drip-nodes' },
    'endless-pages': { token: 'pages-token', ...gke, behaviour: 'endless-continue' },
    'looping-pages': { token: 'loop-token', ...gke, behaviour: 'repeat-continue' },
    'elsewhere': { token: 'elsewhere-token', ...gke },
    'gzip-prod': { token: 'gzip-token', ...gke, gzip: true },
    'gzip-endless': { token: 'gzip-endless-token', ...gke, behaviour: 'endless-nodes', gzip: true },
  };
  for (const [name, spec] of Object.entries(specs)) servers.set(name, await startFakeCluster(spec, certs));
  servers.set('redirecting', await startFakeCluster({ token: 'redirect-token', ...gke, redirectNodesTo: `${servers.get('elsewhere')!.url}/api/v1/nodes` }, certs));
  dir = await mkdtemp(join(tmpdir(), 'k8sfix-bounds-'));
  kubeconfig = await writeKubeconfig(
    dir,
    'config.yaml',
    certs.caCert,
    [...servers.keys()].map((name) => ({ name, server: servers.get(name)!.url, token: name === 'redirecting' ? 'redirect-token' : specs[name]!.token })),
  );
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

const service = (options: Parameters<typeof createClusterFactsService>[0] = {}) =>
  createClusterFactsService({ kubeconfig, inCluster: false, timeoutMs: TIMEOUT_MS, store: new MemoryStore(), cacheTtlMs: 0, ...options });

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const nodeRequests = (name: string) => servers.get(name)!.requests.filter((r) => r === 'GET /api/v1/nodes').length;

describe('an answer that never ends', () => {
  test('is cut off at 16 MiB by default: the reason names what was too large, memory and bytes stay bounded', async () => {
    const endless = servers.get('endless')!;
    const rssBefore = process.memoryUsage().rss;
    const [report] = await service().collect(['endless']);
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(report).toEqual({
      context: 'endless',
      ok: false,
      code: 'too-large',
      reason:
        'the API server sent more than 16 MiB for the node list; k8sfix stopped reading ' +
        '(raise K8SFIX_CLUSTER_MAX_RESPONSE_BYTES if the cluster really is that large)',
    });
    // The server would go on for ever; once the client closed the connection it could not send any more.
    await settle();
    const sent = endless.bytesSent();
    await settle();
    expect(endless.bytesSent()).toBe(sent);
    expect(endless.abandoned()).toBeGreaterThanOrEqual(1);
    // What got through is the cap plus what socket buffers held when it was reached, not the endless rest.
    expect(sent).toBeGreaterThan(16 * MiB);
    expect(sent).toBeLessThan(1.5 * 16 * MiB);
    // The bug this guards against grew to 3.1 GB; holding at most 16 MiB (about 30 MB measured) stays far below.
    expect(rssGrowth).toBeLessThan(6 * 16 * MiB);
  });

  test('a smaller K8SFIX_CLUSTER_MAX_RESPONSE_BYTES cuts it sooner, while a normal cluster still fits', async () => {
    const before = servers.get('endless')!.bytesSent();
    const reports = await service({ maxResponseBytes: 256 * 1024 }).collect(['endless', 'gke-prod']);
    expect(reports.map((r) => [r.context, r.ok ? 'ok' : r.code])).toEqual([
      ['endless', 'too-large'],
      ['gke-prod', 'ok'],
    ]);
    expect((reports[0] as { reason: string }).reason).toMatch(/^the API server sent more than 256 KiB for the node list; /);
    await settle();
    expect(servers.get('endless')!.bytesSent() - before).toBeLessThan(16 * MiB);
  });

  test('k8sfix clusters reads the cap from the environment and prints which cluster sent too much', async () => {
    const { code, stdout } = await cli(['clusters', '--context', 'endless', '--context', 'gke-prod'], {
      KUBECONFIG: kubeconfig,
      K8SFIX_CLUSTER_MAX_RESPONSE_BYTES: String(MiB),
      K8SFIX_CLUSTER_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    expect(code).toBe(1);
    expect(stdout).toContain(
      'endless: the API server sent more than 1 MiB for the node list; k8sfix stopped reading (raise K8SFIX_CLUSTER_MAX_RESPONSE_BYTES if the cluster really is that large)',
    );
    expect(stdout).toMatch(/^endless\s+\(too-large\)/m);
    expect(stdout).toMatch(/^gke-prod\s+GKE\s+v1\.24\.6-gke\.1500\s+default-pool/m);
  });

  test('a body that drips in slower than the timeout ends with the timeout, and its connection is closed', async () => {
    const drip = servers.get('drip')!;
    const abandonedBefore = drip.abandoned();
    const started = Date.now();
    const [report] = await service({ timeoutMs: SHORT_TIMEOUT_MS }).collect(['drip']);
    const took = Date.now() - started;
    expect(report).toMatchObject({ ok: false, code: 'timeout', reason: expect.stringContaining(`within ${SHORT_TIMEOUT_MS} ms`) });
    // The body kept arriving the whole time; the timeout covers reading it, not just the headers.
    expect(drip.bytesSent()).toBeGreaterThan(5);
    expect(took).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 5);
    expect(took).toBeLessThan(SHORT_TIMEOUT_MS * 4);
    await settle();
    expect(drip.abandoned()).toBeGreaterThan(abandonedBefore);
    const sent = drip.bytesSent();
    await settle();
    expect(drip.bytesSent()).toBe(sent);
  });
});

describe('gzipped answers', () => {
  test('are read as before, and the cap counts what they inflate to', async () => {
    const reports = await service({ maxResponseBytes: MiB }).collect(['gzip-prod', 'gzip-endless']);
    expect(reports.map((r) => [r.context, r.ok ? 'ok' : r.code])).toEqual([
      ['gzip-prod', 'ok'],
      ['gzip-endless', 'too-large'],
    ]);
    expect((reports[0] as Extract<ClusterReport, { ok: true }>).facts.nodes).toHaveLength(gke.nodes.length);
    expect((reports[1] as { reason: string }).reason).toMatch(/^the API server sent more than 1 MiB for the node list; /);
    // A node list compresses about a hundredfold, so 1 MiB inflated is little on the wire; once cut, it stops.
    await settle();
    const sent = servers.get('gzip-endless')!.bytesSent();
    await settle();
    expect(servers.get('gzip-endless')!.bytesSent()).toBe(sent);
  });
});

describe('a list that never ends', () => {
  test('a new continue token on every page: k8sfix asks for 50 pages, then stops and says so', async () => {
    const [report] = await service().collect(['endless-pages']);
    expect(report).toMatchObject({
      ok: false,
      code: 'too-many-pages',
      reason: `the API server kept the node list going past ${DEFAULT_MAX_LIST_PAGES} pages, more than any cluster has; k8sfix stopped asking: check the API server and any proxy in front of it`,
    });
    expect(nodeRequests('endless-pages')).toBe(DEFAULT_MAX_LIST_PAGES);
  });

  test('the same continue token again: k8sfix stops at the second page', async () => {
    const [report] = await service().collect(['looping-pages']);
    expect(report).toMatchObject({
      ok: false,
      code: 'too-many-pages',
      reason: expect.stringMatching(/^the API server sent the same continue token twice for the node list, so the list would never end; k8sfix stopped asking after 2 pages/),
    });
    expect(nodeRequests('looping-pages')).toBe(2);
  });

  test('a healthy cluster pages through to the end as before', async () => {
    const [report] = (await service({ maxListPages: 3 }).collect(['gke-prod'])) as ClusterReport[];
    expect(report).toMatchObject({ ok: true, facts: { nodes: expect.any(Array) } });
    expect((report as Extract<ClusterReport, { ok: true }>).facts.nodes).toHaveLength(gke.nodes.length);
  });
});

describe('a redirect', () => {
  test('is not followed: the bearer token never goes to the other server', async () => {
    const [report] = await service().collect(['redirecting']);
    expect(report).toMatchObject({ ok: false, code: 'error', reason: 'the API server answered HTTP 302 to list nodes: check the API server\'s health, then try again' });
    expect(servers.get('elsewhere')!.requests).toEqual([]);
  });
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, K8SFIX_CONTEXTS: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}
