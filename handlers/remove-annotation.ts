import { ActionError } from '../src/actions/action-error.js';
import { makePlan, pointerSegment } from '../src/actions/kube-objects.js';
import { KIND_INFO, PATCHABLE_KINDS, type PatchableKind } from '../src/actions/object-api.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, oneOf } from '../src/actions/param-patterns.js';
import { executePatch, planPatch, readTarget } from '../src/actions/patch-change.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, ActionParams, Plan } from '../src/actions/types.js';

/** Only the annotations the documents say to remove; any other key is refused by the pattern. */
const ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'prometheus.io/scrape'] as const;

async function annotationPlan(ctx: ActionContext, action: string, params: ActionParams, restore?: string): Promise<Plan> {
  const kind = params.kind as PatchableKind;
  const { namespace, name, annotation } = params as Record<string, string>;
  const { object, target } = await readTarget(ctx, kind, namespace!, name!);
  const annotations = (object.metadata?.annotations ?? {}) as Record<string, string>;
  const path = `/metadata/annotations/${pointerSegment(annotation!)}`;
  const what = `${KIND_INFO[kind].kind} ${namespace}/${name}`;
  if (restore === undefined && !(annotation! in annotations)) throw new ActionError('refused', `${what} has no annotation ${annotation}: nothing to remove`);
  if (restore !== undefined && annotation! in annotations) throw new ActionError('refused', `${what} already has annotation ${annotation} again: nothing to restore`);
  const ops =
    restore === undefined
      ? [{ op: 'remove' as const, path }]
      : object.metadata?.annotations
        ? [{ op: 'add' as const, path, value: restore }]
        : [{ op: 'add' as const, path: '/metadata/annotations', value: { [annotation!]: restore } }];
  const before = annotations[annotation!];
  const change = await planPatch(ctx, kind, target, ops, [{ path, before: before ?? null, after: restore ?? null }]);
  return makePlan(
    {
      action,
      context: ctx.clients.context,
      params: { ...params },
      summary:
        restore === undefined
          ? { en: `remove annotation ${annotation} from ${what}`, ko: `${what}에서 주석 ${annotation} 제거` }
          : { en: `put annotation ${annotation} back on ${what}`, ko: `${what}에 주석 ${annotation} 복원` },
      targets: [target],
      changes: [change],
      blastRadius: { nodes: [], podsEvicted: [] },
      disruptive: false,
      ...(restore !== undefined ? { direction: 'undo' as const } : {}),
    },
    { before: before ?? null },
  );
}

/** Removes `kubectl.kubernetes.io/last-applied-configuration` or `prometheus.io/scrape` from one object. Undo puts it back. */
export const removeAnnotation: Action = {
  id: 'remove-annotation',
  title: { en: 'Remove an annotation', ko: '주석(annotation) 제거' },
  risk: 'low',
  params: [
    { name: 'kind', pattern: oneOf(PATCHABLE_KINDS), choices: PATCHABLE_KINDS, description: { en: 'kind of the object', ko: '오브젝트 종류' } },
    { name: 'namespace', pattern: DNS1123_LABEL, description: { en: 'namespace of the object', ko: '오브젝트의 네임스페이스' } },
    { name: 'name', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the object', ko: '오브젝트 이름' } },
    { name: 'annotation', pattern: oneOf(ANNOTATIONS), choices: ANNOTATIONS, description: { en: 'the annotation to remove', ko: '제거할 주석' } },
  ],
  plan(ctx, params) {
    return annotationPlan(ctx, this.id, params);
  },
  execute: (ctx, plan) => executePatch(ctx, plan.preview.params.kind as PatchableKind, plan.preview.changes[0]!),
  verify(ctx, plan) {
    const { kind, namespace, name, annotation } = plan.preview.params as Record<string, string>;
    const present = plan.preview.direction === 'undo';
    return pollUntil(ctx, async () => {
      const { object } = await readTarget(ctx, kind as PatchableKind, namespace!, name!);
      const has = annotation! in (object.metadata?.annotations ?? {});
      return has === present ? { ok: true, detail: `annotation ${annotation} is ${has ? 'back' : 'gone'}` } : { ok: false, detail: `annotation ${annotation} is ${has ? 'still there' : 'not back yet'}` };
    });
  },
  undo(ctx, executed) {
    const before = (executed.snapshot as { before: string | null } | undefined)?.before;
    if (typeof before !== 'string') throw new ActionError('refused', 'the plan kept no earlier value of the annotation to restore');
    return annotationPlan(ctx, this.id, executed.preview.params, before);
  },
};
