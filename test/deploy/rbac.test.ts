/**
 * The RBAC in deploy/ grants exactly what the code calls. KUBE_CALLS lists every Kubernetes API call k8sfix makes,
 * with the file that makes it and the code that shows it; the source is searched for that code, so a call that
 * is removed, added or moved without this list (and the ClusterRole) changing makes this file fail. The rendered
 * base and overlays are then compared with the list both ways: no rule without a call, no call without a rule.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describeIf } from '../support/requirement.js';
import { findKubectl, renderKustomize, type KubeObject } from './kubectl.js';

const ROOT = process.cwd();

/** One permission: a verb on a resource of an API group, or on a non-resource URL. */
type Grant = { verb: string; apiGroup: string; resource: string } | { verb: string; nonResourceURL: string };

/** Which role grants a call: the read-only base, the opt-in actions component, or the node-actions component. */
type RoleName = 'k8sfix-readonly' | 'k8sfix-actions' | 'k8sfix-node-actions';

interface KubeCall {
  grant: Grant;
  /** Default k8sfix-readonly. */
  role?: RoleName;
  /** Where in src/ the call is made. */
  file: string;
  /** Text that must stand in that file for the call to be made (the method, and for custom objects the group and plural). */
  code: string[];
  why: string;
}

/**
 * Every call k8sfix makes to a Kubernetes API server. A new call needs its rule in deploy/base/rbac-readonly.yaml
 * and its line here, in the same change. (The bare-metal Cluster spec fields come from the same `list`.)
 */
const KUBE_CALLS: KubeCall[] = [
  {
    grant: { verb: 'get', nonResourceURL: '/version' },
    file: 'src/clusters/fetch-cluster-facts.ts',
    code: ['clients.version.getCode()'],
    why: 'the server version',
  },
  {
    grant: { verb: 'list', apiGroup: '', resource: 'nodes' },
    file: 'src/clusters/fetch-cluster-facts.ts',
    code: ['clients.core.listNode('],
    why: 'kubelet, runtime, OS, kernel and pool labels of every node',
  },
  {
    grant: { verb: 'list', apiGroup: 'baremetal.cluster.gke.io', resource: 'clusters' },
    file: 'src/clusters/fetch-cluster-facts.ts',
    code: ['clients.custom.listClusterCustomObject(', "group: 'baremetal.cluster.gke.io'", "plural: 'clusters'"],
    why: 'Anthos bare-metal version, profile, type and the spec fields conditions need (island mode, multi-NIC, proxy, registry mirrors)',
  },
  {
    grant: { verb: 'list', apiGroup: 'vm.cluster.gke.io', resource: 'vmruntimes' },
    file: 'src/clusters/read-vm-runtime.ts',
    code: ['clients.custom.listClusterCustomObject(', "group: 'vm.cluster.gke.io'", "plural: 'vmruntimes'"],
    why: 'whether VM Runtime is enabled',
  },
  // Fix actions (deploy/components/actions), and node actions (deploy/components/node-actions).
  {
    grant: { verb: 'get', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-actions',
    file: 'handlers/restart-controller-pod.ts',
    code: ['clients.core.readNamespacedPod('],
    why: 'restart-controller-pod reads the pod and its owner reference',
  },
  {
    grant: { verb: 'list', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-actions',
    file: 'handlers/restart-controller-pod.ts',
    code: ['clients.core.listNamespacedPod('],
    why: 'restart-controller-pod waits for the replacement pod',
  },
  {
    grant: { verb: 'delete', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-actions',
    file: 'handlers/restart-controller-pod.ts',
    code: ['clients.core.deleteNamespacedPod(', 'preconditions'],
    why: 'restart-controller-pod deletes one controller-owned pod',
  },
  {
    grant: { verb: 'list', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-actions',
    file: 'handlers/drain-node.ts',
    code: ['clients.core.listPodForAllNamespaces(', 'spec.nodeName='],
    why: 'drain-node lists the pods on the node',
  },
  {
    grant: { verb: 'create', apiGroup: '', resource: 'pods/eviction' },
    role: 'k8sfix-actions',
    file: 'handlers/drain-node.ts',
    code: ['clients.core.createNamespacedPodEviction('],
    why: 'drain-node evicts through the Eviction API',
  },
  {
    grant: { verb: 'get', apiGroup: '', resource: 'nodes' },
    role: 'k8sfix-actions',
    file: 'src/actions/node-schedulable.ts',
    code: ['clients.core.readNode('],
    why: 'cordon, uncordon and drain read the node',
  },
  {
    grant: { verb: 'patch', apiGroup: '', resource: 'nodes' },
    role: 'k8sfix-actions',
    file: 'src/actions/node-schedulable.ts',
    code: ['clients.core.patchNode('],
    why: 'cordon, uncordon and drain set spec.unschedulable',
  },
  {
    grant: { verb: 'get', apiGroup: '', resource: 'nodes' },
    role: 'k8sfix-actions',
    file: 'handlers/run-node-command.ts',
    code: ['clients.core.readNode('],
    why: 'run-node-command checks the node exists',
  },
  {
    grant: { verb: 'get', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.core.readNamespacedPod('],
    why: 'remove-annotation reads a pod',
  },
  {
    grant: { verb: 'patch', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.core.patchNamespacedPod('],
    why: 'remove-annotation on a pod',
  },
  {
    grant: { verb: 'get', apiGroup: '', resource: 'services' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.core.readNamespacedService('],
    why: 'remove-annotation reads a Service',
  },
  {
    grant: { verb: 'patch', apiGroup: '', resource: 'services' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.core.patchNamespacedService('],
    why: 'remove-annotation on a Service',
  },
  {
    grant: { verb: 'get', apiGroup: 'apps', resource: 'deployments' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.apps.readNamespacedDeployment('],
    why: 'probe timeout, image and annotation actions read the workload',
  },
  {
    grant: { verb: 'patch', apiGroup: 'apps', resource: 'deployments' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.apps.patchNamespacedDeployment('],
    why: 'probe timeout, image and annotation actions patch the workload',
  },
  {
    grant: { verb: 'get', apiGroup: 'apps', resource: 'daemonsets' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.apps.readNamespacedDaemonSet('],
    why: 'workload actions read a DaemonSet',
  },
  {
    grant: { verb: 'patch', apiGroup: 'apps', resource: 'daemonsets' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.apps.patchNamespacedDaemonSet('],
    why: 'workload actions patch a DaemonSet',
  },
  {
    grant: { verb: 'get', apiGroup: 'apps', resource: 'statefulsets' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.apps.readNamespacedStatefulSet('],
    why: 'workload actions read a StatefulSet',
  },
  {
    grant: { verb: 'patch', apiGroup: 'apps', resource: 'statefulsets' },
    role: 'k8sfix-actions',
    file: 'src/actions/object-api.ts',
    code: ['clients.apps.patchNamespacedStatefulSet('],
    why: 'workload actions patch a StatefulSet',
  },
  {
    grant: { verb: 'get', apiGroup: 'apps', resource: 'daemonsets' },
    role: 'k8sfix-actions',
    file: 'handlers/restart-controller-pod.ts',
    code: ['clients.apps.readNamespacedDaemonSet('],
    why: 'restart-controller-pod checks the owner exists',
  },
  {
    grant: { verb: 'get', apiGroup: 'apps', resource: 'replicasets' },
    role: 'k8sfix-actions',
    file: 'handlers/restart-controller-pod.ts',
    code: ['clients.apps.readNamespacedReplicaSet('],
    why: 'restart-controller-pod checks the owner exists',
  },
  {
    grant: { verb: 'get', apiGroup: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-webhook-configuration.ts',
    code: ['clients.admission.readValidatingWebhookConfiguration('],
    why: 'the snapshot kept for undo',
  },
  {
    grant: { verb: 'delete', apiGroup: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-webhook-configuration.ts',
    code: ['clients.admission.deleteValidatingWebhookConfiguration('],
    why: 'delete-webhook-configuration',
  },
  {
    grant: { verb: 'create', apiGroup: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-webhook-configuration.ts',
    code: ['clients.admission.createValidatingWebhookConfiguration('],
    why: 'its undo restores the snapshot',
  },
  {
    grant: { verb: 'get', apiGroup: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-webhook-configuration.ts',
    code: ['clients.admission.readMutatingWebhookConfiguration('],
    why: 'the snapshot kept for undo',
  },
  {
    grant: { verb: 'delete', apiGroup: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-webhook-configuration.ts',
    code: ['clients.admission.deleteMutatingWebhookConfiguration('],
    why: 'delete-webhook-configuration',
  },
  {
    grant: { verb: 'create', apiGroup: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-webhook-configuration.ts',
    code: ['clients.admission.createMutatingWebhookConfiguration('],
    why: 'its undo restores the snapshot',
  },
  {
    grant: { verb: 'get', apiGroup: 'baremetal.cluster.gke.io', resource: 'clusters' },
    role: 'k8sfix-actions',
    file: 'handlers/allow-docker-runtime-annotation.ts',
    code: ['clients.custom.getNamespacedCustomObject(', "const GROUP = 'baremetal.cluster.gke.io'", "const PLURAL = 'clusters'"],
    why: 'allow-docker-runtime-annotation reads the Cluster',
  },
  {
    grant: { verb: 'patch', apiGroup: 'baremetal.cluster.gke.io', resource: 'clusters' },
    role: 'k8sfix-actions',
    file: 'handlers/allow-docker-runtime-annotation.ts',
    code: ['clients.custom.patchNamespacedCustomObject(', "const GROUP = 'baremetal.cluster.gke.io'", "const PLURAL = 'clusters'"],
    why: 'allow-docker-runtime-annotation',
  },
  {
    grant: { verb: 'list', apiGroup: 'baremetal.cluster.gke.io', resource: 'healthchecks' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-anthos-check-resources.ts',
    code: ['clients.custom.listNamespacedCustomObject(', "const GROUP = 'baremetal.cluster.gke.io'", "'healthchecks'"],
    why: 'delete-anthos-check-resources lists them',
  },
  {
    grant: { verb: 'delete', apiGroup: 'baremetal.cluster.gke.io', resource: 'healthchecks' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-anthos-check-resources.ts',
    code: ['clients.custom.deleteNamespacedCustomObject(', "'healthchecks'"],
    why: 'delete-anthos-check-resources',
  },
  {
    grant: { verb: 'list', apiGroup: 'baremetal.cluster.gke.io', resource: 'preflightchecks' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-anthos-check-resources.ts',
    code: ['clients.custom.listNamespacedCustomObject(', "'preflightchecks'"],
    why: 'delete-anthos-check-resources lists them',
  },
  {
    grant: { verb: 'delete', apiGroup: 'baremetal.cluster.gke.io', resource: 'preflightchecks' },
    role: 'k8sfix-actions',
    file: 'handlers/delete-anthos-check-resources.ts',
    code: ['clients.custom.deleteNamespacedCustomObject(', "'preflightchecks'"],
    why: 'delete-anthos-check-resources',
  },
  {
    grant: { verb: 'create', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-node-actions',
    file: 'handlers/run-node-command.ts',
    code: ['clients.core.createNamespacedPod(', 'ctx.nodeActionNamespace'],
    why: 'run-node-command starts the pod pinned to the node',
  },
  {
    grant: { verb: 'get', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-node-actions',
    file: 'handlers/run-node-command.ts',
    code: ['clients.core.readNamespacedPod('],
    why: 'run-node-command reads the phase of its pod',
  },
  {
    grant: { verb: 'delete', apiGroup: '', resource: 'pods' },
    role: 'k8sfix-node-actions',
    file: 'handlers/run-node-command.ts',
    code: ['clients.core.deleteNamespacedPod('],
    why: 'run-node-command removes its pod once it has run',
  },
];

/** The API classes the one client factory builds; a new one (AppsV1Api, ...) means new calls to list here. */
const API_CLASSES = ['AdmissionregistrationV1Api', 'AppsV1Api', 'CoreV1Api', 'CustomObjectsApi', 'VersionApi'];

const callsOf = (role: RoleName) => KUBE_CALLS.filter((call) => (call.role ?? 'k8sfix-readonly') === role);

const grantKey = (grant: Grant) => ('nonResourceURL' in grant ? `${grant.verb} ${grant.nonResourceURL}` : `${grant.verb} ${grant.resource}.${grant.apiGroup || 'core'}`);

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
  resourceNames?: string[];
}
type Role = KubeObject & { rules?: Rule[] | null };
type Binding = KubeObject & { roleRef: { kind: string; name: string }; subjects?: { kind: string; name: string; namespace?: string }[] };

/** A rule as the single permissions it grants; a wildcard is kept as '*', which no call matches. */
function expand(rule: Rule): Grant[] {
  if (rule.nonResourceURLs) return rule.nonResourceURLs.flatMap((url) => rule.verbs.map((verb) => ({ verb, nonResourceURL: url })));
  return (rule.apiGroups ?? []).flatMap((apiGroup) => (rule.resources ?? []).flatMap((resource) => rule.verbs.map((verb) => ({ verb, apiGroup, resource }))));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the Kubernetes calls k8sfix makes', () => {
  test.each(KUBE_CALLS.map((call) => [grantKey(call.grant), call] as const))('%s is still made where the list says', (_key, call) => {
    const source = readFileSync(join(ROOT, call.file), 'utf8');
    expect(call.code.filter((code) => !source.includes(code))).toEqual([]);
  });

  test('no call in src/ or handlers/ is missing from the list', () => {
    const listed = KUBE_CALLS.flatMap((call) => call.code.filter((code) => code.startsWith('clients.')).map((code) => `${call.file}: ${code.replace(/\($/, '')}`));
    const made: string[] = [];
    const classes = new Set<string>();
    for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'handlers'))]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bclients\.(version|core|custom|apps|admission)\.(\w+)(\(\))?/g)) {
        made.push(`${relative(ROOT, file)}: clients.${match[1]}.${match[2]}${match[3] ?? ''}`);
      }
      for (const match of text.matchAll(/\bnew (\w+Api)\(/g)) classes.add(match[1]!);
      if (/\bmakeApiClient\(/.test(text)) classes.add(`makeApiClient in ${relative(ROOT, file)}`);
    }
    expect([...new Set(made)].sort()).toEqual([...new Set(listed)].sort());
    expect([...classes].sort()).toEqual(API_CLASSES);
  });

  test('deploy/rbac-readonly.yaml, the file the error messages name, is the base\'s ClusterRole', () => {
    const read = (path: string) =>
      parseAllDocuments(readFileSync(join(ROOT, path), 'utf8'))
        .map((doc) => doc.toJS() as KubeObject)
        .filter(Boolean);
    expect(read('deploy/rbac-readonly.yaml')).toEqual(read('deploy/base/rbac-readonly.yaml'));
  });
});

const kubectl = await findKubectl();
const RENDERS = ['deploy', 'deploy/overlays/socket-mode', 'deploy/overlays/http'];

describeIf(kubectl)('the RBAC that kubectl kustomize renders', () => {
  const rendered = new Map<string, KubeObject[]>();
  beforeAll(async () => {
    await Promise.all(RENDERS.map(async (dir) => rendered.set(dir, await renderKustomize(dir))));
  }, 120_000);

  const rolesBoundTo = (objects: KubeObject[], account: string, namespace: string) => {
    const bindings = objects.filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding') as Binding[];
    const bound = bindings.filter((b) => b.subjects?.some((s) => s.kind === 'ServiceAccount' && s.name === account && (s.namespace ?? b.metadata.namespace) === namespace));
    return bound.map((b) => objects.find((o) => o.kind === b.roleRef.kind && o.metadata.name === b.roleRef.name) as Role | undefined);
  };

  test.each(RENDERS)('%s: every rule of every role is a call the code makes, with no wildcard, no resource names, nothing else', (dir) => {
    const allowed = new Set(callsOf('k8sfix-readonly').map((call) => grantKey(call.grant)));
    const roles = rendered.get(dir)!.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role') as Role[];
    expect(roles.map((r) => r.metadata.name)).toEqual(['k8sfix-readonly']);
    const extra = roles.flatMap((role) => (role.rules ?? []).flatMap((rule) => [
      ...expand(rule).map(grantKey).filter((key) => !allowed.has(key)),
      ...(rule.resourceNames ? [`resourceNames ${rule.resourceNames.join(',')}`] : []),
    ]));
    expect(extra).toEqual([]);
  });

  test.each(RENDERS)('%s: the service account k8sfix runs as can make every call the code makes', (dir) => {
    const objects = rendered.get(dir)!;
    const roles = rolesBoundTo(objects, 'k8sfix', 'k8sfix');
    expect(roles.map((r) => r?.metadata.name)).toEqual(['k8sfix-readonly']);
    const granted = new Set(roles.flatMap((role) => (role?.rules ?? []).flatMap(expand).map(grantKey)));
    expect(callsOf('k8sfix-readonly').map((call) => grantKey(call.grant)).filter((key) => !granted.has(key))).toEqual([]);
    const app = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'k8sfix') as KubeObject & { spec: { template: { spec: { serviceAccountName: string } } } };
    expect(app.spec.template.spec.serviceAccountName).toBe('k8sfix');
  });

});

/** The operator's overlays for actions, as the comments in deploy/components/actions and node-actions describe them. */
const ACTION_RENDERS: Record<string, { components: string[]; roles: RoleName[] }> = {
  actions: { components: ['actions'], roles: ['k8sfix-actions', 'k8sfix-readonly'] },
  'actions-and-node-actions': { components: ['actions', 'node-actions'], roles: ['k8sfix-actions', 'k8sfix-node-actions', 'k8sfix-readonly'] },
};

describeIf(kubectl)('the RBAC of the opt-in actions components', () => {
  const rendered = new Map<string, KubeObject[]>();
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'k8sfix-rbac-'));
    for (const [name, { components }] of Object.entries(ACTION_RENDERS)) {
      const dir = join(scratch, name);
      await mkdir(dir);
      // kustomize takes only relative paths to other kustomizations.
      const deploy = relative(dir, join(ROOT, 'deploy'));
      await writeFile(join(dir, 'kustomization.yaml'), `resources: [${deploy}/overlays/http]\ncomponents: [${components.map((c) => `${deploy}/components/${c}`).join(', ')}]\n`);
      rendered.set(name, await renderKustomize(dir));
    }
  }, 120_000);
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const rolesOf = (objects: KubeObject[]) => objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role') as Role[];

  test.each(Object.keys(ACTION_RENDERS))('%s: each role grants only calls listed for it, with no wildcard or resource names', (name) => {
    const roles = rolesOf(rendered.get(name)!);
    expect(roles.map((r) => r.metadata.name).sort()).toEqual(ACTION_RENDERS[name]!.roles);
    for (const role of roles) {
      const allowed = new Set(callsOf(role.metadata.name as RoleName).map((call) => grantKey(call.grant)));
      const extra = (role.rules ?? []).flatMap((rule) => [
        ...expand(rule).map(grantKey).filter((key) => !allowed.has(key)),
        ...(rule.resourceNames ? [`resourceNames ${rule.resourceNames.join(',')}`] : []),
      ]);
      expect({ role: role.metadata.name, extra }).toEqual({ role: role.metadata.name, extra: [] });
    }
  });

  test.each(Object.keys(ACTION_RENDERS))('%s: every call of its roles is granted to the k8sfix service account', (name) => {
    const objects = rendered.get(name)!;
    const bindings = objects.filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding') as Binding[];
    for (const roleName of ACTION_RENDERS[name]!.roles) {
      const binding = bindings.find((b) => b.roleRef.name === roleName)!;
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'k8sfix', namespace: 'k8sfix' }]);
      const role = rolesOf(objects).find((r) => r.metadata.name === roleName)!;
      const granted = new Set((role.rules ?? []).flatMap(expand).map(grantKey));
      const missing = callsOf(roleName).map((call) => grantKey(call.grant)).filter((key) => !granted.has(key));
      expect({ role: roleName, missing }).toEqual({ role: roleName, missing: [] });
    }
  });

  test("node-action pods may be created only in their own namespace, which allows privileged pods; k8sfix's stays restricted", () => {
    const objects = rendered.get('actions-and-node-actions')!;
    const role = rolesOf(objects).find((r) => r.metadata.name === 'k8sfix-node-actions')!;
    expect([role.kind, role.metadata.namespace]).toEqual(['Role', 'k8sfix-node-actions']);
    const namespaces = objects.filter((o) => o.kind === 'Namespace');
    expect(namespaces.find((n) => n.metadata.name === 'k8sfix-node-actions')?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(namespaces.find((n) => n.metadata.name === 'k8sfix')?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const clusterWide = rolesOf(objects).filter((r) => r.kind === 'ClusterRole').flatMap((r) => (r.rules ?? []).flatMap(expand).map(grantKey));
    expect(clusterWide).not.toContain('create pods.core');
  });
});
