import type { BareMetalClusterFacts, ClusterFacts } from './types.js';

/**
 * Sets the cluster type and settings from this cluster's own Cluster resource and the VMRuntime answer. An
 * admin, hybrid or standalone cluster is its own admin cluster, so its settings are the admin settings too.
 */
export function applyClusterSettings(facts: ClusterFacts, self: BareMetalClusterFacts | undefined, vmRuntimeEnabled: boolean | undefined): void {
  const settings = { ...(self?.settings ?? {}) };
  if (vmRuntimeEnabled !== undefined) settings.vmRuntimeEnabled = vmRuntimeEnabled;
  if (Object.keys(settings).length > 0) facts.settings = settings;
  if (self?.type) facts.clusterType = self.type;
  if (self && ['admin', 'hybrid', 'standalone'].includes(self.type ?? '')) facts.adminClusterSettings = settings;
}
