import type { NodeFacts, NodePool } from './types.js';

/** Labels that name a node pool, most specific first. */
export const POOL_LABELS = [
  'cloud.google.com/gke-nodepool',
  'baremetal.cluster.gke.io/node-pool',
  'magnum.openstack.org/nodegroup',
  'eks.amazonaws.com/nodegroup',
  'kubernetes.azure.com/agentpool',
  'agentpool',
  'node.kubernetes.io/pool',
];

const CONTROL_PLANE = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

/** The pool a node belongs to: its pool label, else `control-plane`, else `(no pool label)`. */
export function poolOf(node: NodeFacts): { name: string; label?: string } {
  for (const label of POOL_LABELS) {
    const value = node.labels?.[label];
    if (value) return { name: value, label };
  }
  if (CONTROL_PLANE.some((label) => node.labels?.[label] !== undefined)) return { name: 'control-plane' };
  return { name: '(no pool label)' };
}

/** Nodes partitioned by pool, in the order pools first appear. */
export function nodesByPool(nodes: NodeFacts[]): { name: string; label?: string; nodes: NodeFacts[] }[] {
  const pools = new Map<string, { name: string; label?: string; nodes: NodeFacts[] }>();
  for (const node of nodes) {
    const { name, label } = poolOf(node);
    const pool = pools.get(name) ?? { name, ...(label ? { label } : {}), nodes: [] };
    pool.nodes.push(node);
    pools.set(name, pool);
  }
  return [...pools.values()];
}

/** Nodes grouped into pools, in the order pools first appear, with the distinct versions each pool runs. */
export function groupNodePools(nodes: NodeFacts[]): NodePool[] {
  return nodesByPool(nodes).map(({ name, ...pool }) => {
    const distinct = (pick: (n: NodeFacts) => string | undefined) =>
      [...new Set(pool.nodes.map(pick).filter((v): v is string => !!v))];
    const imageType = distinct((n) => n.labels?.['cloud.google.com/gke-os-distribution'])[0];
    return {
      name,
      ...(pool.label ? { label: pool.label } : {}),
      nodes: pool.nodes.map((n, i) => n.name ?? `${name}#${i + 1}`),
      kubeletVersions: distinct((n) => n.kubeletVersion),
      containerRuntimeVersions: distinct((n) => n.containerRuntimeVersion),
      osImages: distinct((n) => n.osImage),
      kernelVersions: distinct((n) => n.kernelVersion),
      operatingSystems: distinct((n) => n.operatingSystem),
      architectures: distinct((n) => n.architecture),
      ...(imageType ? { imageType } : {}),
    };
  });
}
