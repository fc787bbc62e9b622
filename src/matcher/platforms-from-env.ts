import { PRODUCTS } from '../catalogue/types.js';

/** Names `K8SFIX_PLATFORMS` accepts: the catalogue's products and the other platforms the matcher recognises. */
export const PLATFORM_NAMES = [...PRODUCTS, 'eks', 'aks', 'openshift', 'k3s', 'kind', 'minikube', 'kubeadm', 'rancher'] as const;

/**
 * `K8SFIX_PLATFORMS=gke,anthos-bare-metal`: the platforms this deployment serves. A platform-specific issue of
 * one of them counts as placed even when the paste does not say where it ran; the answer says it assumed so.
 * Undefined when unset; an unknown name is an error that lists the valid ones.
 */
export function platformsFromEnv(env: NodeJS.ProcessEnv): string[] | undefined {
  const raw = env.K8SFIX_PLATFORMS?.trim();
  if (!raw) return undefined;
  const { names, unknown } = readPlatformNames(raw);
  if (unknown.length > 0) {
    throw new Error(`K8SFIX_PLATFORMS has ${unknown.map((name) => `"${name.slice(0, 30)}"`).join(', ')}, which k8sfix does not know: use ${PLATFORM_NAMES.join(', ')}`);
  }
  return names;
}

/** A comma-separated list of platform names (`K8SFIX_PLATFORMS`, `--platform`): lower-cased, and those k8sfix does not know. */
export function readPlatformNames(raw: string): { names: string[]; unknown: string[] } {
  const names = raw.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  return { names, unknown: names.filter((name) => !(PLATFORM_NAMES as readonly string[]).includes(name)) };
}
