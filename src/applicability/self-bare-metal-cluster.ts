import type { BareMetalClusterFacts, ClusterFacts } from '../clusters/types.js';

const SELF_TYPES = ['admin', 'hybrid', 'standalone'];

/**
 * The bare-metal Cluster resource that is this cluster, picked as the collector picks it (an admin or hybrid
 * cluster also lists the user clusters it manages). Lets facts written by hand that give only `bareMetal`
 * still answer version, profile and type questions.
 */
export function selfBareMetalCluster(facts: ClusterFacts): BareMetalClusterFacts | undefined {
  const clusters = facts.bareMetal?.clusters ?? [];
  return clusters.find((c) => SELF_TYPES.includes(c.type ?? '')) ?? clusters.find((c) => c.type === 'user') ?? (clusters.length === 1 ? clusters[0] : undefined);
}

/** Whether this cluster is its own admin cluster (admin, hybrid, standalone). */
export function isOwnAdmin(type: string | undefined): boolean {
  return SELF_TYPES.includes(type ?? '');
}
