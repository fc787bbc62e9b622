import type { ClusterSettings } from './types.js';

/**
 * The settings known issues depend on, from one `clusters.baremetal.cluster.gke.io` item. Where each field name
 * was confirmed:
 * - `spec.clusterNetwork.flatIPv4`: "Set the spec.clusterNetwork.flatIPv4 field to true" to enable flat-mode
 *   IPv4; island mode is the default network model (cloud.google.com/kubernetes-engine/distributed-cloud/
 *   bare-metal/docs/how-to/flat-bgp-network, and the 1.11 to 1.14 flat-network pages). So the Cluster resource
 *   being read and flatIPv4 not true means island mode.
 * - `spec.clusterNetwork.multipleNetworkInterfaces`: named by the seed itself (003, the multi-NIC proxy issue:
 *   "clusterNetwork.multipleNetworkInterfaces set to true in the cluster configuration file").
 * - `spec.proxy.url`: named by the same seed entry ("spec.proxy.url is specified in the cluster configuration file").
 * - registry mirrors: the public pages (bare-metal 1.8 to 1.16 installing/registry-mirror) show a
 *   `registryMirrors: - endpoint: ...` list in the cluster configuration file, but no public `kubectl get -o
 *   yaml` output could be found to confirm where it sits in the Cluster resource; both `spec.registryMirrors`
 *   and `spec.nodeConfig.registryMirrors` are read. Because the mirror may be configured where k8sfix does not
 *   look, finding none leaves the setting unread (a check for a person), never "no mirror".
 */
export function readBareMetalSettings(item: unknown): ClusterSettings {
  const spec = (item as { spec?: Record<string, unknown> } | null)?.spec;
  if (!spec || typeof spec !== 'object') return {};
  const network = (spec.clusterNetwork ?? {}) as Record<string, unknown>;
  const settings: ClusterSettings = {
    islandMode: network.flatIPv4 !== true,
    multipleNetworkInterfaces: network.multipleNetworkInterfaces === true,
    proxy: typeof (spec.proxy as { url?: unknown } | undefined)?.url === 'string' && (spec.proxy as { url: string }).url !== '',
  };
  const mirrors = [spec.registryMirrors, (spec.nodeConfig as { registryMirrors?: unknown } | undefined)?.registryMirrors]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map((mirror) => (mirror as { endpoint?: unknown } | null)?.endpoint)
    .filter((endpoint): endpoint is string => typeof endpoint === 'string' && endpoint !== '');
  if (mirrors.length > 0) settings.registryMirrors = [...new Set(mirrors)].slice(0, 20);
  return settings;
}
