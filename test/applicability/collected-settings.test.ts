/**
 * Real @kubernetes/client-node against the in-process HTTPS fake API server serving the bare-metal Cluster and
 * VMRuntime resources: the collector reads the settings the catalogue's conditions need, links a user cluster
 * to its admin cluster through K8SFIX_ADMIN_CLUSTERS, and the real catalogue entries decide on those facts.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkApplicability } from '../../src/applicability/check-applicability.js';
import { createClusterFactsService, loadClusterConfigFromEnv, type ClusterReport } from '../../src/clusters/index.js';
import { runClustersCommand } from '../../src/cli/commands/clusters.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { realCatalogue } from '../support/catalogue.js';
import { createTestCertificates, startFakeCluster, writeKubeconfig, type FakeCluster, type FakeClusterSpec } from '../support/fake-kube-api-server.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

interface Fixture {
  version: Record<string, string>;
  nodes: unknown[];
}
const edge = clusterFixture<Fixture>('anthos-bare-metal-edge');

/** A bare-metal Cluster object as `kubectl get clusters.baremetal.cluster.gke.io -A -o json` lists it. */
function cluster(name: string, type: string, version: string, spec: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'baremetal.cluster.gke.io/v1',
    kind: 'Cluster',
    metadata: { name, namespace: `cluster-${name}` },
    spec: { type, anthosBareMetalVersion: version, clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } }, ...spec },
    status: { anthosBareMetalVersion: version },
  };
}
const vmRuntime = (enabled: boolean): unknown => ({
  apiVersion: 'vm.cluster.gke.io/v1',
  kind: 'VMRuntime',
  metadata: { name: 'vmruntime' },
  spec: { enabled, useEmulation: false, vmImageFormat: 'qcow2' },
});

const servers = new Map<string, FakeCluster>();
let kubeconfig = '';

beforeAll(async () => {
  const certs = await createTestCertificates();
  const specs: Record<string, FakeClusterSpec> = {
    // A 1.10 user cluster (island mode by default, VM Runtime on) managed by a 1.11 admin cluster with a mirror.
    'user-lab': { token: 'user-token', ...edge, bareMetalClusters: [cluster('user-lab', 'user', '1.10.3')], vmRuntimes: [vmRuntime(true)] },
    'admin-hq': {
      token: 'admin-token',
      ...edge,
      bareMetalClusters: [
        cluster('admin-hq', 'admin', '1.11.1', { registryMirrors: [{ endpoint: 'https://172.18.0.20:5000', caCertPath: '/root/ca.crt' }] }),
        cluster('user-lab', 'user', '1.10.3'),
      ],
      vmRuntimes: [vmRuntime(false)],
    },
    // A 1.14.0 hybrid cluster on flat-mode IPv4, with VM Runtime installed but off.
    'flat-14': { token: 'flat-token', ...edge, bareMetalClusters: [cluster('flat-14', 'hybrid', '1.14.0', { clusterNetwork: { flatIPv4: true } })], vmRuntimes: [vmRuntime(false)] },
    // A 1.14.0 hybrid cluster in island mode whose service account may not read VMRuntime.
    'island-14': {
      token: 'island-token',
      ...edge,
      bareMetalClusters: [cluster('island-14', 'hybrid', '1.14.0')],
      vmRuntimes: [vmRuntime(true)],
      forbiddenPaths: ['/apis/vm.cluster.gke.io/v1/vmruntimes'],
    },
    // A user cluster linked to an admin context that does not answer.
    'user-orphan': { token: 'orphan-token', ...edge, bareMetalClusters: [cluster('user-orphan', 'user', '1.10.3')] },
    'admin-down': { token: 'down-token', behaviour: 'hang' },
  };
  for (const [name, spec] of Object.entries(specs)) servers.set(name, await startFakeCluster(spec, certs));
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-settings-'));
  kubeconfig = await writeKubeconfig(
    dir,
    'config.yaml',
    certs.caCert,
    Object.entries(specs).map(([name, spec]) => ({ name, server: servers.get(name)!.url, token: spec.token })),
  );
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});

function collect(env: Record<string, string> = {}): Promise<ClusterReport[]> {
  const config = loadClusterConfigFromEnv({ KUBECONFIG: kubeconfig, ...env });
  return createClusterFactsService({ ...config, inCluster: false, timeoutMs: 1500, store: new MemoryStore() }).collect();
}

function facts(reports: ClusterReport[], context: string) {
  const report = reports.find((r) => r.context === context);
  if (!report?.ok) throw new Error(`${context} did not answer: ${JSON.stringify(report)}`);
  return report.facts;
}

describe('settings read through the API', () => {
  let reports: ClusterReport[];
  beforeAll(async () => {
    reports = await collect({ K8SFIX_ADMIN_CLUSTERS: 'user-lab=admin-hq,user-orphan=admin-down' });
  });

  test('the bare-metal Cluster spec and VMRuntime give type, island mode, mirrors and VM Runtime', () => {
    expect(facts(reports, 'user-lab')).toMatchObject({
      clusterType: 'user',
      anthosBareMetalVersion: '1.10.3',
      settings: { islandMode: true, multipleNetworkInterfaces: false, proxy: false, vmRuntimeEnabled: true },
    });
    expect(facts(reports, 'user-lab').settings).not.toHaveProperty('registryMirrors');
    expect(facts(reports, 'admin-hq')).toMatchObject({
      clusterType: 'admin',
      adminClusterAnthosBareMetalVersion: '1.11.1',
      settings: { registryMirrors: ['https://172.18.0.20:5000'], vmRuntimeEnabled: false },
      adminClusterSettings: { registryMirrors: ['https://172.18.0.20:5000'] },
    });
    expect(facts(reports, 'flat-14').settings).toMatchObject({ islandMode: false, vmRuntimeEnabled: false });
    expect(facts(reports, 'island-14').settings).toMatchObject({ islandMode: true });
    expect(facts(reports, 'island-14').settings).not.toHaveProperty('vmRuntimeEnabled');
  });

  test('K8SFIX_ADMIN_CLUSTERS gives a user cluster its admin cluster version and settings', () => {
    expect(facts(reports, 'user-lab')).toMatchObject({
      adminContext: 'admin-hq',
      adminClusterAnthosBareMetalVersion: '1.11.1',
      adminClusterSettings: { registryMirrors: ['https://172.18.0.20:5000'] },
    });
    expect(facts(reports, 'user-orphan')).toMatchObject({
      adminContext: 'admin-down',
      adminClusterProblem: expect.stringContaining('the admin cluster (context admin-down) did not answer'),
    });
  });

  test('the real catalogue decides on the collected settings', async () => {
    const { catalogue } = await realCatalogue();
    const verdict = (id: string, context: string) => checkApplicability(catalogue.byId.get(id)!, facts(reports, context));

    // A 1.11 admin with a registry mirror managing a 1.10 user cluster: every condition read, nothing to check.
    const mirror = verdict('admin-1-11-registry-mirror-cannot-manage-1-10-cluster', 'user-lab');
    expect(mirror).toMatchObject({ verdict: 'affected', checks: [] });
    expect(mirror.reasons).toContain('the admin cluster: a registry mirror is configured (https://172.18.0.20:5000)');
    // The same user cluster without the link: the admin version is the missing fact, and the reason says how to give it.
    const unlinked = checkApplicability(catalogue.byId.get('admin-1-11-registry-mirror-cannot-manage-1-10-cluster')!, {
      ...facts(reports, 'user-lab'),
      adminClusterAnthosBareMetalVersion: undefined,
      adminClusterSettings: undefined,
      adminContext: undefined,
    });
    expect(unlinked.verdict).toBe('unknown');
    expect(unlinked.reasons.join(' ')).toContain('K8SFIX_ADMIN_CLUSTERS');
    // A linked admin that does not answer: unknown, saying so.
    const orphan = verdict('admin-1-11-registry-mirror-cannot-manage-1-10-cluster', 'user-orphan');
    expect(orphan.verdict).toBe('unknown');
    expect(orphan.reasons.join(' ')).toContain('context admin-down) did not answer');

    // VM Runtime read as on (affected), read as off (not affected), not readable (affected, with the command to check).
    expect(verdict('vm-runtime-vm-ip-changes-or-lost-on-pod-restart', 'user-lab')).toMatchObject({ verdict: 'affected', checks: [] });
    expect(verdict('vm-runtime-vm-ip-changes-or-lost-on-pod-restart', 'flat-14')).toMatchObject({
      verdict: 'not-affected',
      reasons: ['the cluster: VM Runtime is not enabled'],
    });
    const forbidden = verdict('vm-runtime-vm-ip-changes-or-lost-on-pod-restart', 'island-14');
    expect(forbidden.verdict).toBe('affected');
    expect(forbidden.checks).toEqual(["on the cluster, whether VM Runtime is enabled: check with `kubectl get vmruntime vmruntime -o jsonpath='{.spec.enabled}'`"]);

    // Island mode on 1.14.0: flat-mode IPv4 is not affected, island mode is.
    expect(verdict('island-mode-pod-cidr-mask-24-ignores-max-pods', 'flat-14').verdict).toBe('not-affected');
    expect(verdict('island-mode-pod-cidr-mask-24-ignores-max-pods', 'island-14')).toMatchObject({ verdict: 'affected', checks: [] });

    // The cluster type: a preflight issue of clusters an admin cluster created.
    expect(verdict('preflight-skips-service-account-check-for-admin-created-clusters', 'admin-hq').verdict).toBe('not-affected');
  });

  test('only read-only requests, and VMRuntime among them', () => {
    const seen = new Set([...servers.values()].flatMap((s) => s.requests));
    expect([...seen].sort()).toEqual(['GET /api/v1/nodes', 'GET /apis/baremetal.cluster.gke.io/v1/clusters', 'GET /apis/vm.cluster.gke.io/v1/vmruntimes', 'GET /version']);
  });

  test('k8sfix clusters --json prints the facts shape checkApplicability takes', async () => {
    const config = loadClusterConfigFromEnv({ KUBECONFIG: kubeconfig, K8SFIX_ADMIN_CLUSTERS: 'user-lab=admin-hq' });
    const service = createClusterFactsService({ ...config, inCluster: false, timeoutMs: 1500, store: new MemoryStore() });
    let stdout = '';
    const code = await runClustersCommand(['--json', '--context', 'user-lab'], { stdout: (s) => (stdout += s), stderr: () => undefined }, service);
    expect(code).toBe(0);
    const [report] = JSON.parse(stdout) as ClusterReport[];
    expect(report).toMatchObject({ context: 'user-lab', ok: true, facts: { adminClusterAnthosBareMetalVersion: '1.11.1', settings: { vmRuntimeEnabled: true } } });
    const { catalogue } = await realCatalogue();
    const printed = (report as Extract<ClusterReport, { ok: true }>).facts;
    expect(checkApplicability(catalogue.byId.get('admin-1-11-registry-mirror-cannot-manage-1-10-cluster')!, printed).verdict).toBe('affected');
  });
});

describe('K8SFIX_ADMIN_CLUSTERS is checked', () => {
  test.each([
    ['user-lab', 'is not user-context=admin-context'],
    ['user-lab=user-lab', 'links a context to itself'],
    ['a=b,a=c', 'is linked to two admin clusters'],
    ['a = b', 'is not user-context=admin-context'],
  ])('%j is refused with a valid example', (value, problem) => {
    expect(() => loadClusterConfigFromEnv({ K8SFIX_ADMIN_CLUSTERS: value })).toThrow(problem);
    expect(() => loadClusterConfigFromEnv({ K8SFIX_ADMIN_CLUSTERS: value })).toThrow('K8SFIX_ADMIN_CLUSTERS=user-store-1=admin-hq');
  });

  test('pairs are read, spaces around commas allowed', () => {
    expect(loadClusterConfigFromEnv({ K8SFIX_ADMIN_CLUSTERS: 'user-a=admin-hq, user-b=admin-hq' }).adminContexts).toEqual({ 'user-a': 'admin-hq', 'user-b': 'admin-hq' });
  });
});
