import type { ClusterFacts, ClusterReport } from './types.js';

/**
 * A user cluster's facts with its admin cluster's Anthos version and settings taken from the admin cluster's
 * own report (`K8SFIX_ADMIN_CLUSTERS`). The user cluster cannot show them through its own API. When the admin
 * cluster did not answer, `adminClusterProblem` says why, and the admin-cluster conditions stay unknown.
 */
export function linkAdminClusterFacts(facts: ClusterFacts, adminContext: string, admin: ClusterReport): ClusterFacts {
  const linked: ClusterFacts = { ...facts, adminContext };
  if (!admin.ok) {
    linked.adminClusterProblem = `the admin cluster (context ${adminContext}) did not answer: ${admin.reason}`;
    return linked;
  }
  if (admin.facts.anthosBareMetalVersion) linked.adminClusterAnthosBareMetalVersion = admin.facts.anthosBareMetalVersion;
  else linked.adminClusterProblem = `the admin cluster (context ${adminContext}) reports no anthosBareMetalVersion`;
  if (admin.facts.settings) linked.adminClusterSettings = admin.facts.settings;
  return linked;
}
