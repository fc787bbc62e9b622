import type { NodeOs } from '../catalogue/types.js';
import type { NodeFacts } from '../clusters/types.js';

const DISTROS: [NodeOs, RegExp][] = [
  ['cos', /container-optimized os|\bcos\b/i],
  ['ubuntu', /ubuntu/i],
  ['rhel', /red hat enterprise linux|\brhel\b/i],
  ['centos', /centos/i],
];

/**
 * The operating systems a node counts as: `windows`, or `linux` plus its distribution read from `osImage` and
 * the `cloud.google.com/gke-os-distribution` label. `distroKnown` is false when a Linux node's image says
 * nothing k8sfix recognises, so a condition about a distribution stays unknown rather than false.
 */
export function nodeOsFamilies(node: NodeFacts): { families: Set<NodeOs>; distroKnown: boolean } | undefined {
  const os = (node.operatingSystem ?? '').toLowerCase();
  const image = node.osImage ?? '';
  const distribution = node.labels?.['cloud.google.com/gke-os-distribution'] ?? '';
  if (os === 'windows' || /^windows/i.test(image) || distribution.startsWith('windows')) {
    return { families: new Set(['windows']), distroKnown: true };
  }
  if (os !== 'linux' && !image) return undefined;
  const families = new Set<NodeOs>(['linux']);
  for (const [name, pattern] of DISTROS) if (pattern.test(image) || pattern.test(distribution)) families.add(name);
  return { families, distroKnown: families.size > 1 };
}
