import { PRODUCT_NAMES, type CatalogueEntry, type Condition } from '../catalogue/types.js';
import { nodesByPool } from '../clusters/group-node-pools.js';
import { inferPlatform } from '../clusters/infer-platform.js';
import type { ClusterFacts, NodeFacts } from '../clusters/types.js';
import { evaluateCondition, isNodeCondition } from './evaluate-condition.js';
import { judgeFixedIn } from './judge-fixed-in.js';
import { allOf, anyOf } from './truth-logic.js';
import type { ApplicabilityResult, Judgement, Truth, Verdict } from './types.js';

/** What `checkApplicability` reads from an entry; a whole `CatalogueEntry` fits. */
export type ApplicabilityEntry = Pick<CatalogueEntry, 'affects'> & Partial<Pick<CatalogueEntry, 'fixedIn' | 'sources'>>;

interface Check {
  /** Decided per node (and so per pool), or once for the cluster. */
  perNode: boolean;
  judge(node?: NodeFacts): Judgement;
}

const VERDICTS: Record<Truth, Verdict> = { true: 'affected', false: 'not-affected', unknown: 'unknown' };

/**
 * Does this known issue apply to this cluster? The platform first (a GKE-only issue on EKS is not-affected),
 * then every condition (AND). Node conditions are decided per pool and the cluster is affected when any pool
 * is. Conditions k8sfix cannot read never decide: they come back as `checks`. See `Verdict` for what each
 * verdict means; every reason names the fact that decided it and, for node facts, the pool.
 */
export function checkApplicability(entry: ApplicabilityEntry, facts: ClusterFacts): ApplicabilityResult {
  const { affects } = entry;
  const products = affects.products;
  let platformReason: string | undefined;
  if (products.length > 0 && !products.includes('containerd') && !affects.anyPlatform) {
    const platform = inferPlatform(facts);
    const wanted = products.map((p) => PRODUCT_NAMES[p]).join(' or ');
    if (platform.kind === 'unknown') {
      return result('unknown', [`the issue is about ${wanted}; cannot tell the platform: ${platform.reason}`]);
    }
    if (!platform.product || !products.includes(platform.product)) {
      return result('not-affected', [`the issue is about ${wanted}; this cluster is ${platform.name} (${platform.reason})`]);
    }
    platformReason = `this cluster is ${platform.name} (${platform.reason})`;
  }

  const fixFacts = new Set(entry.fixedIn?.versions.map((v) => v.fact) ?? []);
  const checks: Check[] = affects.conditions.map((condition: Condition) => ({
    perNode: isNodeCondition(condition),
    judge: (node) => evaluateCondition(condition, facts, node, fixFacts.has(condition.fact as never)),
  }));
  const namesVersions = affects.conditions.some((c) => 'ranges' in c && c.ranges.length > 0);
  if (!affects.allVersions && !namesVersions) {
    const versionCheck = versionCheckWithoutRanges(entry, facts);
    if (versionCheck) checks.push(versionCheck);
  }
  if (checks.length === 0) {
    return result('affected', [platformReason ? `${platformReason}; the document says every version is affected` : 'the document says every version is affected']);
  }

  const clusterJudgements = checks.filter((c) => !c.perNode).map((c) => c.judge());
  const clusterTruth = allOf(clusterJudgements.map((j) => j.truth));
  const hand = handChecks(clusterJudgements);
  if (clusterTruth === 'false') return result('not-affected', pick(clusterJudgements, 'false'));
  const nodeChecks = checks.filter((c) => c.perNode);
  if (nodeChecks.length === 0) {
    return result(VERDICTS[clusterTruth], withPlatform(pick(clusterJudgements, clusterTruth), clusterTruth, platformReason), hand);
  }

  if (facts.nodes.length === 0) {
    const noNodes = 'no nodes were reported, so node facts are unknown: grant list on nodes (see deploy/rbac-readonly.yaml), or pass the nodes (`kubectl get nodes -o wide`)';
    return result('unknown', [...pick(clusterJudgements, 'unknown'), noNodes], hand);
  }

  const poolResults = nodesByPool(facts.nodes).map((pool) => {
    const perNode = pool.nodes.map((node) => {
      const judgements = nodeChecks.map((c) => c.judge(node));
      const truth = allOf(judgements.map((j) => j.truth));
      return { truth, reason: pick(judgements, truth).join('; ') };
    });
    const truth = anyOf(perNode.map((n) => n.truth));
    const deciding = perNode.filter((n) => n.truth === truth);
    const reasons = [...new Set(deciding.map((n) => n.reason))];
    const share = deciding.length < perNode.length ? ` (${deciding.length} of ${perNode.length} nodes)` : '';
    return { name: pool.name, truth, reasons: reasons.map((r) => `pool ${pool.name}${share}: ${r}`) };
  });
  const nodeTruth = anyOf(poolResults.map((p) => p.truth));
  const truth = allOf([clusterTruth, nodeTruth]);
  const deciding = nodeTruth === truth ? poolResults.filter((p) => p.truth === truth) : [];
  const reasons = [...pick(clusterJudgements, truth), ...deciding.flatMap((p) => p.reasons)];
  if (truth === 'unknown') {
    const clear = poolResults.filter((p) => p.truth === 'false').map((p) => p.name);
    if (clear.length > 0) reasons.push(`not affected: pool ${clear.join(', ')}`);
  }
  return result(VERDICTS[truth], reasons, truth === 'false' ? [] : hand, deciding.map((p) => p.name));
}

/**
 * What the versions say when the document names no affected range: fixed versions are compared; a lost
 * version line is unknown; a behaviour note with no version (containerd has no /etc/mtab symlink) is
 * decided by its other conditions alone, so no check is added.
 */
function versionCheckWithoutRanges(entry: ApplicabilityEntry, facts: ClusterFacts): Check | undefined {
  const { affects, fixedIn } = entry;
  const url = entry.sources?.[0]?.url;
  const lost = `the saved document lost this issue's version line, so k8sfix cannot tell which versions are affected: check the issue's versions${url ? ` at ${url}` : ' in the source document'}`;
  if (fixedIn && fixedIn.versions.length > 0) {
    const missing = affects.versionsLost ? lost : 'the document names no affected versions, only fixed ones';
    return {
      perNode: fixedIn.versions.some((v) => v.fact !== 'anthosBareMetalVersion'),
      judge: (node) => judgeFixedIn(fixedIn, facts, node, missing),
    };
  }
  if (affects.versionsLost) return { perNode: false, judge: () => ({ truth: 'unknown', reason: lost }) };
  return undefined;
}

/** The platform is named when it is the only fact that decided (an affected answer with no other reason). */
function withPlatform(reasons: string[], truth: Truth, platformReason: string | undefined): string[] {
  return truth === 'true' && platformReason && reasons.length === 0 ? [platformReason] : reasons;
}

function handChecks(judgements: Judgement[]): string[] {
  return [...new Set(judgements.filter((j) => j.check).map((j) => j.check!))];
}

function pick(judgements: Judgement[], truth: Truth): string[] {
  return [...new Set(judgements.filter((j) => j.truth === truth && !j.check).map((j) => j.reason))];
}

function result(verdict: Verdict, reasons: string[], checks: string[] = [], pools: string[] = []): ApplicabilityResult {
  const shown = verdict === 'affected' ? [...reasons, ...checks.map((c) => `check by hand: ${c}`)] : reasons;
  if (shown.length === 0) shown.push(verdict === 'affected' ? 'every condition k8sfix can read holds' : 'no deciding fact');
  return { verdict, reasons: shown, checks: verdict === 'not-affected' ? [] : checks, pools };
}
