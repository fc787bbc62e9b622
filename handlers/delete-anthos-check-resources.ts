import { ActionError } from '../src/actions/action-error.js';
import { callKube } from '../src/actions/call-kube.js';
import { DRY_RUN, describeTarget, makePlan, preconditionsOf, serverAnswer, targetOf } from '../src/actions/kube-objects.js';
import { DNS1123_LABEL, oneOf } from '../src/actions/param-patterns.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, Change } from '../src/actions/types.js';

const GROUP = 'baremetal.cluster.gke.io';
const VERSION = 'v1';
const PLURALS = ['healthchecks', 'preflightchecks'] as const;
const KIND: Record<(typeof PLURALS)[number], string> = { healthchecks: 'HealthCheck', preflightchecks: 'PreflightCheck' };

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function list(ctx: ActionContext, namespace: string, plural: string): Promise<Obj[]> {
  const answer = (await callKube(`list ${plural}.${GROUP} in ${namespace}`, () =>
    ctx.clients.custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural }),
  )) as { items?: Obj[] };
  return answer.items ?? [];
}

function remove(ctx: ActionContext, plural: string, namespace: string, name: string, body: Obj, dryRun: boolean): Promise<Obj> {
  return callKube(`${dryRun ? 'dry-run ' : ''}delete ${plural}.${GROUP} ${namespace}/${name}`, () =>
    ctx.clients.custom.deleteNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural, name, body, ...(dryRun ? { dryRun: DRY_RUN } : {}) }),
  );
}

/**
 * Deletes every healthchecks (or preflightchecks) resource of baremetal.cluster.gke.io in one cluster namespace,
 * as the documents say before a rerun of bmctl; each delete carries its uid and resourceVersion.
 */
export const deleteAnthosCheckResources: Action = {
  id: 'delete-anthos-check-resources',
  title: { en: 'Delete Anthos health or preflight check resources', ko: 'Anthos 상태 확인 또는 실행 전 검사 리소스 삭제' },
  risk: 'medium',
  params: [
    { name: 'namespace', pattern: DNS1123_LABEL, description: { en: 'the cluster namespace (cluster-NAME)', ko: '클러스터 네임스페이스 (cluster-NAME)' } },
    { name: 'resource', pattern: oneOf(PLURALS), choices: PLURALS, description: { en: 'healthchecks or preflightchecks', ko: 'healthchecks 또는 preflightchecks' } },
  ],
  async plan(ctx, params) {
    const { namespace, resource } = params as { namespace: string; resource: (typeof PLURALS)[number] };
    const items = await list(ctx, namespace, resource);
    if (items.length === 0) throw new ActionError('refused', `no ${resource}.${GROUP} in namespace ${namespace}: nothing to delete`);
    const changes: Change[] = [];
    for (const item of items) {
      const target = targetOf(item, `${GROUP}/${VERSION}`, KIND[resource]);
      const dry = await remove(ctx, resource, namespace, target.name, { preconditions: preconditionsOf(target) }, true);
      changes.push({ kind: 'delete', target, dryRun: serverAnswer(dry) });
    }
    return makePlan({
      action: this.id,
      context: ctx.clients.context,
      params: { ...params },
      summary: { en: `delete the ${items.length} ${resource}.${GROUP} resources in namespace ${namespace}`, ko: `네임스페이스 ${namespace}의 ${resource}.${GROUP} 리소스 ${items.length}개 삭제` },
      targets: changes.map((c) => (c as Extract<Change, { kind: 'delete' }>).target),
      changes,
      blastRadius: { nodes: [], podsEvicted: [] },
      disruptive: false,
    });
  },
  async execute(ctx, plan) {
    const sent: string[] = [];
    const resource = plan.preview.params.resource!;
    for (const target of plan.preview.targets) {
      await remove(ctx, resource, target.namespace!, target.name, { preconditions: preconditionsOf(target) }, false);
      sent.push(`DELETE ${describeTarget(target)} (uid ${target.uid}, resourceVersion ${target.resourceVersion})`);
    }
    return { sent, notes: [] };
  },
  verify(ctx, plan) {
    const { namespace, resource } = plan.preview.params as Record<string, string>;
    const uids = new Set(plan.preview.targets.map((t) => t.uid));
    return pollUntil(ctx, async () => {
      const left = (await list(ctx, namespace!, resource!)).filter((item) => uids.has(item.metadata?.uid));
      return left.length === 0 ? { ok: true, detail: `the ${uids.size} ${resource} resources are gone` } : { ok: false, detail: `${left.length} ${resource} resources are still there` };
    });
  },
};
