/** Cluster facts and applicability: the public API for the CLI and the Slack app. */
export type { ApplicabilityResult, Verdict } from '../applicability/types.js';
export { checkApplicability, type ApplicabilityEntry } from '../applicability/check-applicability.js';
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
} from './types.js';
export {
  createClusterFactsService,
  DEFAULT_CLUSTER_TIMEOUT_MS,
  DEFAULT_FACTS_TTL_MS,
  type ClusterFactsService,
  type ClusterFactsServiceOptions,
} from './create-cluster-facts-service.js';
export { loadClusterConfigFromEnv, type ClusterEnvConfig } from './load-cluster-config-from-env.js';
export { ClusterConfigError, isClusterConfigError } from './cluster-config-error.js';
export { formatVerdictLine } from './format-verdict-line.js';
export { formatClustersTable } from './format-clusters-table.js';
export { inferPlatform } from './infer-platform.js';
export { groupNodePools } from './group-node-pools.js';
export { IN_CLUSTER_CONTEXT, DEFAULT_MAX_RESPONSE_BYTES } from './kube-client-factory.js';
export { DEFAULT_MAX_LIST_PAGES } from './fetch-cluster-facts.js';
export { ClusterResponseTooLargeError, isClusterResponseTooLargeError } from './cluster-response-too-large-error.js';
export { ClusterTooManyPagesError, isClusterTooManyPagesError } from './cluster-too-many-pages-error.js';
export { describeParseError } from './describe-parse-error.js';
export { quoteSettingValue } from './quote-setting-value.js';
