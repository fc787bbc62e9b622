import { ClusterConfigError } from './cluster-config-error.js';

const EXAMPLE = 'K8SFIX_ADMIN_CLUSTERS=user-store-1=admin-hq,user-store-2=admin-hq';

/**
 * `user-context=admin-context,...` → { 'user-context': 'admin-context' }. Each user cluster's verdicts can then
 * use its admin cluster's Anthos version and settings. A malformed value throws a `ClusterConfigError` that
 * shows a valid one.
 */
export function parseAdminClusterLinks(raw: string, variable = 'K8SFIX_ADMIN_CLUSTERS'): Record<string, string> {
  const links: Record<string, string> = {};
  for (const item of raw.split(',').map((part) => part.trim())) {
    const match = /^([^\s=]+)=([^\s=]+)$/.exec(item);
    const problem = !match
      ? `"${item}" is not user-context=admin-context`
      : match[1] === match[2]
        ? `"${item}" links a context to itself (an admin or hybrid cluster is read as its own admin cluster already)`
        : links[match[1]!] !== undefined && links[match[1]!] !== match[2]
          ? `"${match[1]}" is linked to two admin clusters`
          : undefined;
    if (problem) throw new ClusterConfigError(variable, `${variable}="${raw}": ${problem}: write kubeconfig context pairs separated by commas, e.g. ${EXAMPLE}`);
    links[match![1]!] = match![2]!;
  }
  return links;
}
