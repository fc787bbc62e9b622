import type { Condition } from '../catalogue/types.js';
import type { ClusterFacts, NodeFacts } from '../clusters/types.js';
import { describeCheck } from './describe-check.js';
import { judgePastCoverage } from './judge-past-coverage.js';
import { nodeOsFamilies } from './node-os-families.js';
import { nodeRuntime } from './node-runtime.js';
import type { Judgement } from './types.js';
import { noNode } from './no-node.js';
import { readClusterSetting } from './read-cluster-setting.js';
import { selfBareMetalCluster } from './self-bare-metal-cluster.js';
import { FACT_NAMES, readVersionFact } from './read-version-fact.js';
import { versionInRanges } from './version-in-ranges.js';

/** Whether a condition is about each node (decided per pool) or about the cluster as a whole. */
export function isNodeCondition(condition: Condition): boolean {
  switch (condition.fact) {
    case 'nodeOs':
    case 'containerRuntime':
    case 'containerdVersion':
    case 'kernelVersion':
    case 'windowsBuild':
      return true;
    case 'clusterProfile':
    case 'clusterType':
    case 'clusterSetting':
    case 'nodeSetting':
    case 'anthosBareMetalVersion':
      return false;
    case 'gkeVersion':
    case 'kubernetesVersion':
      return (condition.of ?? 'node') === 'node';
  }
}

/**
 * One condition against the cluster, and against `node` when it is a node condition. Missing facts give
 * `unknown` with what is missing; they are never filled in. `fixStated` says whether the entry names a fixed
 * version for the condition's fact, which decides how a version past the document's coverage is read.
 */
export function evaluateCondition(condition: Condition, facts: ClusterFacts, node?: NodeFacts, fixStated = false): Judgement {
  switch (condition.fact) {
    case 'nodeSetting':
      return {
        truth: 'true',
        reason: `not readable through the Kubernetes API: ${condition.description}`,
        check: describeCheck(condition.description, condition.check),
      };
    case 'clusterSetting':
      return readClusterSetting(condition.setting, condition.of ?? 'cluster', condition.check, facts);
    case 'clusterProfile': {
      const profile = facts.clusterProfile ?? selfBareMetalCluster(facts)?.profile;
      if (!profile) {
        return {
          truth: 'unknown',
          reason: `the cluster profile is not known (the issue needs ${condition.in.join(' or ')}): grant list on clusters.baremetal.cluster.gke.io, or check spec.profile with \`kubectl get clusters.baremetal.cluster.gke.io -A -o yaml\``,
        };
      }
      const hit = condition.in.includes(profile);
      return { truth: hit ? 'true' : 'false', reason: `cluster profile is ${profile}${hit ? '' : `, the issue needs ${condition.in.join(' or ')}`}` };
    }
    case 'clusterType': {
      const type = facts.clusterType ?? selfBareMetalCluster(facts)?.type;
      if (!type) {
        return { truth: 'unknown', reason: `the Anthos cluster type is not known (the issue is about ${condition.in.join(' or ')} clusters): check spec.type of its clusters.baremetal.cluster.gke.io resource` };
      }
      const hit = (condition.in as string[]).includes(type);
      return { truth: hit ? 'true' : 'false', reason: `is ${type === 'admin' ? 'an' : 'a'} ${type} cluster${hit ? '' : `, the issue is about ${condition.in.join(' or ')} clusters`}` };
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
      if (!runtime) return { truth: 'unknown', reason: 'the node reports no container runtime (status.nodeInfo.containerRuntimeVersion is empty)' };
      const hit = (condition.in as string[]).includes(runtime.runtime);
      return { truth: hit ? 'true' : 'false', reason: `runs ${runtime.source}${hit ? '' : `, not ${condition.in.join(' or ')}`}` };
    }
    default:
      return evaluateVersion(condition, facts, node, fixStated);
  }
}

function evaluateVersion(
  condition: Extract<Condition, { ranges: unknown }>,
  facts: ClusterFacts,
  node: NodeFacts | undefined,
  fixStated: boolean,
): Judgement {
  if (condition.ranges.length === 0) {
    return { truth: 'unknown', reason: `the document gives no ${FACT_NAMES[condition.fact]} range` };
  }
  const value = readVersionFact(condition.fact, condition.of ?? 'node', facts, node);
  if ('truth' in value) return value;
  const judgement = versionInRanges(value.version, condition.ranges, value.label);
  if (judgement.truth !== 'false' || !condition.coveredThrough || fixStated) return judgement;
  return judgePastCoverage(value.version, value.label, condition.ranges, condition.coveredThrough) ?? judgement;
}

