import type { V1Node } from '@kubernetes/client-node';
import type { NodeFacts } from './types.js';

/** Label prefixes worth keeping: they name the pool, the image or the platform. The rest is dropped. */
const KEPT_LABELS = [
  'cloud.google.com/',
  'baremetal.cluster.gke.io/',
  'magnum.openstack.org/',
  'eks.amazonaws.com/',
  'kubernetes.azure.com/',
  'node.kubernetes.io/',
  'node-role.kubernetes.io/',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'agentpool',
];

/** The facts k8sfix keeps from one Node object. */
export function nodeFactsFromNode(node: V1Node): NodeFacts {
  const info = node.status?.nodeInfo;
  const labels = Object.fromEntries(
    Object.entries(node.metadata?.labels ?? {}).filter(([key]) => KEPT_LABELS.some((prefix) => key.startsWith(prefix))),
  );
  const facts: NodeFacts = { labels };
  if (node.metadata?.name) facts.name = node.metadata.name;
  if (info?.kubeletVersion) facts.kubeletVersion = info.kubeletVersion;
  if (info?.containerRuntimeVersion) facts.containerRuntimeVersion = info.containerRuntimeVersion;
  if (info?.osImage) facts.osImage = info.osImage;
  if (info?.kernelVersion) facts.kernelVersion = info.kernelVersion;
  if (info?.operatingSystem) facts.operatingSystem = info.operatingSystem;
  if (info?.architecture) facts.architecture = info.architecture;
  return facts;
}
