import { callKube } from './call-kube.js';
import { describeTarget, serverAnswer, targetOf, testOpsFor } from './kube-objects.js';
import { KIND_INFO, patchObject, readObject, type PatchableKind } from './object-api.js';
import type { ActionContext, Change, ExecuteResult, JsonPatchOp, Target } from './types.js';

/** Reads a patchable object and returns it with its target (what the preconditions pin). */
export async function readTarget(ctx: ActionContext, kind: PatchableKind, namespace: string, name: string) {
  const info = KIND_INFO[kind];
  const object = await callKube(`read ${info.kind} ${namespace}/${name}`, () => readObject(ctx.clients, kind, namespace, name));
  return { object, target: targetOf(object, info.apiVersion, info.kind) };
}

/** The patch (uid and resourceVersion tests first), dry-run by the server, as a change of the preview. */
export async function planPatch(
  ctx: ActionContext,
  kind: PatchableKind,
  target: Target,
  ops: JsonPatchOp[],
  diff: { path: string; before: unknown; after: unknown }[],
): Promise<Change> {
  const patch = [...testOpsFor(target), ...ops];
  const dry = await callKube(`dry-run patch of ${describeTarget(target)}`, () =>
    patchObject(ctx.clients, kind, target.namespace ?? '', target.name, patch, true),
  );
  return { kind: 'patch', target, patch, diff, dryRun: serverAnswer(dry) };
}

/** Sends a planned patch exactly as previewed; the test ops make the server refuse it if the object changed. */
export async function executePatch(ctx: ActionContext, kind: PatchableKind, change: Change): Promise<ExecuteResult> {
  if (change.kind !== 'patch') throw new Error(`expected a patch change, got ${change.kind}`);
  const { target, patch } = change;
  await callKube(`patch ${describeTarget(target)}`, () => patchObject(ctx.clients, kind, target.namespace ?? '', target.name, patch, false));
  return { sent: [`PATCH ${describeTarget(target)} (${patch.filter((op) => op.op !== 'test').map((op) => `${op.op} ${op.path}`).join(', ')})`], notes: [] };
}
