/**
 * The shape of one known issue in `catalogue/<product>/<id>.yaml`.
 * `validate-entry.ts` checks a parsed YAML document against exactly this shape; `catalogue/README.md`
 * documents each field for the people who write entries.
 */

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

/** Text in both languages our users read. */
export interface Localized {
  en: string;
  ko: string;
}

/** Lists of phrases in both languages. */
export interface LocalizedList {
  en: string[];
  ko: string[];
}

export const PRODUCTS = ['gke', 'anthos-bare-metal', 'nks', 'containerd'] as const;
/**
 * gke: Google Kubernetes Engine; anthos-bare-metal: Anthos clusters on bare metal (Google Distributed Cloud);
 * nks: NHN Kubernetes Service; containerd: any cluster whose nodes run containerd (not platform specific).
 */
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_NAMES: Record<Product, string> = {
  gke: 'Google Kubernetes Engine (GKE)',
  'anthos-bare-metal': 'Anthos clusters on bare metal',
  nks: 'NHN Kubernetes Service (NKS)',
  containerd: 'containerd (any platform)',
};

/** The public page's title per language, where known; an answer shows the one in its own language. */
export interface SourceTitle {
  en?: string;
  ko?: string;
}

export interface Source {
  /** Seed file name in shared/seeds, e.g. `000_3bdd6f743503f078.txt`. */
  seed: string;
  /** The section heading as it stands in the seed, verbatim (may be Korean or Italian). */
  heading: string;
  /** True when the seed lost this heading; `heading` then holds the first line of its body. */
  headingMissing?: boolean;
  /** Public documentation URL of the page the seed was saved from. */
  url: string;
  /** The public page's title in the answer languages where known (not the seed's heading, which may be Korean or Italian). */
  title?: SourceTitle;
}

/**
 * A version interval. `from` is inclusive; `to` is inclusive and covers every build of the version it names
 * (`to: 1.20.9` includes 1.20.9-gke.1200; `to: 1.18` includes every 1.18.x); `before` is exclusive
 * (`before: 1.6.6` stops at 1.6.5-anything). An absent bound is open.
 */
export interface VersionRange {
  from?: string;
  to?: string;
  before?: string;
}

/** Version facts that a cluster reports. */
export const VERSION_FACTS = [
  /** GKE version (`v1.24.6-gke.1500`): kubelet version on nodes, gitVersion of the control plane. */
  'gkeVersion',
  /** Plain Kubernetes minor/patch, whatever the distribution (`v1.24.3`). */
  'kubernetesVersion',
  /** containerd version from the node's containerRuntimeVersion (`containerd://1.6.6`). */
  'containerdVersion',
  /** Linux kernel from the node's kernelVersion (`5.15.0-1034-gke`). */
  'kernelVersion',
  /** Windows build from the node's kernelVersion/osImage (`10.0.17763.3406`). */
  'windowsBuild',
  /** anthosBareMetalVersion of the clusters.baremetal.cluster.gke.io resource (`1.13.2`). */
  'anthosBareMetalVersion',
] as const;
export type VersionFact = (typeof VERSION_FACTS)[number];

/** Whose version a condition is about. */
export const VERSION_SCOPES = ['node', 'cluster', 'admin-cluster'] as const;
export type VersionScope = (typeof VERSION_SCOPES)[number];

export const NODE_OS = ['windows', 'linux', 'cos', 'ubuntu', 'rhel', 'centos'] as const;
export type NodeOs = (typeof NODE_OS)[number];

export const RUNTIMES = ['containerd', 'docker', 'cri-o'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** Cluster settings k8sfix reads through the API (see `ClusterSettings` in src/clusters/types.ts). */
export const CLUSTER_SETTINGS = ['vmRuntimeEnabled', 'islandMode', 'registryMirrors', 'multipleNetworkInterfaces', 'proxy'] as const;
export type ClusterSettingName = (typeof CLUSTER_SETTINGS)[number];

/** Anthos bare-metal cluster types (`spec.type` of the Cluster resource). */
export const CLUSTER_TYPES = ['admin', 'user', 'hybrid', 'standalone'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

export type Condition =
  /**
   * The fact's version lies in any of the ranges. `coveredThrough` is the newest release line the whole
   * document covers (`1.14` for a known-issues page of 1.10 to 1.14): a version past it, with no fix stated,
   * is `unknown`, because the document cannot say whether the issue was fixed there.
   */
  | { fact: VersionFact; ranges: VersionRange[]; of?: VersionScope; coveredThrough?: string }
  /** The node's operating system is one of these. */
  | { fact: 'nodeOs'; in: NodeOs[] }
  /** The node's container runtime is one of these. */
  | { fact: 'containerRuntime'; in: Runtime[] }
  /** The Anthos cluster profile (`default`, `edge`). */
  | { fact: 'clusterProfile'; in: string[] }
  /** The Anthos bare-metal cluster's type (`user` for clusters an admin or hybrid cluster created). */
  | { fact: 'clusterType'; in: ClusterType[] }
  /**
   * A setting of the cluster (or of its admin cluster) that k8sfix reads through the API: holds when it is
   * on. When it was not read, the condition does not decide the verdict: it is listed with `check`, the
   * command that shows it.
   */
  | { fact: 'clusterSetting'; setting: ClusterSettingName; of?: 'cluster' | 'admin-cluster'; check: string }
  /**
   * A condition k8sfix cannot read through the Kubernetes API (firewalld running, SELinux enforcing, cgroup
   * v2, how the cluster was created). It never decides the verdict: an `affected` answer lists it with
   * `description` and `check`, the command or place where a person can see it.
   */
  | { fact: 'nodeSetting'; name: string; description: string; check?: string };

export interface Affects {
  /** Products where the issue exists. The cluster check answers not-affected on any other product. */
  products: Product[];
  /** The document's own wording of what is affected, verbatim (empty when it says nothing). */
  wording: string;
  /** True when the document says every version is affected ("영향을 받는 GKE 버전: 모두"). */
  allVersions: boolean;
  /** Every condition must hold (AND); ranges inside one condition are alternatives (OR). */
  conditions: Condition[];
  /**
   * True when the cause is upstream (the Linux kernel, containerd) so the issue exists on any platform;
   * `products` then names where it is documented, and does not limit where it applies.
   */
  anyPlatform?: boolean;
  /**
   * True when the saved document lost this version line (the page gives versions per issue and the
   * seed starts mid-entry): versions cannot be judged, so the answer is `unknown` unless another condition
   * is false or the cluster runs a stated fix.
   */
  versionsLost?: boolean;
}

export interface FixedIn {
  /** The document's wording, verbatim. */
  wording: string;
  /** First fixed version per line, e.g. containerdVersion 1.6.6, or gkeVersion 1.25.15-gke.1040000. */
  versions: { fact: VersionFact; version: string }[];
}

export interface RemediationStep {
  en: string;
  ko: string;
  /** Commands to run, shown as code. Placeholders in UPPER_CASE. */
  commands?: string[];
  /**
   * Set when the step only applies on one platform (a `gcloud` command, a GKE-only setting). Renderers mark it
   * ("GKE only") when the match was reported for a cluster elsewhere, for an issue whose cause is upstream.
   */
  platform?: Product;
}

/**
 * Software that prints an entry's error or holds its cause, named so the matcher can recognise it in a paste
 * (`src/matcher/paste-context.ts` has the words for each).
 */
export const COMPONENTS = [
  'kubelet', 'containerd', 'runc', 'cni', 'kernel', 'kubeadm', 'crictl', 'cadvisor', 'hcsshim', 'kaniko', 'docker',
  'cilium', 'anetd', 'netd', 'bmctl', 'anthos-cluster-operator', 'stackdriver-log-forwarder', 'fluent-bit',
  'metrics-server', 'gke-metrics-agent', 'network-gateway', 'vm-runtime', 'firewalld', 'selinux', 'libseccomp',
  'cert-manager', 'kube-proxy', 'systemd', 'sudo',
] as const;
export type Component = (typeof COMPONENTS)[number];

/** The container runtime an entry's cause needs: `any` when the cause lies elsewhere (the kernel, a registry). */
export const CONTEXT_RUNTIMES = ['containerd', 'docker', 'any'] as const;
export type ContextRuntime = (typeof CONTEXT_RUNTIMES)[number];

/**
 * upstream: the cause lives in open-source software any cluster runs (containerd, runc, the kernel, fluent-bit);
 * the same error on k3s, kind, EKS or kubeadm is the same issue. platform: the cause lives in one platform
 * (GKE's webhooks and netd, Anthos bmctl and operators, NKS images and settings); elsewhere it is another problem.
 */
export const SCOPES = ['upstream', 'platform'] as const;
export type Scope = (typeof SCOPES)[number];

/** Where an entry's cause lives, read by the matcher to tell the same error printed by something else apart. */
export interface EntryContext {
  /** What prints the error or holds the cause (for platform entries, the platform's own component first). */
  component: Component[];
  runtime: ContextRuntime;
  scope: Scope;
  /**
   * For a platform component built from an open-source project (anetd from Cilium, stackdriver-log-forwarder
   * from fluent-bit): that project. A paste from the project itself, with nothing of the platform, is another
   * platform's problem.
   */
  upstream?: Component[];
}

/** The cluster facts an action parameter can come from. */
export const ACTION_FACTS = ['affected-pool-nodes', 'anthos-cluster-name', 'anthos-cluster-namespace'] as const;
export type ActionFact = (typeof ACTION_FACTS)[number];

/**
 * Where one action parameter's value comes from: a `<placeholder>` of a signature, captured from the matched
 * line; a cluster fact; the person, in a modal field; or a fixed value.
 */
export type ActionParamSource = { from: 'evidence'; placeholder: string } | { from: 'fact'; fact: ActionFact } | { from: 'person' } | { from: 'value'; value: string };

export interface EntryAction {
  /** The id of an action in handlers/registry.ts. */
  id: string;
  params: Record<string, ActionParamSource>;
}

export interface CatalogueEntry {
  id: string;
  title: Localized;
  summary: Localized;
  product: Product;
  sources: Source[];
  /**
   * Error strings as the software prints them, in English. Variable parts are written as `<name>`
   * placeholders (`<ip-range>`, `<path>`, `<image>`, `<pod>`, `<digest>`, `<n>`, `<any>`): the matcher
   * lets a placeholder stand for up to a few hundred characters of anything.
   */
  signatures: string[];
  /** Words an engineer would use to describe the issue when there is no error string. */
  symptoms: LocalizedList;
  affects: Affects;
  /** Where the cause lives: component, runtime and scope (see EntryContext). */
  context: EntryContext;
  fixedIn?: FixedIn;
  remediation: RemediationStep[];
  /** The fix actions in handlers/ that carry out this entry's remediation, and where each parameter comes from. */
  actions: EntryAction[];
  /** Realistic inputs that must match this entry first. */
  examples: string[];
  /** Where the entry lives on disk, relative to the catalogue directory (set by the loader). */
  file: string;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  byId: Map<string, CatalogueEntry>;
  /** The directory the entries were loaded from. */
  dir: string;
}
