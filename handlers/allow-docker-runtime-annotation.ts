import { ActionError } from '../src/actions/action-error.js';
import { callKube } from '../src/actions/call-kube.js';
import { DRY_RUN, JSON_PATCH, describeTarget, makePlan, pointerSegment, serverAnswer, targetOf, testOpsFor } from '../src/actions/kube-objects.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../src/actions/param-patterns.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, ActionParams, JsonPatchOp, Plan } from '../src/actions/types.js';

const GROUP = 'baremetal.cluster.gke.io';
const VERSION = 'v1';
const PLURAL = 'clusters';
const ANNOTATION = 'baremetal.cluster.gke.io/allow-docker-container-runtime';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function read(ctx: ActionContext, namespace: string, name: string): Promise<Obj> {
  return callKube(`read Cluster ${namespace}/${name}`, () => ctx.clients.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL, name }));
}

function patch(ctx: ActionContext, namespace: string, name: string, body: JsonPatchOp[], dryRun: boolean): Promise<Obj> {
  return callKube(`${dryRun ? 'dry-run ' : ''}patch Cluster ${namespace}/${name}`, () =>
    ctx.clients.custom.patchNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL, name, body, ...(dryRun ? { dryRun: DRY_RUN } : {}) }, JSON_PATCH),
  );
}

async function annotatePlan(ctx: ActionContext, action: string, params: ActionParams, undo: boolean): Promise<Plan> {
  const { namespace, name } = params as Record<string, string>;
  const object = await read(ctx, namespace!, name!);
  const target = targetOf(object, `${GROUP}/${VERSION}`, 'Cluster');
  const annotations = object.metadata?.annotations as Record<string, string> | undefined;
  const before = annotations?.[ANNOTATION];
  const path = `/metadata/annotations/${pointerSegment(ANNOTATION)}`;
  let ops: JsonPatchOp[];
  if (!undo) {
    if (before === 'true') throw new ActionError('refused', `Cluster ${namespace}/${name} already has ${ANNOTATION}=true: nothing to change`);
    ops = annotations ? [{ op: before === undefined ? 'add' : 'replace', path, value: 'true' }] : [{ op: 'add', path: '/metadata/annotations', value: { [ANNOTATION]: 'true' } }];
  } else {
    if (before === undefined) throw new ActionError('refused', `Cluster ${namespace}/${name} has no ${ANNOTATION} annotation: nothing to undo`);
    ops = [{ op: 'remove', path }];
  }
  const body = [...testOpsFor(target), ...ops];
  const dry = await patch(ctx, namespace!, name!, body, true);
  return makePlan({
    action,
    context: ctx.clients.context,
    params: { ...params },
    summary: undo
      ? { en: `remove ${ANNOTATION} from Anthos Cluster ${namespace}/${name}`, ko: `Anthos Cluster ${namespace}/${name}에서 ${ANNOTATION} 제거` }
      : { en: `annotate Anthos Cluster ${namespace}/${name} with ${ANNOTATION}=true so the upgrade keeps the Docker runtime`, ko: `업그레이드가 Docker 런타임을 유지하도록 Anthos Cluster ${namespace}/${name}에 ${ANNOTATION}=true 주석 추가` },
    targets: [target],
    changes: [{ kind: 'patch', target, patch: body, diff: [{ path, before: before ?? null, after: undo ? null : 'true' }], dryRun: serverAnswer(dry) }],
    blastRadius: { nodes: [], podsEvicted: [] },
    disruptive: false,
    ...(undo ? { direction: 'undo' as const } : {}),
  });
}

/** Adds `baremetal.cluster.gke.io/allow-docker-container-runtime=true` to an Anthos bare-metal Cluster. Undo removes it. */
export const allowDockerRuntimeAnnotation: Action = {
  id: 'allow-docker-runtime-annotation',
  title: { en: 'Allow the Docker runtime on an Anthos cluster', ko: 'Anthos 클러스터에서 Docker 런타임 허용' },
  risk: 'medium',
  params: [
    { name: 'namespace', pattern: DNS1123_LABEL, description: { en: 'namespace of the Cluster resource (cluster-NAME)', ko: 'Cluster 리소스의 네임스페이스 (cluster-NAME)' } },
    { name: 'name', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the Cluster resource', ko: 'Cluster 리소스 이름' } },
  ],
  plan(ctx, params) {
    return annotatePlan(ctx, this.id, params, false);
  },
  async execute(ctx, plan) {
    const change = plan.preview.changes[0]!;
    if (change.kind !== 'patch') throw new Error('expected a patch');
    await patch(ctx, change.target.namespace!, change.target.name, change.patch, false);
    return { sent: [`PATCH ${describeTarget(change.target)} (${change.diff[0]!.after === null ? 'remove' : 'add'} ${ANNOTATION})`], notes: [] };
  },
  verify(ctx, plan) {
    const { namespace, name } = plan.preview.params as Record<string, string>;
    const want = plan.preview.direction === 'undo' ? undefined : 'true';
    return pollUntil(ctx, async () => {
      const now = (await read(ctx, namespace!, name!)).metadata?.annotations?.[ANNOTATION];
      return now === want ? { ok: true, detail: `${ANNOTATION} is ${now ?? 'gone'}` } : { ok: false, detail: `${ANNOTATION} is ${now ?? 'absent'}` };
    });
  },
  undo(ctx, executed) {
    return annotatePlan(ctx, this.id, executed.preview.params, true);
  },
};
