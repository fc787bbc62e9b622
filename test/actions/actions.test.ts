/**
 * Each fix action with real @kubernetes/client-node over HTTPS against the fake API server: its plan (the
 * server's dry run, changing nothing), execute (exactly the requests the preview shows, with preconditions),
 * verify, and undo; and the refusals (bare pods, replaced targets, PodDisruptionBudgets, node actions off).
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { isActionError } from '../../src/actions/action-error.js';
import type { Action, ActionContext, Plan } from '../../src/actions/types.js';
import { validateParams } from '../../src/actions/validate-params.js';
import { ACTIONS, findAction } from '../../handlers/registry.js';
import { startActionCluster, type ActionCluster } from './action-harness.js';
import { anthosCluster, CUSTOM_PLURALS, daemonSet, deployment, healthCheck, node, pod, replicaSet, validatingWebhook } from './cluster-objects.js';

let cluster: ActionCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const action = (id: string): Action => findAction(id)!;

async function plan(ctx: ActionContext, id: string, params: Record<string, string>): Promise<Plan> {
  const a = action(id);
  return a.plan(ctx, validateParams(a, params));
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isActionError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

const anetdObjects = () => [
  node('edge-node-1'),
  daemonSet('kube-system', 'anetd', 'ds-anetd-uid'),
  pod('kube-system', 'anetd-x7k2p', 'edge-node-1', { kind: 'DaemonSet', name: 'anetd', uid: 'ds-anetd-uid' }, { 'k8s-app': 'anetd' }),
  pod('kube-system', 'static-thing', 'edge-node-1'),
];

describe('the registry', () => {
  test('lists every action once, each with titles in both languages, a risk and full-match parameter patterns', () => {
    const ids = ACTIONS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of ACTIONS) {
      expect(a.title.en && a.title.ko).toBeTruthy();
      expect(['low', 'medium', 'high', 'critical']).toContain(a.risk);
      for (const p of a.params) expect(p.pattern.source.startsWith('^') && p.pattern.source.endsWith('$')).toBe(true);
    }
    expect(action('run-node-command').risk).toBe('critical');
  });

  test('parameters that are not names are refused before any request: shell text, a path, an unknown parameter', () => {
    const restart = action('restart-controller-pod');
    for (const bad of [{ namespace: 'kube-system', pod: 'anetd; rm -rf /' }, { namespace: '../etc', pod: 'a' }, { namespace: 'kube-system', pod: 'A_B' }]) {
      expect(() => validateParams(restart, bad)).toThrow(/does not match/);
    }
    expect(() => validateParams(restart, { namespace: 'kube-system', pod: 'anetd-x7k2p', force: 'true' })).toThrow(/unknown parameter "force"/);
    expect(() => validateParams(action('remove-annotation'), { kind: 'pod', namespace: 'a', name: 'b', annotation: 'team' })).toThrow(/one of kubectl.kubernetes.io\/last-applied-configuration, prometheus.io\/scrape/);
  });
});

describe('restart-controller-pod', () => {
  test('plans with the dry run only, deletes with uid and resourceVersion, and verifies the DaemonSet started a Ready pod on the node', async () => {
    cluster = await startActionCluster({ objects: anetdObjects() });
    const ctx = cluster.ctx();
    const p = await plan(ctx, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    const target = cluster.resources.get('v1', 'Pod', 'anetd-x7k2p', 'kube-system')!;
    expect(p.preview.targets).toEqual([{ apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: 'anetd-x7k2p', uid: target.metadata.uid, resourceVersion: target.metadata.resourceVersion }]);
    expect(p.preview.blastRadius).toEqual({ nodes: ['edge-node-1'], podsEvicted: ['kube-system/anetd-x7k2p'] });
    expect(p.hash).toMatch(/^[a-f0-9]{64}$/);
    expect(cluster.resources.mutations.map((m) => [m.method, m.path, m.dryRun])).toEqual([['DELETE', '/api/v1/namespaces/kube-system/pods/anetd-x7k2p', true]]);
    expect(cluster.resources.applied()).toEqual([]);
    // The same cluster, planned again, gives the same hash: the approval can be tied to it.
    expect((await plan(ctx, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' })).hash).toBe(p.hash);

    const result = await action('restart-controller-pod').execute(ctx, p);
    expect(result.sent).toEqual([`DELETE Pod kube-system/anetd-x7k2p (uid ${target.metadata.uid}, resourceVersion ${target.metadata.resourceVersion})`]);
    expect(cluster.resources.applied()).toEqual([
      expect.objectContaining({ method: 'DELETE', path: '/api/v1/namespaces/kube-system/pods/anetd-x7k2p', body: expect.objectContaining({ preconditions: { uid: target.metadata.uid, resourceVersion: target.metadata.resourceVersion } }) }),
    ]);
    const verified = await action('restart-controller-pod').verify(ctx, p);
    expect(verified).toEqual({ ok: true, detail: expect.stringMatching(/^pod kube-system\/anetd-r1 replaced it and is Ready$/) });
  });

  test('a pod replaced between plan and execute is not touched: 409 from the precondition, code stale', async () => {
    cluster = await startActionCluster({ objects: anetdObjects() });
    const ctx = cluster.ctx();
    const p = await plan(ctx, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    const old = cluster.resources.get('v1', 'Pod', 'anetd-x7k2p', 'kube-system')!;
    cluster.resources.put({ ...old, metadata: { ...old.metadata, uid: 'a-new-uid' } });
    const refused = await refusal(action('restart-controller-pod').execute(ctx, p));
    expect(refused.code).toBe('stale');
    expect(refused.message).toMatch(/Precondition failed: UID in precondition/);
    expect(cluster.resources.get('v1', 'Pod', 'anetd-x7k2p', 'kube-system')!.metadata.uid).toBe('a-new-uid');
    expect(cluster.resources.applied().filter((m) => m.method === 'DELETE')).toHaveLength(1);
    expect(cluster.resources.list('Pod', 'kube-system')).toHaveLength(2);
  });

  test('a bare pod is refused at plan, with nothing sent', async () => {
    cluster = await startActionCluster({ objects: anetdObjects() });
    const refused = await refusal(plan(cluster.ctx(), 'restart-controller-pod', { namespace: 'kube-system', pod: 'static-thing' }));
    expect(refused).toEqual({ code: 'refused', message: expect.stringMatching(/no controller \(a bare pod\)/) });
    expect(cluster.resources.mutations).toEqual([]);
  });

  test('a Deployment pod (owned by a ReplicaSet) is restarted', async () => {
    cluster = await startActionCluster({
      objects: [replicaSet('kube-system', 'anthos-cluster-operator-6b7d9', 'rs-uid', 'dep-uid'), pod('kube-system', 'anthos-cluster-operator-6b7d9-q2w3e', 'cp-1', { kind: 'ReplicaSet', name: 'anthos-cluster-operator-6b7d9', uid: 'rs-uid' })],
    });
    const ctx = cluster.ctx();
    const p = await plan(ctx, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anthos-cluster-operator-6b7d9-q2w3e' });
    await action('restart-controller-pod').execute(ctx, p);
    expect((await action('restart-controller-pod').verify(ctx, p)).ok).toBe(true);
  });
});

describe('delete-webhook-configuration', () => {
  test('keeps a copy in the plan, deletes with preconditions, and undo creates it again as it was', async () => {
    cluster = await startActionCluster({ objects: [validatingWebhook('policy-agent-validating')] });
    const ctx = cluster.ctx();
    const a = action('delete-webhook-configuration');
    const p = await plan(ctx, a.id, { kind: 'validating', name: 'policy-agent-validating' });
    expect(a.risk).toBe('high');
    expect(cluster.resources.applied()).toEqual([]);
    await a.execute(ctx, p);
    expect(cluster.resources.get('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'policy-agent-validating')).toBeUndefined();
    expect(await a.verify(ctx, p)).toEqual({ ok: true, detail: 'ValidatingWebhookConfiguration policy-agent-validating is gone' });

    const undo = await a.undo!(ctx, p);
    expect(undo.preview.direction).toBe('undo');
    await a.execute(ctx, undo);
    expect(await a.verify(ctx, undo)).toEqual({ ok: true, detail: 'ValidatingWebhookConfiguration policy-agent-validating is back' });
    const restored = cluster.resources.get('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'policy-agent-validating')!;
    expect(restored.webhooks).toEqual(validatingWebhook('x').webhooks);
    expect(restored.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'policy-agent' });
    expect(cluster.resources.applied().map((m) => `${m.method} ${m.path}`)).toEqual([
      'DELETE /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/policy-agent-validating',
      'POST /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
    ]);
  });
});

describe('cordon-node and uncordon-node', () => {
  test('cordon sends a JSON patch whose test ops pin uid and resourceVersion; undo uncordons', async () => {
    cluster = await startActionCluster({ objects: [node('edge-node-1')] });
    const ctx = cluster.ctx();
    const a = action('cordon-node');
    const p = await plan(ctx, a.id, { node: 'edge-node-1' });
    const before = cluster.resources.get('v1', 'Node', 'edge-node-1')!;
    const change = p.preview.changes[0]!;
    expect(change.kind === 'patch' && change.patch).toEqual([
      { op: 'test', path: '/metadata/uid', value: before.metadata.uid },
      { op: 'test', path: '/metadata/resourceVersion', value: before.metadata.resourceVersion },
      { op: 'add', path: '/spec/unschedulable', value: true },
    ]);
    expect(change.kind === 'patch' && change.diff).toEqual([{ path: '/spec/unschedulable', before: false, after: true }]);
    await a.execute(ctx, p);
    expect(await a.verify(ctx, p)).toEqual({ ok: true, detail: 'node edge-node-1 is cordoned' });
    expect(await refusal(plan(ctx, a.id, { node: 'edge-node-1' }))).toEqual({ code: 'refused', message: 'node edge-node-1 is already cordoned: nothing to change' });
    const undo = await a.undo!(ctx, p);
    await a.execute(ctx, undo);
    expect(await a.verify(ctx, undo)).toEqual({ ok: true, detail: 'node edge-node-1 is schedulable again' });
    expect(cluster.resources.get('v1', 'Node', 'edge-node-1')!.spec.unschedulable).toBe(false);
  });

  test('a node changed since the plan makes the patch fail its test op: stale, node unchanged', async () => {
    cluster = await startActionCluster({ objects: [node('edge-node-1')] });
    const ctx = cluster.ctx();
    const p = await plan(ctx, 'cordon-node', { node: 'edge-node-1' });
    cluster.resources.put(cluster.resources.get('v1', 'Node', 'edge-node-1')!);
    expect((await refusal(action('cordon-node').execute(ctx, p))).code).toBe('stale');
    expect(cluster.resources.get('v1', 'Node', 'edge-node-1')!.spec.unschedulable).toBeUndefined();
  });

  test('uncordon of a cordoned node', async () => {
    cluster = await startActionCluster({ objects: [node('edge-node-1', { unschedulable: true })] });
    const ctx = cluster.ctx();
    const p = await plan(ctx, 'uncordon-node', { node: 'edge-node-1' });
    await action('uncordon-node').execute(ctx, p);
    expect((await action('uncordon-node').verify(ctx, p)).ok).toBe(true);
  });
});

describe('drain-node', () => {
  const drainObjects = () => [
    node('edge-node-1'),
    daemonSet('kube-system', 'anetd', 'ds-uid'),
    replicaSet('shop', 'cart-7d9f8b6c5d', 'rs-uid', 'dep-uid'),
    pod('kube-system', 'anetd-x7k2p', 'edge-node-1', { kind: 'DaemonSet', name: 'anetd', uid: 'ds-uid' }),
    pod('shop', 'cart-7d9f8b6c5d-x2x9q', 'edge-node-1', { kind: 'ReplicaSet', name: 'cart-7d9f8b6c5d', uid: 'rs-uid' }, { app: 'cart' }),
    pod('shop', 'cart-7d9f8b6c5d-k8l2m', 'edge-node-1', { kind: 'ReplicaSet', name: 'cart-7d9f8b6c5d', uid: 'rs-uid' }, { app: 'cart' }),
    pod('shop', 'elsewhere-1', 'edge-node-2', { kind: 'ReplicaSet', name: 'cart-7d9f8b6c5d', uid: 'rs-uid' }, { app: 'cart' }),
  ];

  test('cordons, then evicts every non-DaemonSet pod through the Eviction API; a 429 is retried with back-off and reported', async () => {
    cluster = await startActionCluster({ objects: drainObjects(), pdbs: [{ namespace: 'shop', matchLabels: { app: 'cart' }, disruptionsAllowed: 5, refuseFirst: 2 }] });
    const ctx = cluster.ctx();
    const a = action('drain-node');
    const p = await plan(ctx, a.id, { node: 'edge-node-1' });
    expect(p.preview.blastRadius.nodes).toEqual(['edge-node-1']);
    expect([...p.preview.blastRadius.podsEvicted].sort()).toEqual(['shop/cart-7d9f8b6c5d-k8l2m', 'shop/cart-7d9f8b6c5d-x2x9q']);
    expect(cluster.resources.applied()).toEqual([]);
    const result = await a.execute(ctx, p);
    expect(result.notes).toEqual([
      expect.stringMatching(/^eviction of Pod shop\/cart-7d9f8b6c5d-\w+ refused by a PodDisruptionBudget \(429\), attempt 1 of 6$/),
      expect.stringMatching(/attempt 2 of 6$/),
    ]);
    const applied = cluster.resources.applied();
    expect(applied[0]).toEqual(expect.objectContaining({ method: 'PATCH', path: '/api/v1/nodes/edge-node-1' }));
    expect(applied.filter((m) => m.path.endsWith('/eviction'))).toHaveLength(4);
    expect(applied.some((m) => m.method === 'DELETE')).toBe(false);
    expect(await a.verify(ctx, p)).toEqual({ ok: true, detail: 'node edge-node-1 is cordoned and its 2 pods were evicted' });
    expect(cluster.resources.get('v1', 'Pod', 'anetd-x7k2p', 'kube-system')).toBeDefined();
  });

  test('a budget that never allows a disruption: the drain stops with the reason, never forces, the node stays cordoned', async () => {
    cluster = await startActionCluster({ objects: drainObjects(), pdbs: [{ namespace: 'shop', matchLabels: { app: 'cart' }, disruptionsAllowed: 0 }] });
    const ctx = cluster.ctx();
    const p = await plan(ctx, 'drain-node', { node: 'edge-node-1' });
    expect(p.preview.changes.filter((c) => c.kind === 'evict').map((c) => c.dryRun)).toEqual([expect.objectContaining({ refusedNow: expect.any(String) }), expect.anything()]);
    const refused = await refusal(action('drain-node').execute(ctx, p));
    expect(refused.code).toBe('refused');
    expect(refused.message).toMatch(/refused by its PodDisruptionBudget 6 times; the node stays cordoned and k8sfix does not force it/);
    expect(cluster.resources.applied().some((m) => m.method === 'DELETE')).toBe(false);
    expect(cluster.resources.list('Pod', 'shop')).toHaveLength(3);
  });

  test('a node running a bare pod is refused at plan', async () => {
    cluster = await startActionCluster({ objects: [...drainObjects(), pod('default', 'debug-shell', 'edge-node-1')] });
    expect(await refusal(plan(cluster.ctx(), 'drain-node', { node: 'edge-node-1' }))).toEqual({ code: 'refused', message: expect.stringMatching(/pods no controller owns \(default\/debug-shell\)/) });
    expect(cluster.resources.applied()).toEqual([]);
  });
});

describe('patch-exec-probe-timeout', () => {
  test('replaces timeoutSeconds at the container index it tested, and undo puts the old value back', async () => {
    const containers = [
      { name: 'sidecar', image: 'envoy:1' },
      { name: 'api', image: 'api:2', livenessProbe: { exec: { command: ['/bin/check'] }, timeoutSeconds: 1 } },
    ];
    cluster = await startActionCluster({ objects: [deployment('shop', 'api', containers)] });
    const ctx = cluster.ctx();
    const a = action('patch-exec-probe-timeout');
    const p = await plan(ctx, a.id, { namespace: 'shop', kind: 'deployment', name: 'api', container: 'api', probe: 'liveness', timeoutSeconds: '10' });
    const change = p.preview.changes[0]!;
    expect(change.kind === 'patch' && change.patch.slice(2)).toEqual([
      { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'api' },
      { op: 'replace', path: '/spec/template/spec/containers/1/livenessProbe/timeoutSeconds', value: 10 },
    ]);
    expect(change.kind === 'patch' && (change.dryRun as any).spec.template.spec.containers[1].livenessProbe.timeoutSeconds).toBe(10); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(cluster.resources.get('apps/v1', 'Deployment', 'api', 'shop')!.spec.template.spec.containers[1].livenessProbe.timeoutSeconds).toBe(1);
    await a.execute(ctx, p);
    expect(await a.verify(ctx, p)).toEqual({ ok: true, detail: 'timeoutSeconds is 10' });
    const undo = await a.undo!(ctx, p);
    await a.execute(ctx, undo);
    expect(cluster.resources.get('apps/v1', 'Deployment', 'api', 'shop')!.spec.template.spec.containers[1].livenessProbe.timeoutSeconds).toBe(1);
  });

  test('an HTTP probe is refused: only exec probes', async () => {
    cluster = await startActionCluster({ objects: [deployment('shop', 'api', [{ name: 'api', image: 'api:2', livenessProbe: { httpGet: { path: '/', port: 80 } } }])] });
    const refused = await refusal(plan(cluster.ctx(), 'patch-exec-probe-timeout', { namespace: 'shop', kind: 'deployment', name: 'api', container: 'api', probe: 'liveness', timeoutSeconds: '5' }));
    expect(refused.message).toMatch(/has no exec liveness probe/);
  });
});

describe('remove-annotation', () => {
  test('removes prometheus.io/scrape from a Service and undo restores its value', async () => {
    cluster = await startActionCluster({ objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'metrics', namespace: 'shop', annotations: { 'prometheus.io/scrape': 'true', team: 'shop' } }, spec: {} }] });
    const ctx = cluster.ctx();
    const a = action('remove-annotation');
    const p = await plan(ctx, a.id, { kind: 'service', namespace: 'shop', name: 'metrics', annotation: 'prometheus.io/scrape' });
    const change = p.preview.changes[0]!;
    expect(change.kind === 'patch' && change.patch[2]).toEqual({ op: 'remove', path: '/metadata/annotations/prometheus.io~1scrape' });
    await a.execute(ctx, p);
    expect(cluster.resources.get('v1', 'Service', 'metrics', 'shop')!.metadata.annotations).toEqual({ team: 'shop' });
    expect((await a.verify(ctx, p)).ok).toBe(true);
    const undo = await a.undo!(ctx, p);
    await a.execute(ctx, undo);
    expect(cluster.resources.get('v1', 'Service', 'metrics', 'shop')!.metadata.annotations).toEqual({ team: 'shop', 'prometheus.io/scrape': 'true' });
  });
});

describe('allow-docker-runtime-annotation', () => {
  test('adds baremetal.cluster.gke.io/allow-docker-container-runtime=true to the Cluster resource, undo removes it', async () => {
    cluster = await startActionCluster({ objects: [anthosCluster('cluster-edge', 'edge')], customPlurals: CUSTOM_PLURALS });
    const ctx = cluster.ctx();
    const a = action('allow-docker-runtime-annotation');
    const p = await plan(ctx, a.id, { namespace: 'cluster-edge', name: 'edge' });
    await a.execute(ctx, p);
    expect(cluster.resources.get('baremetal.cluster.gke.io/v1', 'Cluster', 'edge', 'cluster-edge')!.metadata.annotations).toEqual({ 'baremetal.cluster.gke.io/allow-docker-container-runtime': 'true' });
    expect((await a.verify(ctx, p)).ok).toBe(true);
    expect(cluster.resources.applied().map((m) => `${m.method} ${m.path}`)).toEqual(['PATCH /apis/baremetal.cluster.gke.io/v1/namespaces/cluster-edge/clusters/edge']);
    const undo = await a.undo!(ctx, p);
    await a.execute(ctx, undo);
    expect(cluster.resources.get('baremetal.cluster.gke.io/v1', 'Cluster', 'edge', 'cluster-edge')!.metadata.annotations).toEqual({});
  });
});

describe('move-image-to-ghcr', () => {
  test('docker.pkg.github.com/OWNER/REPO/IMAGE:TAG becomes ghcr.io/OWNER/IMAGE:TAG, and only that', async () => {
    cluster = await startActionCluster({ objects: [deployment('tools', 'exporter', [{ name: 'exporter', image: 'docker.pkg.github.com/acme/monorepo/exporter:2.1.0' }])] });
    const ctx = cluster.ctx();
    const a = action('move-image-to-ghcr');
    const p = await plan(ctx, a.id, { namespace: 'tools', kind: 'deployment', name: 'exporter', container: 'exporter' });
    expect(p.preview.changes[0]!.kind === 'patch' && (p.preview.changes[0] as { diff: unknown }).diff).toEqual([
      { path: '/spec/template/spec/containers/0/image', before: 'docker.pkg.github.com/acme/monorepo/exporter:2.1.0', after: 'ghcr.io/acme/exporter:2.1.0' },
    ]);
    await a.execute(ctx, p);
    expect((await a.verify(ctx, p)).ok).toBe(true);
    expect(await refusal(plan(ctx, a.id, { namespace: 'tools', kind: 'deployment', name: 'exporter', container: 'exporter' }))).toEqual({
      code: 'refused',
      message: 'container exporter of Deployment tools/exporter runs ghcr.io/acme/exporter:2.1.0, not an image on docker.pkg.github.com: nothing to move',
    });
  });
});

describe('delete-anthos-check-resources', () => {
  test('deletes every healthchecks resource of the namespace with preconditions, and nothing in other namespaces', async () => {
    cluster = await startActionCluster({
      objects: [healthCheck('cluster-edge', 'edge-abc12'), healthCheck('cluster-edge', 'edge-def34'), healthCheck('cluster-other', 'other-1')],
      customPlurals: CUSTOM_PLURALS,
    });
    const ctx = cluster.ctx();
    const a = action('delete-anthos-check-resources');
    const p = await plan(ctx, a.id, { namespace: 'cluster-edge', resource: 'healthchecks' });
    expect(p.preview.targets.map((t) => t.name).sort()).toEqual(['edge-abc12', 'edge-def34']);
    await a.execute(ctx, p);
    expect((await a.verify(ctx, p)).ok).toBe(true);
    expect(cluster.resources.list('HealthCheck').map((o) => o.metadata.name)).toEqual(['other-1']);
    expect(cluster.resources.applied().every((m) => m.method === 'DELETE' && (m.body as { preconditions?: unknown }).preconditions)).toBe(true);
  });
});

describe('run-node-command', () => {
  test('is refused while node actions are off, with nothing sent', async () => {
    cluster = await startActionCluster({ objects: [node('edge-node-1')] });
    expect(await refusal(plan(cluster.ctx(), 'run-node-command', { node: 'edge-node-1', command: 'rp-filter-off' }))).toEqual({
      code: 'disabled',
      message: expect.stringMatching(/set K8SFIX_NODE_ACTIONS=true/),
    });
    expect(cluster.resources.mutations).toEqual([]);
  });

  test('runs the fixed argument lists in order in a pod pinned to the node, no shell, then removes the pod', async () => {
    cluster = await startActionCluster({ objects: [node('edge-node-1')] });
    const ctx = cluster.ctx({ nodeActionsEnabled: true });
    const a = action('run-node-command');
    const p = await plan(ctx, a.id, { node: 'edge-node-1', command: 'udp-tunnel-offload-off', interface: 'ens192' });
    const created = p.preview.changes[0]!;
    const spec = (created.kind === 'create' ? created.object : {}).spec as { nodeName: string; initContainers: { command: string[] }[]; containers: { command: string[] }[] };
    expect(spec.nodeName).toBe('edge-node-1');
    const nsenter = ['nsenter', '--target', '1', '--mount', '--uts', '--ipc', '--net', '--pid', '--'];
    expect([...spec.initContainers, ...spec.containers].map((c) => c.command)).toEqual([
      [...nsenter, 'ethtool', '-K', 'ens192', 'tx-udp_tnl-segmentation', 'off'],
      [...nsenter, 'ethtool', '-K', 'ens192', 'tx-udp_tnl-csum-segmentation', 'off'],
    ]);
    expect(JSON.stringify(spec)).not.toMatch(/"(sh|bash)"|"-c"/);
    await a.execute(ctx, p);
    expect(await a.verify(ctx, p)).toEqual({ ok: true, detail: expect.stringMatching(/ran every step and exited 0$/) });
    expect(cluster.resources.list('Pod')).toEqual([]);
    expect(() => validateParams(a, { node: 'edge-node-1', command: 'udp-tunnel-offload-off', interface: 'ens192 && reboot' })).toThrow(/does not match/);
  });
});

describe('impersonation', () => {
  test('with a mapped person, every request carries Impersonate-User and Impersonate-Group', async () => {
    cluster = await startActionCluster({ objects: [node('edge-node-1')] });
    const ctx = cluster.ctx({}, { user: 'alice@example.com', group: 'sre' });
    const p = await plan(ctx, 'cordon-node', { node: 'edge-node-1' });
    await action('cordon-node').execute(ctx, p);
    expect(cluster.resources.mutations.map((m) => [m.impersonateUser, m.impersonateGroup])).toEqual([
      ['alice@example.com', 'sre'],
      ['alice@example.com', 'sre'],
    ]);
  });
});
