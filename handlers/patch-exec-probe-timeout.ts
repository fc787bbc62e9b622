import { ActionError } from '../src/actions/action-error.js';
import { makePlan } from '../src/actions/kube-objects.js';
import { KIND_INFO, type WorkloadKind } from '../src/actions/object-api.js';
import { PROBE_SECONDS, oneOf } from '../src/actions/param-patterns.js';
import { executePatch, planPatch, readTarget } from '../src/actions/patch-change.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, ActionParams, Plan } from '../src/actions/types.js';
import { WORKLOAD_CONTAINER_PARAMS } from '../src/actions/workload-container-params.js';

const PROBES = ['liveness', 'readiness', 'startup'] as const;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Plans setting (or, for undo, restoring) one exec probe's timeoutSeconds; `to` undefined removes the field. */
async function probePlan(ctx: ActionContext, action: string, params: ActionParams, to: number | undefined, direction?: 'undo'): Promise<Plan> {
  const kind = params.kind as WorkloadKind;
  const { namespace, name, container, probe } = params as Record<string, string>;
  const { object, target } = await readTarget(ctx, kind, namespace!, name!);
  const containers: Obj[] = object.spec?.template?.spec?.containers ?? [];
  const index = containers.findIndex((c) => c.name === container);
  if (index < 0) throw new ActionError('refused', `${KIND_INFO[kind].kind} ${namespace}/${name} has no container "${container}" (it has ${containers.map((c) => c.name).join(', ')})`);
  const field = `${probe}Probe`;
  const current = containers[index]![field] as Obj | undefined;
  if (!current?.exec) throw new ActionError('refused', `container ${container} of ${KIND_INFO[kind].kind} ${namespace}/${name} has no exec ${probe} probe; this action changes only exec probes`);
  const before = current.timeoutSeconds as number | undefined;
  if (before === to) throw new ActionError('refused', `the ${probe} probe's timeoutSeconds is already ${to ?? 'unset'}: nothing to change`);
  const path = `/spec/template/spec/containers/${index}/${field}/timeoutSeconds`;
  const ops = [
    { op: 'test' as const, path: `/spec/template/spec/containers/${index}/name`, value: container },
    to === undefined ? { op: 'remove' as const, path } : { op: before === undefined ? ('add' as const) : ('replace' as const), path, value: to },
  ];
  const change = await planPatch(ctx, kind, target, ops, [{ path, before: before ?? null, after: to ?? null }]);
  return makePlan(
    {
      action,
      context: ctx.clients.context,
      params: { ...params },
      summary: {
        en: `set timeoutSeconds of the exec ${probe} probe of container ${container} in ${KIND_INFO[kind].kind} ${namespace}/${name} from ${before ?? 'unset (1)'} to ${to ?? 'unset (1)'}; its pods roll`,
        ko: `${KIND_INFO[kind].kind} ${namespace}/${name}의 컨테이너 ${container} exec ${probe} 프로브 timeoutSeconds를 ${before ?? '미설정(1)'}에서 ${to ?? '미설정(1)'}(으)로 변경, 포드가 순차 교체됨`,
      },
      targets: [target],
      changes: [change],
      blastRadius: { nodes: [], podsEvicted: [] },
      disruptive: true,
      ...(direction ? { direction } : {}),
    },
    { before: before ?? null },
  );
}

/**
 * Sets an exec probe's timeoutSeconds: on containerd the timeout is enforced, so a probe that used to run
 * longer now fails (the document's remediation). Undo puts the old value back.
 */
export const patchExecProbeTimeout: Action = {
  id: 'patch-exec-probe-timeout',
  title: { en: "Change an exec probe's timeoutSeconds", ko: 'exec 프로브의 timeoutSeconds 변경' },
  risk: 'medium',
  params: [
    ...WORKLOAD_CONTAINER_PARAMS,
    { name: 'probe', pattern: oneOf(PROBES), choices: PROBES, description: { en: 'liveness, readiness or startup', ko: 'liveness, readiness 또는 startup' } },
    { name: 'timeoutSeconds', pattern: PROBE_SECONDS, description: { en: 'new timeout in seconds (1-600)', ko: '새 제한 시간(초, 1-600)' } },
  ],
  plan(ctx, params) {
    return probePlan(ctx, this.id, params, Number(params.timeoutSeconds));
  },
  execute: (ctx, plan) => executePatch(ctx, plan.preview.params.kind as WorkloadKind, plan.preview.changes[0]!),
  async verify(ctx, plan) {
    const change = plan.preview.changes[0]!;
    const want = change.kind === 'patch' ? change.diff[0]!.after : undefined;
    const { kind, namespace, name } = plan.preview.params as Record<string, string>;
    return pollUntil(ctx, async () => {
      const { object } = await readTarget(ctx, kind as WorkloadKind, namespace!, name!);
      const path = change.kind === 'patch' ? change.diff[0]!.path : '';
      const [, , , , , index, field] = path.split('/');
      const now = object.spec?.template?.spec?.containers?.[Number(index)]?.[field!]?.timeoutSeconds ?? null;
      return now === want ? { ok: true, detail: `timeoutSeconds is ${String(now)}` } : { ok: false, detail: `timeoutSeconds is ${String(now)}, not ${String(want)}` };
    });
  },
  undo(ctx, executed) {
    const before = (executed.snapshot as { before: number | null } | undefined)?.before;
    return probePlan(ctx, this.id, executed.preview.params, before ?? undefined, 'undo');
  },
};
