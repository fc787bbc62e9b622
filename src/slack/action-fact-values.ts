import type { ActionFactValues } from '../actions/resolve-action-params.js';
import { checkApplicability } from '../applicability/check-applicability.js';
import type { CatalogueEntry } from '../catalogue/types.js';
import type { ClusterFacts, NodePool } from '../clusters/types.js';

const SELF_TYPES = ['admin', 'hybrid', 'standalone'];

/**
 * The values a fix action's parameters may take from one cluster's facts: the nodes of the pools where the
 * entry applies (a choice when there are several), and the Anthos Cluster resource's name and namespace.
 * Empty for a cluster that did not answer.
 */
export function actionFactValues(entry: CatalogueEntry, report: { ok: boolean; facts?: unknown; pools?: unknown } | undefined): ActionFactValues {
  // The Slack side sees reports loosely typed; only a collector's report (facts with nodes, and pools) is read.
  if (!report?.ok || !isFacts(report.facts) || !Array.isArray(report.pools)) return {};
  const facts = report.facts;
  const pools = report.pools as NodePool[];
  const values: ActionFactValues = {};
  const applies = checkApplicability(entry, facts);
  const nodes = pools.filter((pool) => applies.pools.includes(pool.name)).flatMap((pool) => pool.nodes);
  if (nodes.length > 0) values['affected-pool-nodes'] = nodes;
  const clusters = facts.bareMetal?.clusters ?? [];
  // The cluster's own resource: an admin, hybrid or standalone cluster is itself; otherwise the one user cluster.
  const self = clusters.find((c) => SELF_TYPES.includes(c.type ?? '')) ?? (clusters.length === 1 ? clusters[0] : undefined);
  if (self?.name) values['anthos-cluster-name'] = self.name;
  if (self?.namespace) values['anthos-cluster-namespace'] = self.namespace;
  return values;
}

function isFacts(value: unknown): value is ClusterFacts {
  return typeof value === 'object' && value !== null && Array.isArray((value as { nodes?: unknown }).nodes);
}
