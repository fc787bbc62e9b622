import { ActionError } from '../src/actions/action-error.js';
import { callKube } from '../src/actions/call-kube.js';
import { DRY_RUN, describeTarget, makePlan, preconditionsOf, serverAnswer, targetOf } from '../src/actions/kube-objects.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../src/actions/param-patterns.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext } from '../src/actions/types.js';

/** What the plan learnt about the owner, so verify can find the replacement pod. */
interface Owner {
  kind: 'DaemonSet' | 'ReplicaSet';
  name: string;
  uid: string;
  node: string;
}

/**
 * Deletes one pod that a DaemonSet or ReplicaSet (so a Deployment) owns, so its controller starts a fresh one:
 * the documents' "delete the anetd / anthos-cluster-operator / stackdriver-log-forwarder pod". A bare pod is
 * refused, since nothing would bring it back.
 */
export const restartControllerPod: Action = {
  id: 'restart-controller-pod',
  title: { en: 'Restart a controller-owned pod', ko: '컨트롤러가 관리하는 포드 다시 시작' },
  risk: 'medium',
  params: [
    { name: 'namespace', pattern: DNS1123_LABEL, description: { en: 'namespace of the pod', ko: '포드의 네임스페이스' } },
    { name: 'pod', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the pod', ko: '포드 이름' } },
  ],

  async plan(ctx, params) {
    const { namespace, pod: name } = params as { namespace: string; pod: string };
    const pod = await callKube(`read pod ${namespace}/${name}`, () => ctx.clients.core.readNamespacedPod({ name, namespace }));
    const controller = pod.metadata?.ownerReferences?.find((ref) => ref.controller);
    if (!controller) {
      throw new ActionError('refused', `pod ${namespace}/${name} has no controller (a bare pod): deleting it would not bring it back, so k8sfix will not`);
    }
    if (controller.kind !== 'DaemonSet' && controller.kind !== 'ReplicaSet') {
      throw new ActionError('refused', `pod ${namespace}/${name} is owned by a ${controller.kind}; this action restarts only DaemonSet and Deployment (ReplicaSet) pods`);
    }
    // The owner must exist, or the deleted pod would not be replaced.
    if (controller.kind === 'DaemonSet') {
      await callKube(`read DaemonSet ${namespace}/${controller.name}`, () => ctx.clients.apps.readNamespacedDaemonSet({ name: controller.name, namespace }));
    } else {
      await callKube(`read ReplicaSet ${namespace}/${controller.name}`, () => ctx.clients.apps.readNamespacedReplicaSet({ name: controller.name, namespace }));
    }
    const target = targetOf(pod, 'v1', 'Pod');
    const dry = await callKube(`dry-run delete of pod ${namespace}/${name}`, () =>
      ctx.clients.core.deleteNamespacedPod({ name, namespace, dryRun: DRY_RUN, body: { preconditions: preconditionsOf(target) } }),
    );
    const node = pod.spec?.nodeName ?? '';
    const owner: Owner = { kind: controller.kind, name: controller.name, uid: controller.uid, node };
    return makePlan(
      {
        action: this.id,
        context: ctx.clients.context,
        params: { ...params },
        summary: {
          en: `delete pod ${namespace}/${name} on node ${node || '(unscheduled)'}; its ${controller.kind} ${controller.name} starts a new one`,
          ko: `${node || '(미배치)'} 노드의 포드 ${namespace}/${name} 삭제, ${controller.kind} ${controller.name}이(가) 새 포드를 시작`,
        },
        targets: [target],
        changes: [{ kind: 'delete', target, dryRun: serverAnswer(dry) }],
        blastRadius: { nodes: node ? [node] : [], podsEvicted: [`${namespace}/${name}`] },
        disruptive: true,
      },
      owner,
    );
  },

  async execute(ctx, plan) {
    const target = plan.preview.targets[0]!;
    await callKube(`delete ${describeTarget(target)}`, () =>
      ctx.clients.core.deleteNamespacedPod({ name: target.name, namespace: target.namespace!, body: { preconditions: preconditionsOf(target) } }),
    );
    return { sent: [`DELETE ${describeTarget(target)} (uid ${target.uid}, resourceVersion ${target.resourceVersion})`], notes: [] };
  },

  async verify(ctx, plan) {
    const target = plan.preview.targets[0]!;
    const owner = plan.snapshot as Owner;
    return pollUntil(ctx, () => replacementReady(ctx, target.namespace!, target.uid, owner));
  },
};

async function replacementReady(ctx: ActionContext, namespace: string, oldUid: string, owner: Owner) {
  const pods = await ctx.clients.core.listNamespacedPod({ namespace });
  if (pods.items.some((p) => p.metadata?.uid === oldUid && !p.metadata?.deletionTimestamp)) return { ok: false, detail: 'the old pod is still there' };
  const replacement = pods.items.find(
    (p) =>
      p.metadata?.uid !== oldUid &&
      p.metadata?.ownerReferences?.some((ref) => ref.uid === owner.uid) &&
      (owner.kind !== 'DaemonSet' || p.spec?.nodeName === owner.node),
  );
  if (!replacement) return { ok: false, detail: `no new pod of ${owner.kind} ${owner.name} yet` };
  const ready = replacement.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  return ready
    ? { ok: true, detail: `pod ${namespace}/${replacement.metadata?.name} replaced it and is Ready` }
    : { ok: false, detail: `pod ${namespace}/${replacement.metadata?.name} replaced it but is not Ready yet` };
}
