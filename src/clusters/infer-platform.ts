import type { ClusterFacts } from './types.js';
import type { Platform } from './types.js';

const GKE_LABEL = /^cloud\.google\.com\/gke-/;
const NKS_LABELS = ['magnum.openstack.org/nodegroup', 'magnum.openstack.org/role'];

/**
 * GKE, Anthos on bare metal, NKS or other, with the fact that decided. Anthos bare-metal versions carry
 * `-gke.` too, so the Cluster resource is asked first; `-gke.` versions without GKE node labels and without a
 * readable bare-metal answer stay `unknown` rather than being guessed.
 */
export function inferPlatform(facts: ClusterFacts): Platform {
  const bareMetal = facts.bareMetal;
  if (facts.anthosBareMetalVersion || bareMetal?.status === 'present') {
    const first = bareMetal?.clusters?.[0];
    const version = facts.anthosBareMetalVersion ?? first?.anthosBareMetalVersion;
    return {
      kind: 'anthos-bare-metal',
      name: 'Anthos bare metal',
      product: 'anthos-bare-metal',
      reason: `clusters.baremetal.cluster.gke.io resource${first ? ` ${first.name}` : ''} reports anthosBareMetalVersion ${version ?? '(none)'}`,
    };
  }
  for (const node of facts.nodes) {
    const label = Object.keys(node.labels ?? {}).find((key) => GKE_LABEL.test(key));
    if (label) {
      return { kind: 'gke', name: 'GKE', product: 'gke', reason: `node label ${label}=${node.labels![label]}` };
    }
  }
  for (const node of facts.nodes) {
    const label = NKS_LABELS.find((key) => node.labels?.[key] !== undefined);
    if (label) {
      return { kind: 'nks', name: 'NKS', product: 'nks', reason: `node label ${label}=${node.labels![label]} (NKS runs on OpenStack Magnum)` };
    }
  }
  const versions = [facts.serverVersion, ...facts.nodes.map((n) => n.kubeletVersion)].filter((v): v is string => !!v);
  const eks = versions.find((v) => /-eks-/.test(v)) ?? labelOf(facts, /^eks\.amazonaws\.com\//);
  if (eks) return { kind: 'eks', name: 'EKS', reason: eks.includes('=') ? `node label ${eks}` : `version ${eks}` };
  const aks = labelOf(facts, /^kubernetes\.azure\.com\//);
  if (aks) return { kind: 'aks', name: 'AKS', reason: `node label ${aks}` };
  const gkeBuild = versions.find((v) => /-gke\./.test(v));
  if (gkeBuild) {
    if (bareMetal?.status === 'absent') {
      return {
        kind: 'other',
        name: 'GKE Enterprise (not GKE, not bare metal)',
        reason: `version ${gkeBuild} is a Google build, but nodes have no cloud.google.com/gke-* labels and the cluster has no clusters.baremetal.cluster.gke.io resource type`,
      };
    }
    return {
      kind: 'unknown',
      name: 'unknown',
      reason: `version ${gkeBuild} is a Google build (GKE or Anthos), but nodes have no GKE labels and ${
        bareMetal ? `the bare-metal Cluster lookup failed (${bareMetal.reason ?? bareMetal.status})` : 'no bare-metal Cluster facts were given'
      }`,
    };
  }
  if (facts.nodes.length === 0 && !facts.serverVersion) {
    return { kind: 'unknown', name: 'unknown', reason: 'no server version and no nodes reported' };
  }
  return {
    kind: 'other',
    name: 'other',
    reason: 'no GKE node labels, no Anthos bare-metal Cluster resource, no NKS (magnum.openstack.org) node labels',
  };
}

function labelOf(facts: ClusterFacts, pattern: RegExp): string | undefined {
  for (const node of facts.nodes) {
    for (const [key, value] of Object.entries(node.labels ?? {})) if (pattern.test(key)) return `${key}=${value}`;
  }
  return undefined;
}
