import { checkApplicability } from '../applicability/check-applicability.js';
import { createClusterFactsService, formatClustersTable, type ClusterEnvConfig, type ClusterFacts, type ClusterReport } from '../clusters/index.js';
import type { Store } from '../store/store.js';
import type { ClusterChecker } from './cluster-checker.js';

/**
 * The real cluster checker over the kubeconfig contexts that `loadClusterConfigFromEnv` read (`K8SFIX_CONTEXTS`, ...),
 * with facts cached on the shared store. Undefined when no context is available, so answers say so.
 */
export function clusterCheckerFromEnv(config: ClusterEnvConfig, store: Store): ClusterChecker | undefined {
  const service = createClusterFactsService({ ...config, store });
  let contexts: string[];
  try {
    contexts = service.listContexts();
  } catch {
    return undefined;
  }
  if (contexts.length === 0) return undefined;
  return {
    listContexts: () => service.listContexts(),
    collect: (names) => service.collect(names),
    checkApplicability: (entry, facts) => checkApplicability(entry, facts as ClusterFacts),
    formatClustersTable: (reports) => formatClustersTable(reports as ClusterReport[]),
  };
}
