import type { Runtime } from '../catalogue/types.js';
import type { NodeFacts } from '../clusters/types.js';

const SCHEMES: Record<string, Runtime> = { containerd: 'containerd', docker: 'docker', 'cri-o': 'cri-o', crio: 'cri-o' };

/**
 * GKE names the node image's runtime in this label (`containerd` or `docker`), even when nodeInfo is empty.
 * Confirmed in seed 001 (the insecure-registry DaemonSet selects `cloud.google.com/gke-container-runtime:
 * "containerd"`) and in public `kubectl describe node` output of GKE nodes (`...=containerd`, `...=docker`).
 */
const GKE_RUNTIME_LABEL = 'cloud.google.com/gke-container-runtime';

/**
 * `containerd://1.6.6` → { runtime: 'containerd', version: '1.6.6' }; without containerRuntimeVersion, GKE's
 * runtime label gives the runtime with an empty version; undefined when the node reports neither.
 */
export function nodeRuntime(node: NodeFacts): { runtime: Runtime | string; version: string; source: string } | undefined {
  const text = node.containerRuntimeVersion?.trim();
  const match = text ? /^([a-z0-9.-]+):\/\/(.*)$/i.exec(text) : null;
  if (match) {
    const scheme = match[1]!.toLowerCase();
    return { runtime: SCHEMES[scheme] ?? scheme, version: match[2]!, source: text! };
  }
  const label = node.labels?.[GKE_RUNTIME_LABEL]?.trim().toLowerCase();
  if (label) return { runtime: SCHEMES[label] ?? label, version: '', source: `label ${GKE_RUNTIME_LABEL}=${label}` };
  return undefined;
}
