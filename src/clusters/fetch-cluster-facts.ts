import { classifyClusterError, httpStatus } from './classify-cluster-error.js';
import { ClusterStepError } from './cluster-step-error.js';
import { ClusterTooManyPagesError } from './cluster-too-many-pages-error.js';
import type { KubeClients } from './kube-client-factory.js';
import { nodeFactsFromNode } from './node-facts-from-node.js';
import { applyClusterSettings } from './apply-cluster-settings.js';
import { readBareMetalSettings } from './read-bare-metal-settings.js';
import { readVmRuntime } from './read-vm-runtime.js';
import type { BareMetalClusterFacts, BareMetalLookup, ClusterFacts, NodeFacts } from './types.js';

const BARE_METAL = { group: 'baremetal.cluster.gke.io', version: 'v1', plural: 'clusters' };
const SELF_TYPES = ['admin', 'hybrid', 'standalone'];
/** Nodes asked for per page. */
const PAGE_SIZE = 500;
/** 50 pages of 500: 25,000 nodes, above the largest cluster Kubernetes or GKE supports (15,000). */
export const DEFAULT_MAX_LIST_PAGES = 50;

/**
 * Reads `/version`, every node, and the Anthos bare-metal Cluster resources, all read-only and in parallel.
 * A failing `/version` or node list throws a `ClusterStepError`; the bare-metal lookup never throws (a 404
 * means the resource type does not exist, which is itself a fact). The node list stops after `maxListPages`
 * pages or at a continue token seen before, so a server that never ends a list cannot keep k8sfix asking.
 */
export async function fetchClusterFacts(clients: KubeClients, timeoutMs: number, maxListPages = DEFAULT_MAX_LIST_PAGES): Promise<ClusterFacts> {
  const [version, nodes, bareMetal, vmRuntimeEnabled] = await Promise.all([
    step('get /version', 'the version', () => clients.version.getCode()),
    step('list nodes', 'the node list', () => listNodes(clients, maxListPages)),
    lookupBareMetal(clients, timeoutMs),
    readVmRuntime(clients),
  ]);
  const facts: ClusterFacts = { serverVersion: version.gitVersion, nodes, bareMetal };
  const clusters = bareMetal.clusters ?? [];
  const self = clusters.find((c) => SELF_TYPES.includes(c.type ?? '')) ?? clusters.find((c) => c.type === 'user') ?? clusters[0];
  const admin = clusters.find((c) => SELF_TYPES.includes(c.type ?? ''));
  if (self?.anthosBareMetalVersion) facts.anthosBareMetalVersion = self.anthosBareMetalVersion;
  if (admin?.anthosBareMetalVersion) facts.adminClusterAnthosBareMetalVersion = admin.anthosBareMetalVersion;
  // The Cluster API documents `default` as the profile when spec.profile is unset.
  if (self) facts.clusterProfile = self.profile ?? 'default';
  applyClusterSettings(facts, self, vmRuntimeEnabled);
  facts.collectedAt = new Date().toISOString();
  return facts;
}

async function step<T>(name: string, subject: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ClusterStepError(name, error, subject);
  }
}

async function listNodes(clients: KubeClients, maxPages: number): Promise<NodeFacts[]> {
  // Each page is cut down to the facts k8sfix keeps before the next is asked for, so pages do not pile up.
  const nodes: NodeFacts[] = [];
  const seen = new Set<string>();
  let next: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await clients.core.listNode({ limit: PAGE_SIZE, ...(next ? { _continue: next } : {}) });
    nodes.push(...page.items.map(nodeFactsFromNode));
    next = page.metadata?._continue || undefined;
    if (!next) return nodes;
    if (seen.has(next)) throw new ClusterTooManyPagesError(clients.context, pages, 'repeated-token');
    if (pages >= maxPages) throw new ClusterTooManyPagesError(clients.context, pages, 'limit');
    seen.add(next);
  }
}

async function lookupBareMetal(clients: KubeClients, timeoutMs: number): Promise<BareMetalLookup> {
  try {
    const list = (await clients.custom.listClusterCustomObject(BARE_METAL)) as { items?: unknown[] };
    return { status: 'present', clusters: (list.items ?? []).map((item) => ({ ...bareMetalClusterFacts(item), settings: readBareMetalSettings(item) })) };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return { status: 'absent' };
    const step = new ClusterStepError('list clusters.baremetal.cluster.gke.io', error, 'the bare-metal Cluster list');
    const { reason } = classifyClusterError(step, clients.server, timeoutMs);
    return { status: status === 403 ? 'forbidden' : 'error', reason };
  }
}

function bareMetalClusterFacts(item: unknown): BareMetalClusterFacts {
  const resource = item as {
    metadata?: { name?: string; namespace?: string };
    spec?: { type?: string; profile?: string; anthosBareMetalVersion?: string };
    status?: { anthosBareMetalVersion?: string };
  };
  const version = resource.status?.anthosBareMetalVersion ?? resource.spec?.anthosBareMetalVersion;
  return {
    name: resource.metadata?.name ?? '(unnamed)',
    ...(resource.metadata?.namespace ? { namespace: resource.metadata.namespace } : {}),
    ...(resource.spec?.type ? { type: resource.spec.type } : {}),
    ...(version ? { anthosBareMetalVersion: version } : {}),
    ...(resource.spec?.profile ? { profile: resource.spec.profile } : {}),
  };
}
