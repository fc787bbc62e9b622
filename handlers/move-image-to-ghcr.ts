import { ActionError } from '../src/actions/action-error.js';
import { makePlan } from '../src/actions/kube-objects.js';
import { KIND_INFO, type WorkloadKind } from '../src/actions/object-api.js';
import { executePatch, planPatch, readTarget } from '../src/actions/patch-change.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, ActionParams, Plan } from '../src/actions/types.js';
import { WORKLOAD_CONTAINER_PARAMS } from '../src/actions/workload-container-params.js';

/** docker.pkg.github.com/OWNER/REPOSITORY/IMAGE[:TAG|@DIGEST] → ghcr.io/OWNER/IMAGE[:TAG|@DIGEST], as GitHub's migration guide maps it. */
const OLD_REGISTRY = /^docker\.pkg\.github\.com\/([a-z0-9-]+)\/[a-z0-9._-]+\/([a-z0-9._\/-]+(?::[\w.-]+|@sha256:[a-f0-9]{64})?)$/i;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function imagePlan(ctx: ActionContext, action: string, params: ActionParams, backTo?: string): Promise<Plan> {
  const kind = params.kind as WorkloadKind;
  const { namespace, name, container } = params as Record<string, string>;
  const { object, target } = await readTarget(ctx, kind, namespace!, name!);
  const what = `${KIND_INFO[kind].kind} ${namespace}/${name}`;
  const containers: Obj[] = object.spec?.template?.spec?.containers ?? [];
  const index = containers.findIndex((c) => c.name === container);
  if (index < 0) throw new ActionError('refused', `${what} has no container "${container}"`);
  const image = String(containers[index]!.image ?? '');
  let next: string;
  if (backTo === undefined) {
    const parts = OLD_REGISTRY.exec(image);
    if (!parts) throw new ActionError('refused', `container ${container} of ${what} runs ${image}, not an image on docker.pkg.github.com: nothing to move`);
    next = `ghcr.io/${parts[1]!.toLowerCase()}/${parts[2]}`;
  } else next = backTo;
  const path = `/spec/template/spec/containers/${index}/image`;
  const ops = [
    { op: 'test' as const, path: `/spec/template/spec/containers/${index}/name`, value: container },
    { op: 'test' as const, path, value: image },
    { op: 'replace' as const, path, value: next },
  ];
  const change = await planPatch(ctx, kind, target, ops, [{ path, before: image, after: next }]);
  return makePlan(
    {
      action,
      context: ctx.clients.context,
      params: { ...params },
      summary: { en: `change the image of container ${container} in ${what} from ${image} to ${next}; its pods roll`, ko: `${what}의 컨테이너 ${container} 이미지를 ${image}에서 ${next}(으)로 변경, 포드가 순차 교체됨` },
      targets: [target],
      changes: [change],
      blastRadius: { nodes: [], podsEvicted: [] },
      disruptive: true,
      ...(backTo !== undefined ? { direction: 'undo' as const } : {}),
    },
    { before: image },
  );
}

/** Points a container from the retired docker.pkg.github.com registry to ghcr.io, which containerd can pull. Undo sets the old image back. */
export const moveImageToGhcr: Action = {
  id: 'move-image-to-ghcr',
  title: { en: 'Move a container image from docker.pkg.github.com to ghcr.io', ko: '컨테이너 이미지를 docker.pkg.github.com에서 ghcr.io로 변경' },
  risk: 'medium',
  params: WORKLOAD_CONTAINER_PARAMS,
  plan(ctx, params) {
    return imagePlan(ctx, this.id, params);
  },
  execute: (ctx, plan) => executePatch(ctx, plan.preview.params.kind as WorkloadKind, plan.preview.changes[0]!),
  verify(ctx, plan) {
    const change = plan.preview.changes[0]!;
    const { kind, namespace, name } = plan.preview.params as Record<string, string>;
    const want = change.kind === 'patch' ? change.diff[0]!.after : undefined;
    const index = Number(change.kind === 'patch' ? change.diff[0]!.path.split('/')[5] : -1);
    return pollUntil(ctx, async () => {
      const { object } = await readTarget(ctx, kind as WorkloadKind, namespace!, name!);
      const now = object.spec?.template?.spec?.containers?.[index]?.image;
      return now === want ? { ok: true, detail: `the container runs ${String(now)}` } : { ok: false, detail: `the container runs ${String(now)}` };
    });
  },
  undo(ctx, executed) {
    const before = (executed.snapshot as { before?: string } | undefined)?.before;
    if (!before) throw new ActionError('refused', 'the plan kept no earlier image to restore');
    return imagePlan(ctx, this.id, executed.preview.params, before);
  },
};
