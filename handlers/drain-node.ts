import { ActionError } from '../src/actions/action-error.js';
import { apiStatusOf, callKube, toActionError } from '../src/actions/call-kube.js';
import { DRY_RUN, describeTarget, makePlan, preconditionsOf, serverAnswer, targetOf } from '../src/actions/kube-objects.js';
import { executeSchedulable, planSchedulable, schedulablePlan } from '../src/actions/node-schedulable.js';
import { DNS1123_SUBDOMAIN } from '../src/actions/param-patterns.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, Change, Target } from '../src/actions/types.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Eviction attempts per pod while a PodDisruptionBudget refuses (429); the pause doubles each time. */
const MAX_EVICTION_ATTEMPTS = 6;

function evictionBody(target: Target) {
  return { metadata: { name: target.name, namespace: target.namespace }, deleteOptions: { preconditions: preconditionsOf(target) } };
}

/** Pods a drain moves: not DaemonSet pods (their controller ignores cordons), not mirror pods, not finished ones. */
function podsToEvict(pods: Obj[], node: string): Obj[] {
  const moving = pods.filter((pod) => {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return false;
    return !pod.metadata?.ownerReferences?.some((ref: Obj) => ref.controller && ref.kind === 'DaemonSet');
  });
  const bare = moving.filter((pod) => !pod.metadata?.ownerReferences?.some((ref: Obj) => ref.controller));
  if (bare.length > 0) {
    const names = bare.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`).join(', ');
    throw new ActionError('refused', `node ${node} runs pods no controller owns (${names}): evicting them would lose them, and k8sfix never forces; move them first`);
  }
  return moving;
}

/**
 * Cordons a node, then evicts its pods through the Eviction API, so PodDisruptionBudgets hold: a 429 is noted
 * and retried with back-off, never forced. Undo uncordons the node.
 */
export const drainNode: Action = {
  id: 'drain-node',
  title: { en: 'Drain a node', ko: '노드 드레인(drain)' },
  risk: 'high',
  params: [{ name: 'node', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the node', ko: '노드 이름' } }],

  async plan(ctx, params) {
    const node = params.node!;
    const { change: cordon } = await planSchedulable(ctx, node, true);
    const list = await callKube(`list pods on node ${node}`, () => ctx.clients.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` }));
    const pods = podsToEvict(list.items as Obj[], node);
    const evictions: Change[] = [];
    for (const pod of pods) {
      const target = targetOf(pod, 'v1', 'Pod');
      let dryRun: unknown;
      try {
        dryRun = serverAnswer(
          await ctx.clients.core.createNamespacedPodEviction({ name: target.name, namespace: target.namespace!, dryRun: DRY_RUN, body: evictionBody(target) }),
        );
      } catch (error) {
        // A budget that refuses now is part of what the approver should see, not a reason to refuse the plan.
        if (apiStatusOf(error) !== 429) throw toActionError(`dry-run eviction of ${describeTarget(target)}`, error);
        dryRun = { refusedNow: 'a PodDisruptionBudget allows no disruption at the moment; execute retries with back-off' };
      }
      evictions.push({ kind: 'evict', target, dryRun });
    }
    const targets = [cordon.kind === 'patch' ? cordon.target : undefined, ...evictions.map((e) => (e.kind === 'evict' ? e.target : undefined))].filter(
      (t): t is Target => t !== undefined,
    );
    return makePlan({
      action: this.id,
      context: ctx.clients.context,
      params: { node },
      summary: {
        en: `cordon node ${node} and evict its ${evictions.length} pods through the Eviction API (PodDisruptionBudgets hold; DaemonSet pods stay)`,
        ko: `노드 ${node} 차단 후 포드 ${evictions.length}개를 Eviction API로 축출 (PodDisruptionBudget 준수, DaemonSet 포드는 유지)`,
      },
      targets,
      changes: [cordon, ...evictions],
      blastRadius: { nodes: [node], podsEvicted: evictions.map((e) => (e.kind === 'evict' ? `${e.target.namespace}/${e.target.name}` : '')) },
      disruptive: true,
    });
  },

  async execute(ctx, plan) {
    const [cordon, ...evictions] = plan.preview.changes;
    const result = await executeSchedulable(ctx, cordon!);
    for (const change of evictions) {
      if (change.kind !== 'evict') continue;
      await evict(ctx, change.target, result.sent, result.notes);
    }
    return result;
  },

  async verify(ctx, plan) {
    const node = plan.preview.params.node!;
    const evicted = plan.preview.changes.flatMap((c) => (c.kind === 'evict' ? [c.target.uid] : []));
    return pollUntil(ctx, async () => {
      const list = await ctx.clients.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
      const left = list.items.filter((pod) => evicted.includes(pod.metadata?.uid ?? ''));
      return left.length === 0
        ? { ok: true, detail: `node ${node} is cordoned and its ${evicted.length} pods were evicted` }
        : { ok: false, detail: `${left.length} pods still on node ${node}: ${left.map((p) => p.metadata?.name).join(', ')}` };
    });
  },

  undo: (ctx, executed) => schedulablePlan(ctx, 'drain-node', executed.preview.params.node!, false, 'undo'),
};

/** One eviction, retried with doubling pauses while a PodDisruptionBudget answers 429. */
async function evict(ctx: ActionContext, target: Target, sent: string[], notes: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.clients.core.createNamespacedPodEviction({ name: target.name, namespace: target.namespace!, body: evictionBody(target) });
      sent.push(`POST ${describeTarget(target)}/eviction (uid ${target.uid})`);
      return;
    } catch (error) {
      if (apiStatusOf(error) !== 429) throw toActionError(`evict ${describeTarget(target)}`, error);
      notes.push(`eviction of ${describeTarget(target)} refused by a PodDisruptionBudget (429), attempt ${attempt} of ${MAX_EVICTION_ATTEMPTS}`);
      if (attempt >= MAX_EVICTION_ATTEMPTS) {
        throw new ActionError(
          'refused',
          `eviction of ${describeTarget(target)} was refused by its PodDisruptionBudget ${attempt} times; the node stays cordoned and k8sfix does not force it: ` +
            'wait for the budget to allow a disruption, then propose the drain again',
        );
      }
      await ctx.sleep(ctx.pollMs * 2 ** (attempt - 1));
    }
  }
}
