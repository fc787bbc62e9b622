/**
 * Renders deploy/ with the real `kubectl kustomize` (the base, each overlay, the opt-in components and a move to
 * another namespace) and checks what an operator relies on: every workload locked down (non-root, read-only root
 * filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp), sized, probed; two app replicas
 * under a PodDisruptionBudget; the probes and metrics on the health port; each mode wired to its Slack
 * credentials; Redis reachable where REDIS_URL says. Skipped, with the reason, on a machine without kubectl.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { dumpYaml, loadYaml } from '@kubernetes/client-node';
import { parse, parseDocument, stringify } from 'yaml';
import { describeIf } from '../support/requirement.js';
import { findKubectl, renderKustomize, type KubeObject } from './kubectl.js';

const ROOT = process.cwd();
const kubectl = await findKubectl();

/** Every way the README tells an operator to render deploy/, each with what it must add up to. */
const RENDERS = {
  base: 'deploy',
  'socket-mode': 'deploy/overlays/socket-mode',
  http: 'deploy/overlays/http',
  'external-redis': 'scratch:external-redis',
  actions: 'scratch:actions',
  'other-namespace': 'scratch:other-namespace',
} as const;
type RenderName = keyof typeof RENDERS;
const NAMES = Object.keys(RENDERS) as RenderName[];

/** Overlays an operator writes themselves, as the comments in deploy/ describe them; rendered from a scratch directory. */
const SCRATCH: Record<string, (deploy: string) => string> = {
  'external-redis': (deploy) => `resources: [${deploy}/overlays/socket-mode]\ncomponents: [${deploy}/components/external-redis]\n`,
  actions: (deploy) => `resources: [${deploy}/overlays/http]\ncomponents: [${deploy}/components/actions]\n`,
  // Taken from the comment in deploy/base/kustomization.yaml, so the advice there is what is tested.
  'other-namespace': (deploy) => `${namespaceAdvice()}\nresources: [${deploy}/overlays/socket-mode]\n`,
};

interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[]; add?: string[] }; seccompProfile?: { type: string } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: Record<string, unknown> & { seccompProfile?: { type: string } };
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; hostPath?: unknown }[];
}
interface Workload extends KubeObject {
  spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec } };
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];

const rendered = new Map<RenderName, KubeObject[]>();
let scratch: string | undefined;

const objects = (name: RenderName) => rendered.get(name)!;
const find = <T extends KubeObject = KubeObject>(name: RenderName, kind: string, objectName: string): T | undefined =>
  objects(name).find((o) => o.kind === kind && o.metadata.name === objectName) as T | undefined;
const workloads = (name: RenderName) => objects(name).filter((o) => WORKLOAD_KINDS.includes(o.kind)) as Workload[];
const app = (name: RenderName) => find<Workload>(name, 'Deployment', 'k8sfix')!;
const appContainer = (name: RenderName) => app(name).spec.template.spec.containers.find((c) => c.name === 'k8sfix')!;
const envOf = (container: Container, variable: string) => container.env?.find((e) => e.name === variable);
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
const settings = (name: RenderName) => (find(name, 'ConfigMap', 'k8sfix-settings') as (KubeObject & { data: Record<string, string> }) | undefined)?.data;

describeIf(kubectl)('kubectl kustomize deploy', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'k8sfix-kustomize-'));
    await Promise.all(
      NAMES.map(async (name) => {
        const target = RENDERS[name];
        let dir: string = target;
        if (target.startsWith('scratch:')) {
          dir = join(scratch!, name);
          await mkdir(dir);
          // kustomize takes only relative paths to other kustomizations.
          await writeFile(join(dir, 'kustomization.yaml'), SCRATCH[name]!(relative(dir, join(ROOT, 'deploy'))));
        }
        rendered.set(name, await renderKustomize(dir));
      }),
    );
  }, 120_000);

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test.each(NAMES)('%s: every object is a Kubernetes type and every field of it is one the API knows (no misspelt field is silently dropped)', (name) => {
    // @kubernetes/client-node's typed models keep only the fields of the API's schema: a round trip through them
    // loses exactly the fields the API server would reject or ignore.
    const problems = objects(name).flatMap((object) => {
      const typed = loadYaml<object>(stringify(object));
      const where = `${object.kind}/${object.metadata.name}`;
      if (!/^V\d/.test(typed.constructor.name)) return [`${where}: not a type the API knows (${typed.constructor.name})`];
      const back = parse(dumpYaml(typed)) as unknown;
      return JSON.stringify(sortedDeep(back)) === JSON.stringify(sortedDeep(object)) ? [] : [`${where}: has fields the ${typed.constructor.name} schema does not`];
    });
    expect(problems).toEqual([]);
  });

  test.each(NAMES)('%s: every workload runs as non-root, read-only, unprivileged, with no capabilities and RuntimeDefault seccomp', (name) => {
    const problems: string[] = [];
    for (const workload of workloads(name)) {
      const pod = workload.spec.template.spec;
      const where = `${workload.kind}/${workload.metadata.name}`;
      if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push(`${where}: shares a host namespace`);
      for (const volume of pod.volumes ?? []) if (volume.hostPath) problems.push(`${where}: hostPath volume ${volume.name}`);
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        const at = `${where} container ${container.name}`;
        const sc = container.securityContext ?? {};
        const effective = (field: string) => sc[field] ?? pod.securityContext?.[field];
        if (effective('runAsNonRoot') !== true) problems.push(`${at}: runAsNonRoot is not true`);
        const uid = effective('runAsUser');
        if (typeof uid !== 'number' || uid === 0) problems.push(`${at}: runAsUser is ${String(uid)}, not a non-zero uid`);
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${at}: readOnlyRootFilesystem is not true`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation is not false`);
        if (sc.privileged === true) problems.push(`${at}: privileged`);
        if (!sc.capabilities?.drop?.includes('ALL')) problems.push(`${at}: capabilities do not drop ALL`);
        if ((sc.capabilities?.add ?? []).length > 0) problems.push(`${at}: adds capabilities ${sc.capabilities!.add!.join(',')}`);
        const seccomp = (sc.seccompProfile ?? pod.securityContext?.seccompProfile)?.type;
        if (seccomp !== 'RuntimeDefault') problems.push(`${at}: seccompProfile is ${String(seccomp)}, not RuntimeDefault`);
      }
    }
    expect(workloads(name).length).toBeGreaterThanOrEqual(name === 'external-redis' ? 1 : 2);
    expect(problems).toEqual([]);
  });

  test.each(NAMES)('%s: every container has cpu and memory requests and limits, a liveness and a readiness probe', (name) => {
    const problems: string[] = [];
    for (const workload of workloads(name)) {
      for (const container of workload.spec.template.spec.containers) {
        const at = `${workload.kind}/${workload.metadata.name} container ${container.name}`;
        for (const kind of ['requests', 'limits'] as const) {
          for (const resource of ['cpu', 'memory']) if (!container.resources?.[kind]?.[resource]) problems.push(`${at}: no ${resource} ${kind}`);
        }
        if (!container.livenessProbe) problems.push(`${at}: no livenessProbe`);
        if (!container.readinessProbe) problems.push(`${at}: no readinessProbe`);
      }
    }
    expect(problems).toEqual([]);
  });

  test.each(NAMES)('%s: only the app gets a service-account token, and it is the read-only k8sfix account', (name) => {
    for (const workload of workloads(name)) {
      const pod = workload.spec.template.spec;
      if (workload.metadata.name === 'k8sfix') {
        // The app reads the cluster it runs in with this token (context "in-cluster").
        expect({ account: pod.serviceAccountName, automount: pod.automountServiceAccountToken }).toEqual({ account: 'k8sfix', automount: true });
      } else {
        expect({ workload: workload.metadata.name, automount: pod.automountServiceAccountToken }).toEqual({ workload: workload.metadata.name, automount: false });
      }
    }
  });

  test.each(NAMES)('%s: two app replicas, and a PodDisruptionBudget over their pods that keeps one up', (name) => {
    const deployment = app(name);
    expect(deployment.spec.replicas).toBe(2);
    expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    const budgets = objects(name).filter((o) => o.kind === 'PodDisruptionBudget') as (KubeObject & {
      spec: { minAvailable?: number; maxUnavailable?: number; selector: { matchLabels: Record<string, string> } };
    })[];
    const covering = budgets.filter((b) => selects(b.spec.selector.matchLabels, deployment.spec.template.metadata.labels));
    expect(covering).toHaveLength(1);
    const { minAvailable, maxUnavailable } = covering[0]!.spec;
    const kept = minAvailable ?? 2 - (maxUnavailable ?? 2);
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(2); // minAvailable 2 of 2 would block every drain.
  });

  test.each(NAMES)('%s: the probes and metrics are on the health port the app is told to serve', (name) => {
    const container = appContainer(name);
    const healthPort = Number(settings(name)!.K8SFIX_HEALTH_PORT);
    expect(container.ports?.find((p) => p.name === 'health')?.containerPort).toBe(healthPort);
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/livez', port: 'health' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'health' });
    const annotations = app(name).spec.template.metadata.annotations ?? {};
    expect({ scrape: annotations['prometheus.io/scrape'], port: Number(annotations['prometheus.io/port']), path: annotations['prometheus.io/path'] }).toEqual({
      scrape: 'true',
      port: healthPort,
      path: '/metrics',
    });
    const metrics = find<KubeObject & { spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] } }>(name, 'Service', 'k8sfix-metrics')!;
    expect(selects(metrics.spec.selector, app(name).spec.template.metadata.labels)).toBe(true);
    expect(metrics.spec.ports.find((p) => p.name === 'metrics')?.targetPort).toBe('health');
  });

  test.each(NAMES)('%s: no Secret is rendered, and every secret the pods read is a key of the Secret template', (name) => {
    // `kubectl apply -k` must never overwrite the operator's tokens with placeholders.
    expect(objects(name).filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([]);
    const template = parseDocument(readFileSync(join(ROOT, 'deploy', 'slack-secret.example.yaml'), 'utf8')).toJS() as KubeObject & { stringData: Record<string, string> };
    const keys = Object.keys(template.stringData);
    for (const workload of workloads(name)) {
      for (const container of workload.spec.template.spec.containers) {
        for (const env of container.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef;
          if (!ref) continue;
          if (ref.name === 'k8sfix-slack') expect(keys).toContain(ref.key);
          else expect({ variable: env.name, secret: ref.name }).toEqual({ variable: 'REDIS_URL', secret: 'k8sfix-redis' });
          expect(env.name).toBe(ref.key);
        }
      }
    }
  });

  test('socket-mode: the app token comes from the Secret, no signing secret, nothing exposed for Slack', () => {
    const container = appContainer('socket-mode');
    expect(envOf(container, 'SLACK_BOT_TOKEN')?.valueFrom?.secretKeyRef).toEqual({ name: 'k8sfix-slack', key: 'SLACK_BOT_TOKEN' });
    expect(envOf(container, 'SLACK_APP_TOKEN')?.valueFrom?.secretKeyRef).toEqual({ name: 'k8sfix-slack', key: 'SLACK_APP_TOKEN' });
    expect(envOf(container, 'SLACK_SIGNING_SECRET')).toBeUndefined();
    expect(container.ports?.map((p) => p.name)).toEqual(['health']);
    expect(objects('socket-mode').filter((o) => o.kind === 'Service' || o.kind === 'Ingress').map((o) => o.metadata.name).sort()).toEqual(['k8sfix-metrics', 'k8sfix-redis']);
  });

  test('http: the signing secret comes from the Secret, no app token, and a Service sends port 3000 to the pods', () => {
    const container = appContainer('http');
    expect(envOf(container, 'SLACK_SIGNING_SECRET')?.valueFrom?.secretKeyRef).toEqual({ name: 'k8sfix-slack', key: 'SLACK_SIGNING_SECRET' });
    expect(envOf(container, 'SLACK_APP_TOKEN')).toBeUndefined();
    const port = Number(settings('http')!.PORT);
    expect(port).toBe(3000);
    expect(container.ports?.find((p) => p.name === 'http')?.containerPort).toBe(port);
    const service = find<KubeObject & { spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] } }>('http', 'Service', 'k8sfix-http')!;
    expect(selects(service.spec.selector, app('http').spec.template.metadata.labels)).toBe(true);
    expect(service.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
  });

  test('http: the commented Ingress example, once uncommented, is a valid Ingress to the Service\'s port for /slack/events', () => {
    const text = readFileSync(join(ROOT, 'deploy', 'overlays', 'http', 'ingress.example.yaml'), 'utf8');
    // The explanation ends at the first empty comment line; the Ingress follows, one '# ' before each line.
    const lines = text.split('\n');
    const uncommented = lines
      .slice(lines.indexOf('#') + 1)
      .map((line) => line.replace(/^# ?/, ''))
      .join('\n');
    const ingress = loadYaml<object>(uncommented);
    expect(ingress.constructor.name).toBe('V1Ingress');
    const plain = parse(uncommented) as { spec: { rules: { http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] } }[] } };
    expect(sortedDeep(parse(dumpYaml(ingress)))).toEqual(sortedDeep(plain));
    const [path] = plain.spec.rules[0]!.http.paths;
    expect(path!.path).toBe('/slack/events');
    const service = find<KubeObject & { spec: { ports: { name: string }[] } }>('http', 'Service', path!.backend.service.name)!;
    expect(service.spec.ports.map((p) => p.name)).toContain(path!.backend.service.port.name);
  });

  test.each(['base', 'socket-mode', 'http'] as const)('%s: REDIS_URL names a Service that selects the Redis pods on its port, and only the app may connect', (name) => {
    const url = new URL(settings(name)!.REDIS_URL!);
    const service = find<KubeObject & { spec: { selector: Record<string, string>; ports: { port: number; targetPort: string }[] } }>(name, 'Service', url.hostname)!;
    expect(service).toBeDefined();
    expect(service.spec.ports.map((p) => p.port)).toContain(Number(url.port));
    const redis = find<Workload>(name, 'StatefulSet', 'k8sfix-redis')!;
    expect(selects(service.spec.selector, redis.spec.template.metadata.labels)).toBe(true);
    const redisContainer = redis.spec.template.spec.containers[0]!;
    expect(redisContainer.ports?.find((p) => p.name === service.spec.ports[0]!.targetPort)?.containerPort).toBe(Number(url.port));
    // Read-only root filesystem: Redis's working directory must be a volume.
    expect(redisContainer.volumeMounts?.map((m) => m.mountPath)).toContain('/data');
    const policy = find<KubeObject & { spec: { podSelector: { matchLabels: Record<string, string> }; ingress: { from: { podSelector: { matchLabels: Record<string, string> } }[] }[] } }>(
      name,
      'NetworkPolicy',
      'k8sfix-redis',
    )!;
    expect(selects(policy.spec.podSelector.matchLabels, redis.spec.template.metadata.labels)).toBe(true);
    const allowed = policy.spec.ingress.flatMap((rule) => rule.from.map((peer) => peer.podSelector.matchLabels));
    expect(allowed.map((labels) => selects(labels, app(name).spec.template.metadata.labels))).toEqual([true]);
  });

  test('external-redis: the in-cluster Redis is gone and REDIS_URL comes from the Secret k8sfix-redis', () => {
    expect(objects('external-redis').filter((o) => o.metadata.name === 'k8sfix-redis').map((o) => o.kind)).toEqual([]);
    const container = appContainer('external-redis');
    expect(envOf(container, 'REDIS_URL')?.valueFrom?.secretKeyRef).toEqual({ name: 'k8sfix-redis', key: 'REDIS_URL' });
    // An env entry wins over envFrom, so the ConfigMap's in-cluster URL is not used.
    expect(container.envFrom?.map((e) => e.configMapRef?.name)).toEqual(['k8sfix-settings']);
  });

  test('actions: the opt-in component binds the k8sfix account to the actions role (its rules are checked call by call in rbac.test.ts)', () => {
    const role = find<KubeObject & { rules: unknown[] }>('actions', 'ClusterRole', 'k8sfix-actions')!;
    expect(role.rules.length).toBeGreaterThan(0);
    const binding = find<KubeObject & { roleRef: { name: string }; subjects: unknown[] }>('actions', 'ClusterRoleBinding', 'k8sfix-actions')!;
    expect({ role: binding.roleRef.name, subjects: binding.subjects }).toEqual({
      role: 'k8sfix-actions',
      subjects: [{ kind: 'ServiceAccount', name: 'k8sfix', namespace: 'k8sfix' }],
    });
    // Opt-in: without the component, no overlay has it.
    for (const name of ['base', 'socket-mode', 'http'] as const) expect(find(name, 'ClusterRole', 'k8sfix-actions')).toBeUndefined();
  });

  test('other-namespace: every namespaced object and both bindings\' subjects move with the documented transformer', () => {
    const list = objects('other-namespace');
    expect(list.find((o) => o.kind === 'Namespace')?.metadata.name).toBe('ops');
    const cluster = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);
    expect(list.filter((o) => !cluster.has(o.kind) && o.metadata.namespace !== 'ops').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    const subjects = list
      .filter((o) => o.kind === 'ClusterRoleBinding')
      .flatMap((o) => (o as KubeObject & { subjects: { kind: string; namespace: string }[] }).subjects);
    expect(subjects.map((s) => s.namespace)).toEqual(subjects.map(() => 'ops'));
  });

  test.each(NAMES)('%s: the namespace enforces the restricted Pod Security Standard', (name) => {
    const namespace = objects(name).find((o) => o.kind === 'Namespace')!;
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('every setting in the ConfigMap is a variable k8sfix reads', () => {
    const source = readSources(join(ROOT, 'src'));
    const unread = NAMES.flatMap((name) => Object.keys(settings(name) ?? {})).filter((key) => !source.includes(key));
    expect([...new Set(unread)]).toEqual([]);
  });
});

/** The overlay lines deploy/base/kustomization.yaml's comment gives for another namespace, uncommented. */
function namespaceAdvice(): string {
  const lines = readFileSync(join(ROOT, 'deploy', 'base', 'kustomization.yaml'), 'utf8').split('\n');
  const first = lines.indexOf('#   namespace: ops');
  const last = lines.findIndex((line, i) => i > first && line.includes('setRoleBindingSubjects'));
  if (first < 0 || last < 0) throw new Error('deploy/base/kustomization.yaml no longer explains how to use another namespace');
  return lines.slice(first, last + 1).map((line) => line.slice('#   '.length)).join('\n');
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, sortedDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function readSources(dir: string): string {
  return readdirSync(dir)
    .map((entry) => join(dir, entry))
    .map((path) => (statSync(path).isDirectory() ? readSources(path) : path.endsWith('.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}
