/** k8sfix's public API, for programs that embed it. */
export { loadCatalogue, defaultCatalogueDir, type LoadOptions, type LoadedCatalogue } from './catalogue/load-catalogue.js';
export { loadCatalogues, catalogueDirsFromEnv } from './catalogue/load-catalogues.js';
export { CatalogueError, isCatalogueError, type CatalogueProblem } from './catalogue/catalogue-error.js';
export type * from './catalogue/types.js';
export { createMatcher, MIN_SCORE } from './matcher/create-matcher.js';
export { createMatchPool, type MatchPoolOptions } from './matcher/match-pool.js';
export { MatchTimeoutError, isMatchTimeoutError } from './matcher/errors/match-timeout-error.js';
export { MatchPoolBusyError, isMatchPoolBusyError } from './matcher/errors/match-pool-busy-error.js';
export type { Analysis, AnyMatcher, Confidence, Evidence, Match, Matcher, MatchOptions, OffThreadMatcher, StreamMatcher } from './matcher/types.js';
export { normalizeLine, squeeze, stripAnsiAndControl, unescapeJsonText } from './matcher/normalize.js';
export { MAX_INPUT_CHARS } from './matcher/prepare-input.js';
/**
 * Does a known issue apply to a cluster? `checkApplicability(entry, facts)` answers affected, not-affected or
 * unknown with the deciding facts (see `Verdict`). `facts` is a `ClusterFacts`: what `createClusterFactsService`
 * collects from kubeconfig contexts (the same shape `k8sfix clusters --json` prints under each report's `facts`),
 * or anything a program fills in itself.
 */
export { checkApplicability, type ApplicabilityEntry } from './applicability/check-applicability.js';
export type { ApplicabilityResult, Judgement, Truth, Verdict } from './applicability/types.js';
export {
  createClusterFactsService,
  DEFAULT_CLUSTER_TIMEOUT_MS,
  DEFAULT_FACTS_TTL_MS,
  type ClusterFactsService,
  type ClusterFactsServiceOptions,
} from './clusters/create-cluster-facts-service.js';
export { loadClusterConfigFromEnv, type ClusterEnvConfig } from './clusters/load-cluster-config-from-env.js';
export { ClusterConfigError, isClusterConfigError } from './clusters/cluster-config-error.js';
export { inferPlatform } from './clusters/infer-platform.js';
export type {
  BareMetalClusterFacts,
  BareMetalLookup,
  ClusterErrorCode,
  ClusterFacts,
  ClusterReport,
  ClusterSettings,
  NodeFacts,
  NodePool,
  Platform,
  PlatformKind,
} from './clusters/types.js';
