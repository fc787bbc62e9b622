/**
 * Real @kubernetes/client-node against in-process HTTPS API servers: kubeconfig files with the CA and a bearer
 * token, one server per cluster. Covers the realistic platforms and every way a cluster can fail to answer.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { checkApplicability } from '../../src/applicability/check-applicability.js';
import type { CatalogueEntry, Condition } from '../../src/catalogue/types.js';
import { createClusterFactsService, formatClustersTable, formatVerdictLine, type ClusterReport } from '../../src/clusters/index.js';
import { checkMatchesAgainstClusters } from '../../src/cli/commands/cluster-check.js';
import { runClustersCommand } from '../../src/cli/commands/clusters.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import {
  createTestCertificates,
  startFakeCluster,
  unusedUrl,
  writeKubeconfig,
  type FakeCluster,
  type FakeClusterSpec,
  type KubeconfigContext,
} from '../support/fake-kube-api-server.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

interface Fixture {
  version: Record<string, string>;
  nodes: unknown[];
  bareMetalClusters?: unknown[];
}
const fixture = (name: string): Fixture => clusterFixture<Fixture>(name);

// Generous for the healthy clusters on a loaded CI machine; the hanging cluster has its own short-timeout test.
const TIMEOUT_MS = 2000;
const SHORT_TIMEOUT_MS = 300;
const servers = new Map<string, FakeCluster>();
let kubeconfig = '';

beforeAll(async () => {
  const certs = await createTestCertificates();
  const specs: Record<string, FakeClusterSpec> = {
    'gke-prod': { token: 'gke-token', ...fixture('gke-cos-and-windows') },
    'abm-edge': { token: 'abm-token', ...fixture('anthos-bare-metal-edge') },
    'nks-seoul': { token: 'nks-token', ...fixture('nks-centos') },
    'kubeadm-lab': { token: 'lab-token', ...fixture('plain-kubeadm') },
    'hanging': { token: 'hang-token', behaviour: 'hang' },
    'prod-eu': { token: 'eu-token', ...fixture('gke-cos-and-windows'), behaviour: 'forbid-nodes' },
    'bad-cert': { token: 'cert-token', ...fixture('plain-kubeadm'), untrustedCertificate: true },
    'stale-token': { token: 'the-real-token', ...fixture('plain-kubeadm') },
  };
  for (const [name, spec] of Object.entries(specs)) servers.set(name, await startFakeCluster(spec, certs));
  const ctx = (name: string, token = specs[name]!.token): KubeconfigContext => ({ name, server: servers.get(name)!.url, token });
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-kubeconfig-'));
  // Two files, as KUBECONFIG often lists: the healthy clusters, then the troubled ones.
  const first = await writeKubeconfig(dir, 'healthy.yaml', certs.caCert, [ctx('gke-prod'), ctx('abm-edge'), ctx('nks-seoul'), ctx('kubeadm-lab')]);
  const second = await writeKubeconfig(dir, 'troubled.yaml', certs.caCert, [
    ctx('hanging'),
    ctx('prod-eu'),
    ctx('bad-cert'),
    ctx('stale-token', 'an-expired-token'),
    { name: 'gone', server: await unusedUrl(), token: 'x' },
  ]);
  kubeconfig = [first, join(dir, 'missing.yaml'), second].join(delimiter);
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});

const service = (options: Parameters<typeof createClusterFactsService>[0] = {}) =>
  createClusterFactsService({ kubeconfig, inCluster: false, timeoutMs: TIMEOUT_MS, store: new MemoryStore(), ...options });

function ok(reports: ClusterReport[], context: string): Extract<ClusterReport, { ok: true }> {
  const report = reports.find((r) => r.context === context);
  if (!report?.ok) throw new Error(`${context} did not answer: ${JSON.stringify(report)}`);
  return report;
}

describe('cluster facts over HTTPS with @kubernetes/client-node', () => {
  let reports: ClusterReport[];
  let elapsed: number;

  beforeAll(async () => {
    const started = Date.now();
    reports = await service().collect();
    elapsed = Date.now() - started;
  });

  test('contexts come from every file in the KUBECONFIG list, in order; a missing file is skipped', () => {
    expect(service().listContexts()).toEqual(['gke-prod', 'abm-edge', 'nks-seoul', 'kubeadm-lab', 'hanging', 'prod-eu', 'bad-cert', 'stale-token', 'gone']);
    expect(service().currentContext()).toBe('gke-prod');
  });

  test('every cluster answers, one report each, in parallel within the timeout', () => {
    expect(reports.map((r) => [r.context, r.ok ? 'ok' : r.code])).toEqual([
      ['gke-prod', 'ok'],
      ['abm-edge', 'ok'],
      ['nks-seoul', 'ok'],
      ['kubeadm-lab', 'ok'],
      ['hanging', 'timeout'],
      ['prod-eu', 'forbidden'],
      ['bad-cert', 'tls'],
      ['stale-token', 'unauthorized'],
      ['gone', 'unreachable'],
    ]);
    // Sequential asking would cost at least one timeout per slow cluster; parallel costs about one.
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
  });

  test('GKE: platform from the node labels, a COS pool and a Windows Server pool', () => {
    const gke = ok(reports, 'gke-prod');
    expect(gke.platform).toMatchObject({ kind: 'gke', reason: 'node label cloud.google.com/gke-nodepool=default-pool' });
    expect(gke.facts.serverVersion).toBe('v1.24.6-gke.1500');
    expect(gke.facts.bareMetal).toEqual({ status: 'absent' });
    expect(gke.pools.map((p) => [p.name, p.nodes.length, p.osImages, p.containerRuntimeVersions, p.kernelVersions, p.imageType])).toEqual([
      ['default-pool', 2, ['Container-Optimized OS from Google'], ['containerd://1.6.6'], ['5.10.133+'], 'cos'],
      ['win-pool', 2, ['Windows Server 2019 Datacenter'], ['containerd://1.6.2-gke.0'], ['10.0.17763.3406'], 'windows_ltsc'],
    ]);
    expect(gke.facts.nodes[2]).toMatchObject({ operatingSystem: 'windows', architecture: 'amd64', kubeletVersion: 'v1.24.6-gke.1500' });
  });

  test('Anthos on bare metal: the Cluster resource gives version, profile and platform', () => {
    const edge = ok(reports, 'abm-edge');
    expect(edge.platform.kind).toBe('anthos-bare-metal');
    expect(edge.facts).toMatchObject({ anthosBareMetalVersion: '1.13.1', adminClusterAnthosBareMetalVersion: '1.13.1', clusterProfile: 'edge' });
    expect(edge.pools.map((p) => p.name)).toEqual(['edge-store-17', 'np-workers']);
  });

  test('NKS and a plain cluster: the missing bare-metal resource type (404) is a fact, not an error', () => {
    expect(ok(reports, 'nks-seoul').platform).toMatchObject({ kind: 'nks' });
    expect(ok(reports, 'nks-seoul').pools.map((p) => p.name)).toEqual(['default-worker']);
    const lab = ok(reports, 'kubeadm-lab');
    expect(lab.platform.kind).toBe('other');
    expect(lab.facts.bareMetal).toEqual({ status: 'absent' });
  });

  test('failures become reasons that say what to do', () => {
    const reason = (context: string) => (reports.find((r) => r.context === context) as { reason: string }).reason;
    expect(reason('prod-eu')).toBe('forbidden to list nodes: grant the read-only ClusterRole in deploy/rbac-readonly.yaml');
    expect(reason('hanging')).toContain(`within ${TIMEOUT_MS} ms`);
    expect(reason('bad-cert')).toContain('does not match the certificate-authority-data');
    expect(reason('stale-token')).toContain('(401)');
    expect(reason('gone')).toContain('ECONNREFUSED');
    expect(formatVerdictLine('prod-eu', reports.find((r) => r.context === 'prod-eu')!)).toBe(
      'prod-eu: forbidden to list nodes: grant the read-only ClusterRole in deploy/rbac-readonly.yaml',
    );
  });

  test('a hanging cluster is given up after the configured timeout, and its connection is closed', async () => {
    const started = Date.now();
    const [report] = await service({ timeoutMs: SHORT_TIMEOUT_MS }).collect(['hanging']);
    const took = Date.now() - started;
    expect(report).toMatchObject({ ok: false, code: 'timeout', reason: expect.stringContaining(`within ${SHORT_TIMEOUT_MS} ms`) });
    expect(took).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 5);
    expect(took).toBeLessThan(SHORT_TIMEOUT_MS + 1000);
  });

  test('only read-only requests reach the clusters', () => {
    const seen = new Set([...servers.values()].flatMap((s) => s.requests));
    expect([...seen].sort()).toEqual(['GET /api/v1/nodes', 'GET /apis/baremetal.cluster.gke.io/v1/clusters', 'GET /apis/vm.cluster.gke.io/v1/vmruntimes', 'GET /version']);
  });

  test('applicability on the collected facts names the Windows pool', () => {
    const conditions: Condition[] = [
      { fact: 'nodeOs', in: ['windows'] },
      { fact: 'containerRuntime', in: ['containerd'] },
      { fact: 'containerdVersion', ranges: [{ before: '1.6.6' }] },
    ];
    const affects = { products: ['gke' as const], wording: '', allVersions: false, conditions };
    const gke = ok(reports, 'gke-prod');
    const result = checkApplicability({ affects }, gke.facts);
    expect(result.verdict).toBe('affected');
    expect(formatVerdictLine('gke-prod', gke, result)).toMatch(/^gke-prod \(GKE v1\.24\.6-gke\.1500\): affected: pool win-pool: /);
    expect(checkApplicability({ affects }, ok(reports, 'abm-edge').facts).verdict).toBe('not-affected');
  });

  test('the clusters table shows platform, server version and each pool', () => {
    const table = formatClustersTable(reports);
    expect(table).toMatch(/^CONTEXT\s+PLATFORM\s+SERVER\s+POOL\s+NODES\s+KUBELET\s+RUNTIME\s+OS\s+KERNEL$/m);
    expect(table).toMatch(/^gke-prod\s+GKE\s+v1\.24\.6-gke\.1500\s+default-pool\s+2\s+v1\.24\.6-gke\.1500\s+containerd:\/\/1\.6\.6\s+Container-Optimized OS from Google\s+5\.10\.133\+$/m);
    expect(table).toMatch(/^\s+win-pool\s+2\s+v1\.24\.6-gke\.1500\s+containerd:\/\/1\.6\.2-gke\.0\s+Windows Server 2019 Datacenter\s+10\.0\.17763\.3406$/m);
    expect(table).toContain('prod-eu: forbidden to list nodes');
  });
});

describe('caching, allowlist and the commands', () => {
  test('facts are cached for the TTL: the second collect does not call the cluster', async () => {
    const facts = service({ contexts: ['nks-seoul'] });
    const nks = servers.get('nks-seoul')!;
    const before = nks.requests.length;
    const [first] = await facts.collect();
    const [second] = await facts.collect();
    expect(first).toMatchObject({ ok: true, cached: false });
    expect(second).toMatchObject({ ok: true, cached: true });
    expect(nks.requests.length - before).toBe(4);
  });

  test('a TTL of 0 turns the cache off', async () => {
    const facts = service({ contexts: ['nks-seoul'], cacheTtlMs: 0 });
    await facts.collect();
    expect((await facts.collect())[0]).toMatchObject({ ok: true, cached: false });
  });

  test('the allowlist hides other contexts and refuses to ask them', async () => {
    const facts = service({ contexts: ['gke-prod'] });
    expect(facts.listContexts()).toEqual(['gke-prod']);
    const [refused, unknown] = await facts.collect(['kubeadm-lab', 'nope']);
    expect(refused).toMatchObject({ ok: false, code: 'error', reason: expect.stringContaining('not in K8SFIX_CONTEXTS') });
    expect(unknown).toMatchObject({ ok: false, code: 'error', reason: expect.stringContaining('kubectl config get-contexts') });
  });

  test('k8sfix clusters --context ... prints the table; exit 1 when a cluster failed', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    const saved = { ...process.env };
    process.env.KUBECONFIG = kubeconfig;
    process.env.K8SFIX_CLUSTER_TIMEOUT_MS = String(TIMEOUT_MS);
    try {
      expect(await runClustersCommand(['--context', 'gke-prod', '--context=abm-edge'], io)).toBe(0);
      expect(out.join('')).toContain('Anthos bare metal');
      out.length = 0;
      expect(await runClustersCommand(['--context', 'prod-eu', '--json'], io)).toBe(1);
      expect(JSON.parse(out.join(''))).toEqual([expect.objectContaining({ context: 'prod-eu', ok: false, code: 'forbidden' })]);
      process.env.K8SFIX_CLUSTER_TIMEOUT_MS = '5s';
      expect(await runClustersCommand([], io)).toBe(2);
      expect(err.join('')).toContain('K8SFIX_CLUSTER_TIMEOUT_MS="5s" is not valid');
    } finally {
      process.env = saved;
    }
  });

  test('checkMatchesAgainstClusters gives a line per cluster under each entry', async () => {
    const entry = {
      id: 'windows-containerd-drive-letter-mount-path',
      affects: {
        products: ['gke'],
        wording: '',
        allVersions: false,
        conditions: [
          { fact: 'nodeOs', in: ['windows'] },
          { fact: 'containerdVersion', ranges: [{ before: '1.6.6' }] },
        ],
      },
    } as unknown as CatalogueEntry;
    const lines = await checkMatchesAgainstClusters([entry], { contexts: ['gke-prod', 'kubeadm-lab', 'prod-eu'], service: service() });
    expect(lines.get(entry.id)!.map((l) => [l.context, l.verdict])).toEqual([
      ['gke-prod', 'affected'],
      ['kubeadm-lab', 'not-affected'],
      ['prod-eu', 'error'],
    ]);
  });
});
