import type { VersionFact, VersionScope } from '../catalogue/types.js';
import type { ClusterFacts, NodeFacts } from '../clusters/types.js';
import { noNode } from './no-node.js';
import { nodeOsFamilies } from './node-os-families.js';
import { nodeRuntime } from './node-runtime.js';
import { isOwnAdmin, selfBareMetalCluster } from './self-bare-metal-cluster.js';
import type { Judgement } from './types.js';

export const FACT_NAMES: Record<VersionFact, string> = {
  gkeVersion: 'GKE version',
  kubernetesVersion: 'Kubernetes version',
  containerdVersion: 'containerd version',
  kernelVersion: 'kernel version',
  windowsBuild: 'Windows build',
  anthosBareMetalVersion: 'Anthos bare-metal version',
};

/** The reported value a version condition compares, or the judgement when there is none to compare. */
export function readVersionFact(
  fact: VersionFact,
  scope: VersionScope,
  facts: ClusterFacts,
  node: NodeFacts | undefined,
): { version: string; label: string } | Judgement {
  switch (fact) {
    case 'anthosBareMetalVersion': {
      const admin = scope === 'admin-cluster';
      const self = selfBareMetalCluster(facts);
      const own = facts.anthosBareMetalVersion ?? self?.anthosBareMetalVersion;
      // An admin or hybrid cluster is its own admin cluster.
      const version = admin ? (facts.adminClusterAnthosBareMetalVersion ?? (isOwnAdmin(facts.clusterType ?? self?.type) ? own : undefined)) : own;
      if (version) return { version, label: `${admin ? 'admin cluster ' : ''}Anthos bare-metal version ${version}` };
      if (admin && facts.adminClusterProblem) return { truth: 'unknown', reason: facts.adminClusterProblem };
      return {
        truth: 'unknown',
        reason: admin
          ? "the admin cluster's Anthos version is not known: link this context to the admin cluster's in K8SFIX_ADMIN_CLUSTERS (user-context=admin-context), or run `kubectl get clusters.baremetal.cluster.gke.io -A` against the admin cluster"
          : 'the cluster reports no anthosBareMetalVersion (no readable clusters.baremetal.cluster.gke.io resource: grant list on it, see deploy/rbac-readonly.yaml)',
      };
    }
    case 'gkeVersion':
    case 'kubernetesVersion': {
      if (scope === 'admin-cluster') {
        return { truth: 'unknown', reason: `k8sfix cannot read the admin cluster's ${FACT_NAMES[fact]}: check it on the admin cluster` };
      }
      const raw = scope === 'cluster' ? facts.serverVersion : node?.kubeletVersion;
      if (!raw) {
        if (scope === 'node' && !node) return noNode();
        return { truth: 'unknown', reason: `the ${scope === 'cluster' ? 'control plane' : 'node'} reports no version` };
      }
      // kubernetesVersion is the upstream minor/patch, whatever the distribution adds after it.
      const version = fact === 'kubernetesVersion' ? raw.replace(/^v?(\d+(?:\.\d+)*).*$/, '$1') : raw;
      return { version, label: `${scope === 'cluster' ? 'control plane' : 'kubelet'} ${raw}` };
    }
    case 'containerdVersion': {
      if (!node) return noNode();
      const runtime = nodeRuntime(node);
      if (!runtime) return { truth: 'unknown', reason: 'the node reports no container runtime (status.nodeInfo.containerRuntimeVersion is empty)' };
      if (runtime.runtime !== 'containerd') {
        return { truth: 'unknown', reason: `runs ${runtime.source}, which does not report a containerd version` };
      }
      if (!runtime.version) return { truth: 'unknown', reason: `the node reports no containerd version (only ${runtime.source})` };
      return { version: runtime.version, label: `containerd ${runtime.version}` };
    }
    case 'kernelVersion':
    case 'windowsBuild': {
      if (!node) return noNode();
      const os = nodeOsFamilies(node);
      if (!os) return { truth: 'unknown', reason: 'the node reports no operating system' };
      const windows = os.families.has('windows');
      if (fact === 'kernelVersion' && windows) return { truth: 'false', reason: 'is a Windows node, the issue is about the Linux kernel' };
      if (fact === 'windowsBuild' && !windows) return { truth: 'false', reason: `runs ${node.osImage || 'Linux'}, not Windows` };
      const build = node.kernelVersion || (windows ? node.labels?.['node.kubernetes.io/windows-build'] : undefined);
      if (!build) return { truth: 'unknown', reason: `the node reports no ${FACT_NAMES[fact]}` };
      return { version: build, label: `${windows ? 'Windows build' : 'kernel'} ${build}` };
    }
  }
}

