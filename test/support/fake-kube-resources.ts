/**
 * Objects the fake API server (fake-kube-api-server.ts) can read and change, for the fix-action tests: pods and
 * their DaemonSet/ReplicaSet/Deployment owners, nodes, services, webhook configurations and custom resources.
 * It behaves like the API server where actions depend on it: `dryRun=All` answers as if done and changes
 * nothing; delete preconditions give 409 on a uid or resourceVersion mismatch; JSON-patch `test` ops that fail
 * give 422; the Eviction API answers 429 while a PodDisruptionBudget allows no disruption. Every mutating
 * request is recorded, so a test can assert exactly what was sent, and that nothing was.
 */
import { randomUUID } from 'node:crypto';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One mutating request as it arrived. */
export interface RecordedMutation {
  method: string;
  path: string;
  dryRun: boolean;
  body: unknown;
  impersonateUser?: string;
  impersonateGroup?: string;
}

export interface FakePdb {
  namespace: string;
  matchLabels: Record<string, string>;
  /** Evictions allowed now; each eviction spends one. */
  disruptionsAllowed: number;
  /** Refuse (429) this many eviction attempts first, whatever disruptionsAllowed says: a budget that recovers. */
  refuseFirst?: number;
}

export interface FakeResourcesOptions {
  /** Objects with apiVersion, kind and metadata (name, namespace); uid and resourceVersion are filled in when missing. */
  objects?: Obj[];
  pdbs?: FakePdb[];
  /** Plural of each custom resource kind by `group/version/Kind`, e.g. { 'baremetal.cluster.gke.io/v1/Cluster': 'clusters' }. */
  customPlurals?: Record<string, string>;
  /** When a controller-owned pod is deleted or evicted, start a Ready replacement, as its controller would. Default true. */
  replacePods?: boolean;
  /** The phase a created pod reports at once (node-action pods "run" instantly). Default Succeeded. */
  createdPodPhase?: string;
}

const CORE_PLURALS: Record<string, string> = {
  Pod: 'pods', Node: 'nodes', Service: 'services', Deployment: 'deployments', DaemonSet: 'daemonsets', ReplicaSet: 'replicasets', StatefulSet: 'statefulsets',
  ValidatingWebhookConfiguration: 'validatingwebhookconfigurations', MutatingWebhookConfiguration: 'mutatingwebhookconfigurations',
};
const PATH = /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(\/eviction)?$/;

export class FakeResources {
  /** Every POST, PUT, PATCH and DELETE, dry runs included, in arrival order. */
  readonly mutations: RecordedMutation[] = [];
  private readonly store = new Map<string, Obj>();
  private revision = 1000;
  private readonly pdbs: FakePdb[];
  private readonly plurals: Record<string, string>;
  private readonly replacePods: boolean;
  private readonly createdPodPhase: string;
  private replacements = 0;

  constructor(options: FakeResourcesOptions = {}) {
    this.pdbs = options.pdbs ?? [];
    this.plurals = options.customPlurals ?? {};
    this.replacePods = options.replacePods ?? true;
    this.createdPodPhase = options.createdPodPhase ?? 'Succeeded';
    for (const object of options.objects ?? []) this.put(object);
  }

  /** Mutations that were not dry runs: what actually changed the cluster. */
  applied(): RecordedMutation[] {
    return this.mutations.filter((m) => !m.dryRun);
  }

  /** Adds or replaces an object (a test "replacing" a target between plan and execute); returns the stored copy. */
  put(object: Obj): Obj {
    const copy = JSON.parse(JSON.stringify(object)) as Obj;
    copy.metadata ??= {};
    copy.metadata.uid ??= randomUUID();
    copy.metadata.resourceVersion = String(++this.revision);
    copy.metadata.creationTimestamp ??= '2026-12-01T00:00:00Z';
    this.store.set(this.keyOf(copy), copy);
    return copy;
  }

  /** The stored object, or undefined. */
  get(apiVersion: string, kind: string, name: string, namespace?: string): Obj | undefined {
    return this.store.get(this.key(this.prefixOf(apiVersion), namespace, this.pluralOf(apiVersion, kind), name));
  }

  list(kind: string, namespace?: string): Obj[] {
    return [...this.store.values()].filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace));
  }

  /** Answers one request, or undefined when the path is not a resource this fake serves. */
  handle(method: string, url: URL, bodyText: string, headers: Record<string, string | string[] | undefined>): { status: number; body: unknown } | undefined {
    const parts = PATH.exec(url.pathname);
    if (!parts) return undefined;
    const [, prefix, namespace, plural, name, eviction] = parts as unknown as [string, string, string | undefined, string, string | undefined, string | undefined];
    if (prefix === '/api/v1' && !namespace && ['pods'].includes(plural) && name) return undefined;
    const dryRun = url.searchParams.get('dryRun') === 'All';
    let body: Obj | undefined;
    try {
      body = bodyText ? (JSON.parse(bodyText) as Obj) : undefined;
    } catch {
      return { status: 400, body: status(400, 'BadRequest', `the body is not JSON: ${bodyText.slice(0, 80)}`) };
    }
    if (method !== 'GET') {
      const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h.join(',') : h);
      this.mutations.push({
        method, path: url.pathname, dryRun, body,
        ...(headers['impersonate-user'] ? { impersonateUser: one(headers['impersonate-user']) } : {}),
        ...(headers['impersonate-group'] ? { impersonateGroup: one(headers['impersonate-group']) } : {}),
      });
    }
    const key = this.key(prefix, namespace, plural, name);
    if (!name) {
      if (method === 'GET') {
        const collection = `${prefix}|${namespace ?? ''}|${plural}|`;
        let items = [...this.store.entries()].filter(([k]) => (namespace ? k.startsWith(collection) : k.startsWith(`${prefix}|`) && k.split('|')[2] === plural)).map(([, o]) => o);
        const nodeName = /^spec\.nodeName=(.+)$/.exec(url.searchParams.get('fieldSelector') ?? '')?.[1];
        if (nodeName) items = items.filter((o) => o.spec?.nodeName === nodeName);
        return { status: 200, body: { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.revision) }, items } };
      }
      if (method === 'POST') return this.create(prefix, namespace, plural, body ?? {}, dryRun);
      return { status: 405, body: status(405, 'MethodNotAllowed', `${method} on a collection`) };
    }
    const current = this.store.get(key);
    if (eviction) return this.evict(key, current, body, dryRun);
    if (!current) return { status: 404, body: status(404, 'NotFound', `${plural} "${name}" not found`) };
    if (method === 'GET') return { status: 200, body: current };
    if (method === 'DELETE') {
      const pre = body?.preconditions as { uid?: string; resourceVersion?: string } | undefined;
      const conflict = preconditionConflict(current, pre);
      if (conflict) return { status: 409, body: status(409, 'Conflict', conflict) };
      const gone = { ...current, metadata: { ...current.metadata, deletionTimestamp: new Date().toISOString() } };
      if (!dryRun) this.remove(key, current);
      return { status: 200, body: gone };
    }
    if (method === 'PATCH') {
      const type = String(headers['content-type'] ?? '');
      if (!type.startsWith('application/json-patch+json')) return { status: 415, body: status(415, 'UnsupportedMediaType', `the fake takes JSON patches only, not ${type}`) };
      const patched = applyJsonPatch(current, (body as unknown as Obj[]) ?? []);
      if ('error' in patched) return { status: 422, body: status(422, 'Invalid', patched.error) };
      if (dryRun) return { status: 200, body: patched.result };
      patched.result.metadata.resourceVersion = String(++this.revision);
      this.store.set(key, patched.result);
      return { status: 200, body: patched.result };
    }
    return { status: 405, body: status(405, 'MethodNotAllowed', method) };
  }

  private create(prefix: string, namespace: string | undefined, plural: string, body: Obj, dryRun: boolean) {
    const name = body.metadata?.name;
    if (!name) return { status: 422, body: status(422, 'Invalid', 'metadata.name: Required value') };
    const key = this.key(prefix, namespace, plural, name);
    if (this.store.has(key)) return { status: 409, body: status(409, 'AlreadyExists', `${plural} "${name}" already exists`) };
    const object = JSON.parse(JSON.stringify(body)) as Obj;
    object.metadata = { ...object.metadata, uid: randomUUID(), creationTimestamp: new Date().toISOString(), ...(namespace ? { namespace } : {}) };
    if (plural === 'pods') object.status = { phase: this.createdPodPhase };
    if (dryRun) return { status: 201, body: { ...object, metadata: { ...object.metadata, resourceVersion: '' } } };
    object.metadata.resourceVersion = String(++this.revision);
    this.store.set(key, object);
    return { status: 201, body: object };
  }

  private evict(key: string, pod: Obj | undefined, body: Obj | undefined, dryRun: boolean) {
    if (!pod) return { status: 404, body: status(404, 'NotFound', 'pods not found') };
    const conflict = preconditionConflict(pod, body?.deleteOptions?.preconditions);
    if (conflict) return { status: 409, body: status(409, 'Conflict', conflict) };
    const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
    const pdb = this.pdbs.find((p) => p.namespace === pod.metadata.namespace && Object.entries(p.matchLabels).every(([k, v]) => labels[k] === v));
    if (pdb) {
      if ((pdb.refuseFirst ?? 0) > 0 || pdb.disruptionsAllowed <= 0) {
        if (!dryRun && (pdb.refuseFirst ?? 0) > 0) pdb.refuseFirst!--;
        return { status: 429, body: status(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.") };
      }
      if (!dryRun) pdb.disruptionsAllowed--;
    }
    if (!dryRun) this.remove(key, pod);
    return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  }

  private remove(key: string, object: Obj): void {
    this.store.delete(key);
    const owner = object.metadata.ownerReferences?.find((ref: Obj) => ref.controller);
    if (object.kind === 'Pod' && owner && this.replacePods) {
      const { uid: _uid, resourceVersion: _rv, deletionTimestamp: _dt, ...metadata } = object.metadata;
      this.put({
        ...object,
        metadata: { ...metadata, name: `${String(object.metadata.name).replace(/-[a-z0-9]{5}$/, '')}-r${++this.replacements}` },
        // A drained node gets no replacement: the controller schedules elsewhere.
        spec: { ...object.spec, ...(owner.kind === 'DaemonSet' ? {} : { nodeName: `${object.spec?.nodeName ?? 'node'}-elsewhere` }) },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      });
    }
  }

  private prefixOf(apiVersion: string): string {
    return apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
  }

  private pluralOf(apiVersion: string, kind: string): string {
    return this.plurals[`${apiVersion}/${kind}`] ?? CORE_PLURALS[kind] ?? `${kind.toLowerCase()}s`;
  }

  private keyOf(object: Obj): string {
    return this.key(this.prefixOf(object.apiVersion), object.metadata.namespace, this.pluralOf(object.apiVersion, object.kind), object.metadata.name);
  }

  private key(prefix: string, namespace: string | undefined, plural: string, name: string | undefined): string {
    return `${prefix}|${namespace ?? ''}|${plural}|${name ?? ''}`;
  }
}

function preconditionConflict(object: Obj, pre: { uid?: string; resourceVersion?: string } | undefined): string | undefined {
  if (pre?.uid && pre.uid !== object.metadata.uid) {
    return `Operation cannot be fulfilled on ${String(object.kind).toLowerCase()} "${object.metadata.name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${object.metadata.uid}`;
  }
  if (pre?.resourceVersion && pre.resourceVersion !== object.metadata.resourceVersion) {
    return `Operation cannot be fulfilled on ${String(object.kind).toLowerCase()} "${object.metadata.name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${object.metadata.resourceVersion}`;
  }
  return undefined;
}

/** RFC 6902 add, remove, replace and test, on a copy. */
function applyJsonPatch(object: Obj, ops: Obj[]): { result: Obj } | { error: string } {
  const doc = JSON.parse(JSON.stringify(object)) as Obj;
  for (const op of ops) {
    const segments = String(op.path).split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = segments.pop()!;
    let parent: any = doc; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const segment of segments) {
      parent = parent?.[Array.isArray(parent) ? Number(segment) : segment];
      if (parent === undefined) return { error: `the server rejected our request: path ${String(op.path)} does not exist` };
    }
    const index = Array.isArray(parent) ? Number(last) : last;
    if (op.op === 'test') {
      if (JSON.stringify(parent[index]) !== JSON.stringify(op.value)) return { error: `the server rejected our request due to an error in our request: testing value ${String(op.path)} failed` };
    } else if (op.op === 'remove') {
      if (!(index in parent)) return { error: `the server rejected our request: unable to remove nonexistent key: ${last}` };
      if (Array.isArray(parent)) parent.splice(Number(index), 1);
      else delete parent[index];
    } else if (op.op === 'add' || op.op === 'replace') {
      if (op.op === 'replace' && !(index in parent)) return { error: `the server rejected our request: replace operation does not apply: doc is missing key: ${String(op.path)}` };
      parent[index] = op.value;
    } else return { error: `unsupported patch operation ${String(op.op)}` };
  }
  return { result: doc };
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
