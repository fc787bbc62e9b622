import { ConnectedPlatforms } from '../clusters/connected-platforms.js';
import { combinePlatforms } from '../matcher/combine-platforms.js';
import type { PlatformsSource } from '../matcher/with-platforms.js';
import { connectedContexts, type ClusterChecker } from './cluster-checker.js';

/**
 * The platforms answers are matched with: `K8SFIX_PLATFORMS` and the platforms of the connected clusters, as far
 * as they have been seen. The checker returned records every collect, so the platforms are known after the first
 * answer that asked the clusters (and after the warm-up the app starts with).
 */
export function deploymentPlatforms(configured: readonly string[] | undefined, clusters: ClusterChecker | undefined): { source: PlatformsSource; clusters?: ClusterChecker } {
  const connected = new ConnectedPlatforms();
  const source: PlatformsSource = () => combinePlatforms(configured, clusters ? connected.of(connectedContexts(clusters)) : undefined);
  if (!clusters) return { source };
  const recording: ClusterChecker = {
    listContexts: () => clusters.listContexts(),
    collect: async (contexts) => {
      const reports = await clusters.collect(contexts);
      connected.record(reports);
      return reports;
    },
    checkApplicability: (entry, facts) => clusters.checkApplicability(entry, facts),
    ...(clusters.formatClustersTable ? { formatClustersTable: clusters.formatClustersTable.bind(clusters) } : {}),
  };
  return { source, clusters: recording };
}
