import { PLATFORM_NAMES } from '../matcher/platforms-from-env.js';

/** A cluster's platform as inferred from its facts (`Platform` fits): its kind, and the catalogue product it is. */
export interface InferredPlatform {
  kind?: string;
  product?: string;
}

/** The name the matcher knows a cluster's platform by (`gke`, `eks`...); undefined when it knows none. */
export function matcherPlatformName(platform: InferredPlatform): string | undefined {
  const name = platform.product ?? platform.kind;
  return name !== undefined && (PLATFORM_NAMES as readonly string[]).includes(name) ? name : undefined;
}

/**
 * The platforms a set of clusters runs, as the matcher's `platforms`, or undefined when any of them is not known.
 * A cluster whose platform could not be told (unreachable, `unknown`, a Google build without GKE labels) might be
 * any product, so one such cluster means the deployment's platforms are not known: naming only the others would
 * lower the prior of an issue of the platform nobody could see.
 */
export function platformsOfClusters(platforms: readonly (InferredPlatform | undefined)[]): string[] | undefined {
  if (platforms.length === 0) return undefined;
  const names = new Set<string>();
  for (const platform of platforms) {
    const name = platform && matcherPlatformName(platform);
    if (!name) return undefined;
    names.add(name);
  }
  return [...names].sort();
}
