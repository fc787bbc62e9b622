import { MemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { classifyClusterError } from './classify-cluster-error.js';
import { DEFAULT_MAX_LIST_PAGES, fetchClusterFacts } from './fetch-cluster-facts.js';
import { groupNodePools } from './group-node-pools.js';
import { inferPlatform } from './infer-platform.js';
import { KubeClientFactory } from './kube-client-factory.js';
import { linkAdminClusterFacts } from './link-admin-cluster-facts.js';
import type { ClusterFacts, ClusterReport } from './types.js';
import { withTimeout } from './with-timeout.js';

export const DEFAULT_CLUSTER_TIMEOUT_MS = 5_000;
export const DEFAULT_FACTS_TTL_MS = 60_000;

export interface ClusterFactsServiceOptions {
  /** Kubeconfig paths, ':'-separated like `KUBECONFIG`. Default: `KUBECONFIG`, else `~/.kube/config`. */
  kubeconfig?: string;
  /** Allowlist of context names; others are never asked. Default: every context. */
  contexts?: string[];
  /** Also ask the cluster k8sfix runs in, through its service account (context `in-cluster`). Default: detected. */
  inCluster?: boolean;
  /** Time for one cluster to answer all its requests, bodies read to the end. Default: 5000 ms. */
  timeoutMs?: number;
  /** Bytes one API answer may have; past it k8sfix closes the connection and says so. Default: 16 MiB. */
  maxResponseBytes?: number;
  /** Pages one list may take (500 items each); a list still going after them is reported. Default: 50. */
  maxListPages?: number;
  /** How long facts are reused. Default: 60000 ms; 0 turns caching off. */
  cacheTtlMs?: number;
  /** Where facts are cached. Default: a new `MemoryStore`. */
  store?: Store;
  /**
   * The admin cluster context of each user cluster context (`K8SFIX_ADMIN_CLUSTERS`): a user cluster's facts
   * then carry its admin cluster's Anthos version and settings. The admin context must be allowed too.
   */
  adminContexts?: Record<string, string>;
}

export interface ClusterFactsService {
  /** Context names k8sfix may ask: the kubeconfig's, plus `in-cluster`, filtered by the allowlist. */
  listContexts(): string[];
  /** The kubeconfig's current context when it is allowed, else undefined. */
  currentContext(): string | undefined;
  /** One report per cluster (default: every allowed context), all asked in parallel. Never rejects. */
  collect(contexts?: string[]): Promise<ClusterReport[]>;
}

const CACHE_PREFIX = 'k8sfix:cluster-facts:v1:';

/** Cluster facts from kubeconfig contexts and the in-cluster service account, cached behind a `Store`. */
export function createClusterFactsService(options: ClusterFactsServiceOptions = {}): ClusterFactsService {
  const factory = new KubeClientFactory({
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.inCluster !== undefined ? { inCluster: options.inCluster } : {}),
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
  });
  const maxListPages = options.maxListPages ?? DEFAULT_MAX_LIST_PAGES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLUSTER_TIMEOUT_MS;
  const ttlMs = options.cacheTtlMs ?? DEFAULT_FACTS_TTL_MS;
  const store = options.store ?? new MemoryStore();
  const allow = options.contexts ? new Set(options.contexts) : undefined;

  const listContexts = () => factory.listContexts().filter((name) => !allow || allow.has(name));

  async function collectOne(context: string): Promise<ClusterReport> {
    if (!factory.listContexts().includes(context)) {
      return { context, ok: false, code: 'error', reason: `no context named "${context}" in the kubeconfig: run kubectl config get-contexts to see the names` };
    }
    if (allow && !allow.has(context)) {
      return { context, ok: false, code: 'error', reason: `context "${context}" is not in K8SFIX_CONTEXTS (${[...allow].join(', ')}): add it there to let k8sfix ask it` };
    }
    const server = factory.serverOf(context) ?? '(no server)';
    const key = `${CACHE_PREFIX}${context}@${server}`;
    const cached = ttlMs > 0 ? await readCache(store, key) : undefined;
    if (cached) return okReport(context, cached, true);
    let clients;
    try {
      clients = factory.clientsFor(context);
    } catch (error) {
      return { context, ok: false, code: 'error', reason: (error as Error).message };
    }
    try {
      const facts = await withTimeout(fetchClusterFacts(clients, timeoutMs, maxListPages), timeoutMs, clients.abort);
      if (ttlMs > 0) await store.set(key, JSON.stringify(facts), ttlMs).catch(() => undefined);
      return okReport(context, facts, false);
    } catch (error) {
      clients.abort();
      return { context, ok: false, ...classifyClusterError(error, server, timeoutMs) };
    }
  }

  return {
    listContexts,
    currentContext: () => {
      const current = factory.currentContext();
      return current && (!allow || allow.has(current)) ? current : undefined;
    },
    async collect(contexts) {
      const names = [...new Set(contexts ?? listContexts())];
      const loadErrors: ClusterReport[] =
        contexts === undefined
          ? factory.loadErrors.map(({ source, reason }) => ({ context: source, ok: false, code: 'error', reason }))
          : [];
      const settled = await Promise.allSettled(names.map(collectOne));
      const reports = settled.map((result, i): ClusterReport =>
        result.status === 'fulfilled'
          ? result.value
          : { context: names[i]!, ok: false, code: 'error', reason: `unexpected failure: ${String(result.reason)}` },
      );
      return [...loadErrors, ...(await withAdminFacts(reports, options.adminContexts ?? {}, collectOne))];
    },
  };
}

/** Each linked user cluster's report with its admin cluster's facts; an admin not asked yet is asked now (cached). */
async function withAdminFacts(
  reports: ClusterReport[],
  links: Record<string, string>,
  collectOne: (context: string) => Promise<ClusterReport>,
): Promise<ClusterReport[]> {
  const byContext = new Map(reports.map((r) => [r.context, r]));
  return Promise.all(
    reports.map(async (report) => {
      const adminContext = links[report.context];
      if (!report.ok || !adminContext) return report;
      const admin = byContext.get(adminContext) ?? (await collectOne(adminContext).catch((error: unknown): ClusterReport =>
        ({ context: adminContext, ok: false, code: 'error', reason: String(error) })));
      return { ...report, facts: linkAdminClusterFacts(report.facts, adminContext, admin) };
    }),
  );
}

function okReport(context: string, facts: ClusterFacts, cached: boolean): ClusterReport {
  return { context, ok: true, facts, platform: inferPlatform(facts), pools: groupNodePools(facts.nodes), cached };
}

async function readCache(store: Store, key: string): Promise<ClusterFacts | undefined> {
  try {
    const text = await store.get(key);
    return text ? (JSON.parse(text) as ClusterFacts) : undefined;
  } catch {
    // A cache that cannot be read is a cache miss, not a failed answer.
    return undefined;
  }
}
