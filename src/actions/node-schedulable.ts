import { ActionError } from './action-error.js';
import { callKube } from './call-kube.js';
import { DRY_RUN, JSON_PATCH, describeTarget, makePlan, serverAnswer, targetOf, testOpsFor } from './kube-objects.js';
import { pollUntil } from './poll-until.js';
import type { ActionContext, Change, ExecuteResult, Plan, VerifyResult } from './types.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Reads a node and the JSON patch that sets spec.unschedulable, dry-run by the server. */
export async function planSchedulable(ctx: ActionContext, node: string, unschedulable: boolean): Promise<{ node: Obj; change: Change }> {
  const object = (await callKube(`read node ${node}`, () => ctx.clients.core.readNode({ name: node }))) as Obj;
  const before = object.spec?.unschedulable === true;
  if (before === unschedulable) {
    throw new ActionError('refused', `node ${node} is already ${unschedulable ? 'cordoned' : 'schedulable'}: nothing to change`);
  }
  const target = targetOf(object, 'v1', 'Node');
  const patch = [
    ...testOpsFor(target),
    object.spec ? { op: 'add' as const, path: '/spec/unschedulable', value: unschedulable } : { op: 'add' as const, path: '/spec', value: { unschedulable } },
  ];
  const dry = await callKube(`dry-run patch of node ${node}`, () => ctx.clients.core.patchNode({ name: node, body: patch, dryRun: DRY_RUN }, JSON_PATCH));
  return {
    node: object,
    change: { kind: 'patch', target, patch, diff: [{ path: '/spec/unschedulable', before, after: unschedulable }], dryRun: serverAnswer(dry) },
  };
}

export async function executeSchedulable(ctx: ActionContext, change: Change): Promise<ExecuteResult> {
  if (change.kind !== 'patch') throw new Error('a cordon or uncordon is a patch');
  await callKube(`patch ${describeTarget(change.target)}`, () => ctx.clients.core.patchNode({ name: change.target.name, body: change.patch }, JSON_PATCH));
  const after = change.diff[0]?.after === true;
  return { sent: [`PATCH ${describeTarget(change.target)} (spec.unschedulable=${after})`], notes: [] };
}

export function verifySchedulable(ctx: ActionContext, node: string, unschedulable: boolean): Promise<VerifyResult> {
  return pollUntil(ctx, async () => {
    const object = (await ctx.clients.core.readNode({ name: node })) as Obj;
    const now = object.spec?.unschedulable === true;
    return now === unschedulable
      ? { ok: true, detail: `node ${node} is ${unschedulable ? 'cordoned' : 'schedulable again'}` }
      : { ok: false, detail: `node ${node} is ${now ? 'still cordoned' : 'not cordoned'}` };
  });
}

/** The plan for setting a node's schedulability, for cordon-node, uncordon-node and their undo. */
export async function schedulablePlan(ctx: ActionContext, action: string, node: string, unschedulable: boolean, direction?: 'undo'): Promise<Plan> {
  const { change } = await planSchedulable(ctx, node, unschedulable);
  return makePlan({
    action,
    context: ctx.clients.context,
    params: { node },
    summary: unschedulable
      ? { en: `cordon node ${node}: no new pods are scheduled there; running pods stay`, ko: `노드 ${node} 차단(cordon): 새 포드 배치 중지, 실행 중인 포드는 유지` }
      : { en: `uncordon node ${node}: pods may be scheduled there again`, ko: `노드 ${node} 차단 해제(uncordon): 포드 배치 재개` },
    targets: change.kind === 'patch' ? [change.target] : [],
    changes: [change],
    blastRadius: { nodes: [node], podsEvicted: [] },
    disruptive: false,
    ...(direction ? { direction } : {}),
  });
}
