import { ActionError } from '../src/actions/action-error.js';
import { callKube, apiStatusOf } from '../src/actions/call-kube.js';
import { DRY_RUN, describeTarget, makePlan, preconditionsOf, serverAnswer, targetOf } from '../src/actions/kube-objects.js';
import { DNS1123_SUBDOMAIN, oneOf } from '../src/actions/param-patterns.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, Plan } from '../src/actions/types.js';

const KINDS = ['validating', 'mutating'] as const;
type Which = (typeof KINDS)[number];
const KIND_NAME: Record<Which, string> = { validating: 'ValidatingWebhookConfiguration', mutating: 'MutatingWebhookConfiguration' };
const API_VERSION = 'admissionregistration.k8s.io/v1';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The object as it can be created again: server-owned metadata dropped. */
function restorable(object: Obj, which: Which): Obj {
  const { metadata = {}, ...rest } = JSON.parse(JSON.stringify(object)) as Obj;
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, managedFields: _mf, generation: _g, selfLink: _sl, ...kept } = metadata as Obj;
  return { ...rest, apiVersion: API_VERSION, kind: KIND_NAME[which], metadata: kept };
}

async function read(ctx: ActionContext, which: Which, name: string): Promise<Obj> {
  return callKube(`read ${KIND_NAME[which]} ${name}`, async () =>
    which === 'validating'
      ? ((await ctx.clients.admission.readValidatingWebhookConfiguration({ name })) as Obj)
      : ((await ctx.clients.admission.readMutatingWebhookConfiguration({ name })) as Obj),
  );
}

async function remove(ctx: ActionContext, which: Which, name: string, body: Obj, dryRun: boolean): Promise<Obj> {
  const request = { name, body, ...(dryRun ? { dryRun: DRY_RUN } : {}) };
  return callKube(`${dryRun ? 'dry-run ' : ''}delete ${KIND_NAME[which]} ${name}`, async () =>
    which === 'validating'
      ? ((await ctx.clients.admission.deleteValidatingWebhookConfiguration(request)) as Obj)
      : ((await ctx.clients.admission.deleteMutatingWebhookConfiguration(request)) as Obj),
  );
}

async function create(ctx: ActionContext, which: Which, body: Obj, dryRun: boolean): Promise<Obj> {
  const request = { body, ...(dryRun ? { dryRun: DRY_RUN } : {}) } as { body: never; dryRun?: string };
  return callKube(`${dryRun ? 'dry-run ' : ''}create ${KIND_NAME[which]} ${String(body.metadata?.name)}`, async () =>
    which === 'validating'
      ? ((await ctx.clients.admission.createValidatingWebhookConfiguration(request)) as Obj)
      : ((await ctx.clients.admission.createMutatingWebhookConfiguration(request)) as Obj),
  );
}

/**
 * Deletes a Validating- or MutatingWebhookConfiguration that blocks node networking pods. The plan keeps the
 * whole object, so undo can create it again as it was.
 */
export const deleteWebhookConfiguration: Action = {
  id: 'delete-webhook-configuration',
  title: { en: 'Delete a webhook configuration', ko: '웹훅 구성 삭제' },
  risk: 'high',
  params: [
    { name: 'kind', pattern: oneOf(KINDS), choices: KINDS, description: { en: 'validating or mutating', ko: 'validating 또는 mutating' } },
    { name: 'name', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the webhook configuration', ko: '웹훅 구성 이름' } },
  ],

  async plan(ctx, params) {
    const which = params.kind as Which;
    const object = await read(ctx, which, params.name!);
    const target = targetOf(object, API_VERSION, KIND_NAME[which]);
    const dry = await remove(ctx, which, target.name, { preconditions: preconditionsOf(target) }, true);
    return makePlan(
      {
        action: this.id,
        context: ctx.clients.context,
        params: { ...params },
        summary: {
          en: `delete ${KIND_NAME[which]} ${target.name} (${(object.webhooks ?? []).length} webhooks); a copy is kept for undo`,
          ko: `${KIND_NAME[which]} ${target.name} 삭제 (웹훅 ${(object.webhooks ?? []).length}개), 되돌리기용 사본 보관`,
        },
        targets: [target],
        changes: [{ kind: 'delete', target, dryRun: serverAnswer(dry) }],
        blastRadius: { nodes: [], podsEvicted: [] },
        disruptive: false,
      },
      restorable(object, which),
    );
  },

  async execute(ctx, plan) {
    const which = plan.preview.params.kind as Which;
    if (plan.preview.direction === 'undo') {
      const change = plan.preview.changes[0]!;
      if (change.kind !== 'create') throw new Error('an undo plan of delete-webhook-configuration creates the snapshot');
      await create(ctx, which, change.object, false);
      return { sent: [`POST ${KIND_NAME[which]} ${String((change.object.metadata as Obj | undefined)?.name)} (restored from the snapshot)`], notes: [] };
    }
    const target = plan.preview.targets[0]!;
    await remove(ctx, which, target.name, { preconditions: preconditionsOf(target) }, false);
    return { sent: [`DELETE ${describeTarget(target)} (uid ${target.uid}, resourceVersion ${target.resourceVersion})`], notes: [] };
  },

  async verify(ctx, plan) {
    const which = plan.preview.params.kind as Which;
    const name = plan.preview.params.name!;
    const undoing = plan.preview.direction === 'undo';
    return pollUntil(ctx, async () => {
      try {
        await read(ctx, which, name);
        return undoing ? { ok: true, detail: `${KIND_NAME[which]} ${name} is back` } : { ok: false, detail: `${KIND_NAME[which]} ${name} is still there` };
      } catch (error) {
        if ((error as { code?: string }).code !== 'not-found' && apiStatusOf(error) !== 404) throw error;
        return undoing ? { ok: false, detail: `${KIND_NAME[which]} ${name} is not there yet` } : { ok: true, detail: `${KIND_NAME[which]} ${name} is gone` };
      }
    });
  },

  async undo(ctx, executed): Promise<Plan> {
    const which = executed.preview.params.kind as Which;
    const snapshot = executed.snapshot as Obj | undefined;
    if (!snapshot) throw new ActionError('refused', 'the plan kept no copy of the webhook configuration, so there is nothing to restore');
    const dry = await create(ctx, which, snapshot, true);
    const name = String(snapshot.metadata?.name);
    return makePlan({
      action: this.id,
      context: ctx.clients.context,
      params: { ...executed.preview.params },
      summary: { en: `create ${KIND_NAME[which]} ${name} again from the copy taken before it was deleted`, ko: `삭제 전에 보관한 사본으로 ${KIND_NAME[which]} ${name} 다시 만들기` },
      targets: [],
      changes: [{ kind: 'create', object: snapshot, dryRun: serverAnswer(dry) }],
      blastRadius: { nodes: [], podsEvicted: [] },
      disruptive: false,
      direction: 'undo',
    });
  },
};
