/**
 * The facts k8sfix reads from a cluster, and what `collect()` answers per cluster.
 * `ClusterFacts` is also what `checkApplicability` takes: anything that can fill it (the collector, a test, a
 * Slack user pasting `kubectl get nodes -o wide`) can ask whether a known issue applies.
 */
import type { Product } from '../catalogue/types.js';

/** One node, as `status.nodeInfo` and `metadata.labels` report it. A missing or empty field is an unknown fact. */
export interface NodeFacts {
  name?: string;
  /** `v1.24.6-gke.1500` */
  kubeletVersion?: string;
  /** `containerd://1.6.6`, `docker://20.10.17` */
  containerRuntimeVersion?: string;
  /** `Container-Optimized OS from Google`, `Windows Server 2019 Datacenter`, `Ubuntu 20.04.5 LTS` */
  osImage?: string;
  /** `5.10.133+`, `5.15.0-1034-gke`; on Windows the build, `10.0.17763.3406` */
  kernelVersion?: string;
  /** `linux` or `windows` */
  operatingSystem?: string;
  /** `amd64`, `arm64` */
  architecture?: string;
  /** Node labels; the ones that name the pool and image matter (`cloud.google.com/gke-nodepool`, ...). */
  labels?: Record<string, string>;
}

/** One `clusters.baremetal.cluster.gke.io` resource. */
export interface BareMetalClusterFacts {
  name: string;
  namespace?: string;
  /** `admin`, `user`, `hybrid`, `standalone` */
  type?: string;
  /** `status.anthosBareMetalVersion`, else `spec.anthosBareMetalVersion`. */
  anthosBareMetalVersion?: string;
  /** `default` or `edge` */
  profile?: string;
  /** Settings read from its spec (see `ClusterSettings`). */
  settings?: ClusterSettings;
}

/**
 * Cluster settings that known issues depend on, read through the API. A field that is absent was not read
 * (no permission, no such resource, an older spec layout): the condition that needs it is then listed as a
 * check for a person, never guessed.
 */
export interface ClusterSettings {
  /** `spec.enabled` of the `vmruntimes.vm.cluster.gke.io` resource `vmruntime`; false when the type is not installed. */
  vmRuntimeEnabled?: boolean;
  /** Island-mode IPv4 pod networking: the bare-metal Cluster's `spec.clusterNetwork.flatIPv4` is not true. */
  islandMode?: boolean;
  /** Registry mirror endpoints of the bare-metal Cluster (`spec.registryMirrors[].endpoint`); set only when some are configured. */
  registryMirrors?: string[];
  /** `spec.clusterNetwork.multipleNetworkInterfaces` of the bare-metal Cluster. */
  multipleNetworkInterfaces?: boolean;
  /** A proxy is configured: `spec.proxy.url` of the bare-metal Cluster. */
  proxy?: boolean;
}

/**
 * Whether the cluster has the Anthos bare-metal Cluster resource type: `present` (listed), `absent` (404, the
 * type does not exist: a fact, not an error), `forbidden` (403) or `error` (anything else, see `reason`).
 */
export interface BareMetalLookup {
  status: 'present' | 'absent' | 'forbidden' | 'error';
  clusters?: BareMetalClusterFacts[];
  reason?: string;
}

/**
 * Everything k8sfix knows about one cluster. Only `nodes` is required; every other fact may be missing, and
 * a condition that needs a missing fact is answered `unknown`, never guessed.
 */
export interface ClusterFacts {
  /** gitVersion from `/version`: `v1.24.6-gke.1500`. */
  serverVersion?: string;
  nodes: NodeFacts[];
  /** Version of this cluster's `clusters.baremetal.cluster.gke.io` resource (`1.13.2`). */
  anthosBareMetalVersion?: string;
  /** Version of the admin cluster that manages it, when k8sfix can see it (hybrid/standalone: itself). */
  adminClusterAnthosBareMetalVersion?: string;
  /** Anthos cluster profile: `default` or `edge`. */
  clusterProfile?: string;
  /** Anthos cluster type of this cluster's own Cluster resource: `admin`, `user`, `hybrid`, `standalone`. */
  clusterType?: string;
  /** This cluster's settings (VM Runtime, island mode, registry mirrors, ...); absent fields were not read. */
  settings?: ClusterSettings;
  /** The admin cluster's settings, when its context is linked (K8SFIX_ADMIN_CLUSTERS) or it is this cluster. */
  adminClusterSettings?: ClusterSettings;
  /** The kubeconfig context whose facts gave the admin-cluster fields, when it is another cluster. */
  adminContext?: string;
  /** Why the linked admin cluster's facts are missing (it did not answer, or reports no version). */
  adminClusterProblem?: string;
  /** What the bare-metal lookup found; absent when the facts did not come from the collector. */
  bareMetal?: BareMetalLookup;
  /** ISO time the facts were read. */
  collectedAt?: string;
}

/** Nodes that share a pool label (`cloud.google.com/gke-nodepool`, ...), with the versions they run. */
export interface NodePool {
  name: string;
  /** The label that named the pool; absent when k8sfix grouped unlabelled nodes itself. */
  label?: string;
  nodes: string[];
  /** Distinct values across the pool's nodes (more than one while a pool upgrades). */
  kubeletVersions: string[];
  containerRuntimeVersions: string[];
  osImages: string[];
  kernelVersions: string[];
  operatingSystems: string[];
  architectures: string[];
  /** `cloud.google.com/gke-os-distribution` (`cos`, `ubuntu`, `windows_ltsc`) when the label is set. */
  imageType?: string;
}

export const PLATFORM_KINDS = ['gke', 'anthos-bare-metal', 'nks', 'eks', 'aks', 'other', 'unknown'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

/** Where the cluster runs, inferred from its facts; `reason` names the fact that decided it. */
export interface Platform {
  kind: PlatformKind;
  /** Short display name: `GKE`, `Anthos bare metal`, `NKS`, ... */
  name: string;
  /** The catalogue product this platform is, if any. */
  product?: Product;
  reason: string;
}

/** `too-large`: an answer passed K8SFIX_CLUSTER_MAX_RESPONSE_BYTES; `too-many-pages`: a list that would not end. */
export const CLUSTER_ERROR_CODES = ['unreachable', 'timeout', 'unauthorized', 'forbidden', 'tls', 'too-large', 'too-many-pages', 'error'] as const;
export type ClusterErrorCode = (typeof CLUSTER_ERROR_CODES)[number];

/** One answer per cluster from `collect()`: its facts, or why there are none and what to do about it. */
export type ClusterReport =
  | { context: string; ok: true; facts: ClusterFacts; platform: Platform; pools: NodePool[]; cached: boolean }
  | { context: string; ok: false; reason: string; code: ClusterErrorCode };
