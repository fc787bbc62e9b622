import type { Condition } from '../catalogue/types.js';
import type { ClusterFacts, NodeFacts } from '../clusters/types.js';
import { nodeOsFamilies } from './node-os-families.js';
import { nodeRuntime } from './node-runtime.js';
import type { Judgement } from './types.js';
import { noNode } from './no-node.js';
import { FACT_NAMES, readVersionFact } from './read-version-fact.js';
import { versionInRanges } from './version-in-ranges.js';

/** Whether a condition is about each node (decided per pool) or about the cluster as a whole. */
export function isNodeCondition(condition: Condition): boolean {
  switch (condition.fact) {
    case 'nodeOs':
    case 'containerRuntime':
      return true;
    case 'clusterProfile':
    case 'nodeSetting':
    case 'anthosBareMetalVersion':
      return false;
    case 'containerdVersion':
    case 'kernelVersion':
    case 'windowsBuild':
      return true;
    case 'gkeVersion':
    case 'kubernetesVersion':
      return (condition.of ?? 'node') === 'node';
  }
}

/**
 * One condition against the cluster, and against `node` when it is a node condition. Missing facts give
 * `unknown` with what is missing; they are never filled in.
 */
export function evaluateCondition(condition: Condition, facts: ClusterFacts, node?: NodeFacts): Judgement {
  switch (condition.fact) {
    case 'nodeSetting':
      return {
        truth: 'unknown',
        reason: `k8sfix cannot read "${condition.description}" through the Kubernetes API: check it on the nodes`,
      };
    case 'clusterProfile': {
      const profile = facts.clusterProfile;
      if (!profile) return { truth: 'unknown', reason: 'the cluster profile is not known (no Anthos bare-metal Cluster resource readable)' };
      const hit = condition.in.includes(profile);
      return { truth: hit ? 'true' : 'false', reason: `cluster profile is ${profile}${hit ? '' : `, the issue needs ${condition.in.join(' or ')}`}` };
    }
    case 'nodeOs': {
      if (!node) return noNode();
      const os = nodeOsFamilies(node);
      if (!os) return { truth: 'unknown', reason: 'the node reports no operating system' };
      const name = node.osImage || [...os.families].join('/');
      if (condition.in.some((want) => os.families.has(want))) return { truth: 'true', reason: `runs ${name}` };
      const wantsDistro = condition.in.some((want) => want !== 'linux' && want !== 'windows');
      if (wantsDistro && os.families.has('linux') && !os.distroKnown) {
        return { truth: 'unknown', reason: `cannot tell whether ${name} is ${condition.in.join(' or ')}` };
      }
      return { truth: 'false', reason: `runs ${name}, not ${condition.in.join(' or ')}` };
    }
    case 'containerRuntime': {
      if (!node) return noNode();
      const runtime = nodeRuntime(node);
      if (!runtime) return { truth: 'unknown', reason: 'the node reports no container runtime' };
      const hit = (condition.in as string[]).includes(runtime.runtime);
      return {
        truth: hit ? 'true' : 'false',
        reason: `runs ${node.containerRuntimeVersion}${hit ? '' : `, not ${condition.in.join(' or ')}`}`,
      };
    }
    default:
      return evaluateVersion(condition, facts, node);
  }
}

function evaluateVersion(
  condition: Extract<Condition, { ranges: unknown }>,
  facts: ClusterFacts,
  node: NodeFacts | undefined,
): Judgement {
  if (condition.ranges.length === 0) {
    return { truth: 'unknown', reason: `the document gives no ${FACT_NAMES[condition.fact]} range` };
  }
  const value = readVersionFact(condition.fact, condition.of ?? 'node', facts, node);
  if ('truth' in value) return value;
  return versionInRanges(value.version, condition.ranges, value.label);
}
