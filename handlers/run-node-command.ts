import { ActionError } from '../src/actions/action-error.js';
import { apiStatusOf, callKube } from '../src/actions/call-kube.js';
import { sha256 } from '../src/actions/hash-preview.js';
import { DRY_RUN, makePlan, serverAnswer } from '../src/actions/kube-objects.js';
import { DNS1123_SUBDOMAIN, INTERFACE_NAME, oneOf } from '../src/actions/param-patterns.js';
import { pollUntil } from '../src/actions/poll-until.js';
import type { Action, ActionContext, ActionParams } from '../src/actions/types.js';

/** One argument of a template: a fixed word, or a parameter whose value must fully match its pattern. */
type Arg = string | { param: 'interface' };

/**
 * The node-level steps the documents give, as fixed argument lists. Nothing here is ever joined into a shell
 * line: each list becomes a container's `command`, run in the host's namespaces by nsenter.
 */
const TEMPLATES = {
  'rp-filter-off': { steps: [['sysctl', '-w', 'net.ipv4.conf.all.rp_filter=0']] as Arg[][], en: 'sysctl -w net.ipv4.conf.all.rp_filter=0' },
  'udp-tunnel-offload-off': {
    steps: [
      ['ethtool', '-K', { param: 'interface' }, 'tx-udp_tnl-segmentation', 'off'],
      ['ethtool', '-K', { param: 'interface' }, 'tx-udp_tnl-csum-segmentation', 'off'],
    ] as Arg[][],
    en: 'ethtool -K INTERFACE tx-udp_tnl-segmentation off; ethtool -K INTERFACE tx-udp_tnl-csum-segmentation off',
  },
  'restart-kubelet': { steps: [['systemctl', 'restart', 'kubelet']] as Arg[][], en: 'systemctl restart kubelet' },
  'crictl-symlink': { steps: [['ln', '-s', '/usr/local/bin/crictl', '/usr/bin/crictl']] as Arg[][], en: 'ln -s /usr/local/bin/crictl /usr/bin/crictl' },
} as const;
type TemplateId = keyof typeof TEMPLATES;
const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

/** Every argument that reaches a node must fully match one of these. */
const ARGUMENT = /^(-{1,2}[A-Za-z][A-Za-z0-9-]*|\/?[A-Za-z0-9][A-Za-z0-9_.:\/=-]*)$/;
const NSENTER = ['nsenter', '--target', '1', '--mount', '--uts', '--ipc', '--net', '--pid', '--'];

/** The argument lists for one template, every argument checked against its pattern. */
export function nodeCommandArgv(template: TemplateId, params: ActionParams): string[][] {
  return TEMPLATES[template].steps.map((step) =>
    step.map((arg) => {
      const value = typeof arg === 'string' ? arg : params[arg.param];
      if (typeof arg !== 'string' && (value === undefined || !INTERFACE_NAME.test(value))) {
        throw new ActionError('invalid-params', `${template} needs interface=NAME (a network interface such as ens192)`);
      }
      if (value === undefined || !ARGUMENT.test(value)) throw new ActionError('invalid-params', `argument ${JSON.stringify(value)} is not allowed`);
      return value;
    }),
  );
}

function podFor(ctx: ActionContext, node: string, template: TemplateId, steps: string[][]) {
  const name = `k8sfix-node-${template}-${sha256(`${node}\n${JSON.stringify(steps)}`).slice(0, 10)}`;
  const container = (argv: string[], i: number) => ({
    name: `step-${i + 1}`,
    image: ctx.nodeActionImage,
    command: [...NSENTER, ...argv],
    securityContext: { privileged: true },
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
  });
  // Steps in order: all but the last as init containers, which run one after another.
  const containers = steps.map(container);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ctx.nodeActionNamespace, labels: { 'app.kubernetes.io/name': 'k8sfix-node-action', 'k8sfix.io/template': template } },
    spec: {
      nodeName: node,
      hostPID: true,
      hostNetwork: true,
      restartPolicy: 'Never',
      activeDeadlineSeconds: 120,
      automountServiceAccountToken: false,
      tolerations: [{ operator: 'Exists' }],
      initContainers: containers.slice(0, -1),
      containers: containers.slice(-1),
    },
  };
}

/**
 * A node-level step from the documents, run by a short-lived privileged pod pinned to the node: no SSH and no
 * shell. Off unless `K8SFIX_NODE_ACTIONS=true` and deploy/components/node-actions is applied.
 */
export const runNodeCommand: Action = {
  id: 'run-node-command',
  title: { en: 'Run a documented node command', ko: '문서에 나온 노드 명령 실행' },
  risk: 'critical',
  nodeLevel: true,
  params: [
    { name: 'node', pattern: DNS1123_SUBDOMAIN, description: { en: 'name of the node', ko: '노드 이름' } },
    { name: 'command', pattern: oneOf(TEMPLATE_IDS), choices: TEMPLATE_IDS, description: { en: 'which documented command', ko: '실행할 문서 명령' } },
    { name: 'interface', pattern: INTERFACE_NAME, optional: true, description: { en: 'network interface, for udp-tunnel-offload-off', ko: 'udp-tunnel-offload-off에 쓸 네트워크 인터페이스' } },
  ],
  async plan(ctx, params) {
    if (!ctx.nodeActionsEnabled) {
      throw new ActionError('disabled', 'node actions are off: set K8SFIX_NODE_ACTIONS=true and apply deploy/components/node-actions to allow them');
    }
    const template = params.command as TemplateId;
    const node = params.node!;
    const steps = nodeCommandArgv(template, params);
    await callKube(`read node ${node}`, () => ctx.clients.core.readNode({ name: node }));
    const pod = podFor(ctx, node, template, steps);
    const dry = await callKube(`dry-run create of pod ${pod.metadata.namespace}/${pod.metadata.name}`, () =>
      ctx.clients.core.createNamespacedPod({ namespace: pod.metadata.namespace, body: pod, dryRun: DRY_RUN }),
    );
    return makePlan({
      action: this.id,
      context: ctx.clients.context,
      params: { ...params },
      summary: { en: `on node ${node}, run: ${steps.map((s) => s.join(' ')).join('; ')}`, ko: `노드 ${node}에서 실행: ${steps.map((s) => s.join(' ')).join('; ')}` },
      targets: [],
      changes: [{ kind: 'create', object: pod, dryRun: serverAnswer(dry) }],
      blastRadius: { nodes: [node], podsEvicted: [] },
      disruptive: true,
    });
  },
  async execute(ctx, plan) {
    if (!ctx.nodeActionsEnabled) throw new ActionError('disabled', 'node actions were turned off since the plan: set K8SFIX_NODE_ACTIONS=true');
    const change = plan.preview.changes[0]!;
    if (change.kind !== 'create') throw new Error('a node command creates one pod');
    const metadata = change.object.metadata as { name: string; namespace: string };
    await callKube(`create pod ${metadata.namespace}/${metadata.name}`, () => ctx.clients.core.createNamespacedPod({ namespace: metadata.namespace, body: change.object as never }));
    return { sent: [`POST pod ${metadata.namespace}/${metadata.name} on node ${plan.preview.params.node}`], notes: [] };
  },
  async verify(ctx, plan) {
    const change = plan.preview.changes[0]!;
    const { name, namespace } = (change.kind === 'create' ? change.object.metadata : {}) as { name: string; namespace: string };
    const result = await pollUntil(ctx, async () => {
      const pod = await ctx.clients.core.readNamespacedPod({ name, namespace });
      const phase = pod.status?.phase;
      if (phase === 'Succeeded') return { ok: true, detail: `pod ${namespace}/${name} ran every step and exited 0` };
      if (phase === 'Failed') return { ok: false, detail: `pod ${namespace}/${name} failed: read its logs` };
      return { ok: false, detail: `pod ${namespace}/${name} is ${phase ?? 'pending'}` };
    });
    // The pod is short-lived: once it has answered, it goes (a failed one stays for its logs).
    if (result.ok) {
      try {
        await ctx.clients.core.deleteNamespacedPod({ name, namespace });
      } catch (error) {
        if (apiStatusOf(error) !== 404) return { ok: true, detail: `${result.detail}; the pod could not be removed: delete it by hand` };
      }
    }
    return result;
  },
};
