import { PRODUCT_NAMES, type CatalogueEntry } from '../catalogue/types.js';
import { nodesByPool } from '../clusters/group-node-pools.js';
import { inferPlatform } from '../clusters/infer-platform.js';
import type { ClusterFacts, NodeFacts } from '../clusters/types.js';
import { evaluateCondition, isNodeCondition } from './evaluate-condition.js';
import { judgeFixedIn } from './judge-fixed-in.js';
import { allOf, anyOf } from './truth-logic.js';
import type { ApplicabilityResult, Judgement, Truth, Verdict } from './types.js';

/** What `checkApplicability` reads from an entry; a whole `CatalogueEntry` fits. */
export type ApplicabilityEntry = Pick<CatalogueEntry, 'affects'> & Partial<Pick<CatalogueEntry, 'fixedIn'>>;

interface Check {
  /** Decided per node (and so per pool), or once for the cluster. */
  perNode: boolean;
  judge(node?: NodeFacts): Judgement;
}

const VERDICTS: Record<Truth, Verdict> = { true: 'affected', false: 'not-affected', unknown: 'unknown' };

/**
 * Does this known issue apply to this cluster? Products first (a GKE-only issue on EKS is not-affected), then
 * every condition (AND); node conditions are decided per pool, and the cluster is affected when any pool is.
 * Each reason names the fact that decided it and, for node facts, the pool.
 */
export function checkApplicability(entry: ApplicabilityEntry, facts: ClusterFacts): ApplicabilityResult {
  const { affects } = entry;
  const products = affects.products;
  if (products.length > 0 && !products.includes('containerd')) {
    const platform = inferPlatform(facts);
    const wanted = products.map((p) => PRODUCT_NAMES[p]).join(' or ');
    if (platform.kind === 'unknown') {
      return { verdict: 'unknown', reasons: [`the issue is about ${wanted}; cannot tell the platform: ${platform.reason}`] };
    }
    if (!platform.product || !products.includes(platform.product)) {
      return { verdict: 'not-affected', reasons: [`the issue is about ${wanted}; this cluster is ${platform.name} (${platform.reason})`] };
    }
  }

  const checks: Check[] = affects.conditions.map((condition) => ({
    perNode: isNodeCondition(condition),
    judge: (node) => evaluateCondition(condition, facts, node),
  }));
  const namesVersions = affects.conditions.some((c) => 'ranges' in c && c.ranges.length > 0);
  if (!affects.allVersions && !namesVersions) {
    const fixedIn = entry.fixedIn;
    if (fixedIn && fixedIn.versions.length > 0) {
      checks.push({
        perNode: fixedIn.versions.some((v) => v.fact !== 'anthosBareMetalVersion'),
        judge: (node) => judgeFixedIn(fixedIn, facts, node),
      });
    } else {
      checks.push({
        perNode: false,
        judge: () => ({
          truth: 'unknown',
          reason: `the document names no affected versions${affects.wording ? ` ("${affects.wording}")` : ''}, so k8sfix cannot tell whether this cluster has the fix`,
        }),
      });
    }
  }
  if (checks.length === 0) {
    return { verdict: 'affected', reasons: ['the document says every version is affected'] };
  }

  const clusterJudgements = checks.filter((c) => !c.perNode).map((c) => c.judge());
  const clusterTruth = allOf(clusterJudgements.map((j) => j.truth));
  if (clusterTruth === 'false') {
    return { verdict: 'not-affected', reasons: pick(clusterJudgements, 'false') };
  }
  const nodeChecks = checks.filter((c) => c.perNode);
  if (nodeChecks.length === 0) {
    return { verdict: VERDICTS[clusterTruth], reasons: pick(clusterJudgements, clusterTruth) };
  }

  if (facts.nodes.length === 0) {
    const noNodes = 'no nodes were reported, so node facts are unknown (grant list on nodes, see deploy/rbac-readonly.yaml)';
    return { verdict: 'unknown', reasons: [...pick(clusterJudgements, 'unknown'), noNodes] };
  }

  const poolResults = nodesByPool(facts.nodes).map((pool) => {
    const perNode = pool.nodes.map((node) => {
      const judgements = nodeChecks.map((c) => c.judge(node));
      const truth = allOf(judgements.map((j) => j.truth));
      return { node, truth, reason: pick(judgements, truth).join('; ') };
    });
    const truth = anyOf(perNode.map((n) => n.truth));
    const deciding = perNode.filter((n) => n.truth === truth);
    const reasons = [...new Set(deciding.map((n) => n.reason))];
    const share = deciding.length < perNode.length ? ` (${deciding.length} of ${perNode.length} nodes)` : '';
    return { name: pool.name, truth, reasons: reasons.map((r) => `pool ${pool.name}${share}: ${r}`) };
  });
  const nodeTruth = anyOf(poolResults.map((p) => p.truth));
  const truth = allOf([clusterTruth, nodeTruth]);
  const reasons = [
    ...pick(clusterJudgements, truth),
    ...poolResults.filter((p) => p.truth === truth).flatMap((p) => p.reasons),
  ];
  if (truth === 'unknown') {
    const clear = poolResults.filter((p) => p.truth === 'false').map((p) => p.name);
    if (clear.length > 0) reasons.push(`not affected: pool ${clear.join(', ')}`);
  }
  return { verdict: VERDICTS[truth], reasons };
}

function pick(judgements: Judgement[], truth: Truth): string[] {
  return [...new Set(judgements.filter((j) => j.truth === truth).map((j) => j.reason))];
}
