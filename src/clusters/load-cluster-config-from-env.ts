import { ClusterConfigError } from './cluster-config-error.js';
import { quoteSettingValue } from './quote-setting-value.js';
import { parseAdminClusterLinks } from './parse-admin-cluster-links.js';

/** Cluster settings from the environment, ready to pass to `createClusterFactsService`. */
export interface ClusterEnvConfig {
  /** From `K8SFIX_CONTEXTS=prod-eu,prod-us`: only these kubeconfig contexts are asked. */
  contexts?: string[];
  /** From `K8SFIX_CLUSTER_TIMEOUT_MS` (100 to 120000). */
  timeoutMs?: number;
  /** From `K8SFIX_CLUSTER_MAX_RESPONSE_BYTES` (1024 to 1073741824). */
  maxResponseBytes?: number;
  /** From `K8SFIX_FACTS_TTL_MS` (0 turns caching off). */
  cacheTtlMs?: number;
  /** From `KUBECONFIG` (':'-separated path list). */
  kubeconfig?: string;
  /** From `K8SFIX_ADMIN_CLUSTERS=user-ctx=admin-ctx,...`: the admin cluster context of each user cluster context. */
  adminContexts?: Record<string, string>;
}

/**
 * Reads `K8SFIX_CONTEXTS`, `K8SFIX_CLUSTER_TIMEOUT_MS`, `K8SFIX_CLUSTER_MAX_RESPONSE_BYTES`, `K8SFIX_FACTS_TTL_MS`,
 * `K8SFIX_ADMIN_CLUSTERS` and `KUBECONFIG`. Unset variables are left out (the service defaults apply); a malformed
 * one throws a `ClusterConfigError` that names it and shows a valid value.
 */
export function loadClusterConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterEnvConfig {
  const config: ClusterEnvConfig = {};
  const contexts = env.K8SFIX_CONTEXTS;
  if (contexts !== undefined && contexts.trim() !== '') {
    const names = contexts.split(',').map((name) => name.trim());
    const bad = names.find((name) => name === '' || /\s/.test(name));
    if (bad !== undefined) {
      throw new ClusterConfigError(
        'K8SFIX_CONTEXTS',
        `K8SFIX_CONTEXTS=${quoteSettingValue(contexts)} has ${bad === '' ? 'an empty name' : `${quoteSettingValue(bad)}, which contains a space`}: ` +
          'write kubeconfig context names separated by commas only, e.g. K8SFIX_CONTEXTS=prod-eu,prod-us',
      );
    }
    config.contexts = [...new Set(names)];
  }
  const timeout = readWhole(env, 'K8SFIX_CLUSTER_TIMEOUT_MS', 'milliseconds', 100, 120_000, '5000');
  if (timeout !== undefined) config.timeoutMs = timeout;
  const maxBytes = readWhole(env, 'K8SFIX_CLUSTER_MAX_RESPONSE_BYTES', 'bytes', 1024, 1024 ** 3, '33554432 (32 MiB; the default is 16777216)');
  if (maxBytes !== undefined) config.maxResponseBytes = maxBytes;
  const ttl = readWhole(env, 'K8SFIX_FACTS_TTL_MS', 'milliseconds', 0, 86_400_000, '60000 (0 turns the cache off)');
  if (ttl !== undefined) config.cacheTtlMs = ttl;
  if (env.KUBECONFIG) config.kubeconfig = env.KUBECONFIG;
  const admins = env.K8SFIX_ADMIN_CLUSTERS;
  if (admins !== undefined && admins.trim() !== '') config.adminContexts = parseAdminClusterLinks(admins);
  return config;
}

function readWhole(env: NodeJS.ProcessEnv, name: string, unit: string, min: number, max: number, example: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ClusterConfigError(
      name,
      `${name}=${quoteSettingValue(raw)} is not valid: give a whole number of ${unit} from ${min} to ${max}, e.g. ${name}=${example}`,
    );
  }
  return value;
}
