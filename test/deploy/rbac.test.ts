/**
 * The RBAC in deploy/ grants exactly what the code calls. KUBE_CALLS lists every Kubernetes API call k8sfix makes,
 * with the file that makes it and the code that shows it; the source is searched for that code, so a call that
 * is removed, added or moved without this list (and the ClusterRole) changing makes this file fail. The rendered
 * base and overlays are then compared with the list both ways: no rule without a call, no call without a rule.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describeIf } from '../support/requirement.js';
import { findKubectl, renderKustomize, type KubeObject } from './kubectl.js';

const ROOT = process.cwd();

/** One permission: a verb on a resource of an API group, or on a non-resource URL. */
type Grant = { verb: string; apiGroup: string; resource: string } | { verb: string; nonResourceURL: string };

interface KubeCall {
  grant: Grant;
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
];

/** The API classes the one client factory builds; a new one (AppsV1Api, ...) means new calls to list here. */
const API_CLASSES = ['CoreV1Api', 'CustomObjectsApi', 'VersionApi'];

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
      for (const match of text.matchAll(/\bclients\.(version|core|custom)\.(\w+)(\(\))?/g)) {
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
    const allowed = new Set(KUBE_CALLS.map((call) => grantKey(call.grant)));
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
    expect(KUBE_CALLS.map((call) => grantKey(call.grant)).filter((key) => !granted.has(key))).toEqual([]);
    const app = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'k8sfix') as KubeObject & { spec: { template: { spec: { serviceAccountName: string } } } };
    expect(app.spec.template.spec.serviceAccountName).toBe('k8sfix');
  });

});
