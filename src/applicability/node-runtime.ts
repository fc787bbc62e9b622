import type { Runtime } from '../catalogue/types.js';
import type { NodeFacts } from '../clusters/types.js';

const SCHEMES: Record<string, Runtime> = { containerd: 'containerd', docker: 'docker', 'cri-o': 'cri-o', crio: 'cri-o' };

/** `containerd://1.6.6` → { runtime: 'containerd', version: '1.6.6' }; undefined when the node reports none. */
export function nodeRuntime(node: NodeFacts): { runtime: Runtime | string; version: string } | undefined {
  const text = node.containerRuntimeVersion?.trim();
  if (!text) return undefined;
  const match = /^([a-z0-9.-]+):\/\/(.*)$/i.exec(text);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  return { runtime: SCHEMES[scheme] ?? scheme, version: match[2]! };
}
