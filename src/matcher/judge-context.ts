import { PRODUCTS, type CatalogueEntry, type Component, type Product } from '../catalogue/types.js';
import type { PasteContext } from './paste-context.js';

/** What the paste's context says about one entry whose error text it shows. */
export interface ContextVerdict {
  /** Set when the context contradicts the entry: another tool, runtime or platform printed the error. Not reported. */
  contradicted?: string;
  /** True when the paste (or the deployment's platforms) names where the entry's cause lives. */
  corroborated: boolean;
  /** What the answer took from outside the paste (the platforms this deployment serves). */
  assumed?: string;
  /** For an upstream cause: the other platform the paste (or the deployment) is on; platform-specific steps are marked. */
  otherPlatform?: string;
  /** Added to the score: the deployment's platforms lower the prior of a platform issue they do not serve. */
  prior: number;
}

/** Components only a catalogue platform has: naming one places the paste on that platform. */
const PLATFORM_COMPONENTS = new Set<Component>([
  'anetd', 'netd', 'bmctl', 'anthos-cluster-operator', 'stackdriver-log-forwarder', 'gke-metrics-agent', 'network-gateway', 'vm-runtime',
]);
/** Components every node has; naming one says nothing about where an upstream cause lives. */
const UBIQUITOUS = new Set<Component>(['kubelet', 'cni', 'sudo', 'systemd', 'kube-proxy']);

/**
 * The entry's components that are not the platform's own: software any cluster runs (the kernel, kubelet, kubeadm,
 * containerd, cert-manager...). When it prints the entry's error, the message alone does not say the platform.
 */
export function componentsOutsideThePlatform(entry: CatalogueEntry): Component[] {
  return entry.context.component.filter((c) => !PLATFORM_COMPONENTS.has(c));
}

/** True when the paste's words place it, even loosely, on the entry's product (its vocabulary: admin cluster, crictl...). */
export function pastePlaces(entry: CatalogueEntry, paste: PasteContext): boolean {
  return paste.placed.has(entry.product) || entry.affects.products.some((p) => paste.placed.has(p));
}

export const PRODUCT_LABEL: Record<Product, string> = { gke: 'GKE', 'anthos-bare-metal': 'Anthos clusters on bare metal', nks: 'NKS', containerd: 'containerd' };

/**
 * Decides, from the paste's context and the deployment's platforms, whether an entry whose error the paste shows
 * can be its answer. The rules are about classes (a container engine outside Kubernetes, the Docker runtime for a
 * containerd cause, another platform for a platform cause, the upstream project for a platform component, a client
 * program), and read the entry's own `context` data; nothing here names an entry.
 */
export function judgeContext(
  entry: CatalogueEntry,
  paste: PasteContext,
  platforms?: readonly string[],
  platformsFrom: 'deployment' | 'clusters' = 'deployment',
): ContextVerdict {
  const { component, runtime, scope, upstream } = entry.context;
  const label = PRODUCT_LABEL[entry.product];
  const namesProduct = paste.products.has(entry.product);
  const usesDocker = component.includes('docker');

  if (paste.engine && !paste.mentionsContainerd && !paste.nodeSide) {
    return contradicted(`${paste.engine} printed it, a container engine outside Kubernetes`);
  }
  if (runtime === 'containerd' && !usesDocker && !paste.mentionsContainerd) {
    const other = paste.runtimes.has('docker') ? 'docker' : paste.runtimes.has('cri-o') ? 'cri-o' : undefined;
    if (other) return contradicted(`the paste shows the ${other === 'docker' ? 'Docker' : 'CRI-O'} runtime ("${paste.runtimes.get(other)}"), and this issue needs containerd`);
  }
  if (runtime === 'docker' && paste.runtimes.has('containerd') && !paste.runtimes.has('docker')) {
    return contradicted(`the paste shows the containerd runtime ("${paste.runtimes.get('containerd')}"), and this issue needs Docker Engine`);
  }
  if (scope === 'platform' && paste.otherPlatform && !namesProduct) {
    return contradicted(`the paste is from ${paste.otherPlatform}, and this issue is specific to ${label}`);
  }
  const own = component.filter((c) => PLATFORM_COMPONENTS.has(c));
  // kubeadm run by hand is a self-managed cluster; the platforms that use kubeadm inside say so through their own
  // components (bmctl) or name, and an issue that lives in their kubeadm step lists it.
  if (scope === 'platform' && paste.components.has('kubeadm') && !component.includes('kubeadm') && !namesProduct && !own.some((c) => paste.components.has(c))) {
    return contradicted(`the paste is from a cluster set up with kubeadm, and this issue is specific to ${label}`);
  }
  if (upstream?.some((u) => paste.components.has(u)) && !own.some((c) => paste.components.has(c)) && !namesProduct) {
    const project = upstream.find((u) => paste.components.has(u))!;
    return contradicted(`${project} itself printed it, not ${label}'s ${own[0] ?? component[0]}`);
  }
  if (paste.clientTool && !paste.nodeSide && !component.some((c) => c === paste.clientTool || c === paste.clientComponent)) {
    return contradicted(`${paste.clientTool} printed it, not ${component[0]}`);
  }

  const served = platforms?.filter((p) => p.trim() !== '').map((p) => p.trim().toLowerCase());
  const servesProduct = served?.some((p) => p === entry.product || entry.affects.products.includes(p as Product));
  const servedLabel = served?.map((p) => ((PRODUCTS as readonly string[]).includes(p) ? PRODUCT_LABEL[p as Product] : p)).join(', ');
  const source = platformsFrom === 'clusters' ? 'the connected clusters run' : 'this deployment serves';
  let corroborated: boolean;
  let assumed: string | undefined;
  let prior = 0;
  let otherPlatform: string | undefined;
  if (scope === 'platform') {
    corroborated = namesProduct || own.some((c) => paste.components.has(c));
    if (!corroborated && served) {
      if (servesProduct) {
        corroborated = true;
        assumed = `${source} ${servedLabel}`;
      } else {
        prior = -0.1;
        assumed = `${source} ${servedLabel}, not ${label}`;
      }
    }
  } else {
    const runtimeShown = runtime !== 'any' && (paste.runtimes.has(runtime) || (runtime === 'containerd' && paste.mentionsContainerd));
    const componentShown = component.some((c) => !UBIQUITOUS.has(c) && !(c === 'docker' && runtime === 'containerd') && paste.components.has(c));
    corroborated = namesProduct || entry.affects.products.some((p) => paste.products.has(p)) || runtimeShown || componentShown;
    if (paste.otherPlatform && !namesProduct) otherPlatform = paste.otherPlatform;
    else if (!namesProduct && served && !servesProduct) otherPlatform = servedLabel;
  }
  // A paste that tells its setting in sentences and never names containerd is not about a containerd cause: only a
  // bare line or a log leaves that open.
  const placed = pastePlaces(entry, paste) || paste.runtimes.has('containerd');
  if (!corroborated && !placed && !usesDocker && paste.substantial && !assumed && scope === 'upstream' && runtime === 'containerd') {
    return contradicted('the paste says where it comes from and never names containerd');
  }
  return { corroborated, assumed, otherPlatform, prior };
}

function contradicted(reason: string): ContextVerdict {
  return { contradicted: reason, corroborated: false, prior: 0 };
}
