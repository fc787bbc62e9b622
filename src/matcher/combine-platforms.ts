import type { MatchOptions } from './types.js';

/**
 * The platforms to match with: the ones the deployment is configured to serve (`K8SFIX_PLATFORMS`), with the
 * connected clusters' platforms when they are known; the clusters' alone when nothing is configured.
 */
export function combinePlatforms(configured: readonly string[] | undefined, clusters: readonly string[] | undefined): Pick<MatchOptions, 'platforms' | 'platformsFrom'> {
  if (configured && configured.length > 0) return { platforms: [...new Set([...configured, ...(clusters ?? [])])], platformsFrom: 'deployment' };
  return clusters && clusters.length > 0 ? { platforms: [...clusters], platformsFrom: 'clusters' } : {};
}
