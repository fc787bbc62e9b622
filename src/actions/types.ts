import type { AdmissionregistrationV1Api, AppsV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import type { Localized } from '../catalogue/types.js';

export type Risk = 'low' | 'medium' | 'high' | 'critical';
export const RISKS: readonly Risk[] = ['low', 'medium', 'high', 'critical'];

/** Read-write API clients for one context (possibly impersonating a person). */
export interface ActionClients {
  context: string;
  core: CoreV1Api;
  apps: AppsV1Api;
  admission: AdmissionregistrationV1Api;
  custom: CustomObjectsApi;
  abort(): void;
}

/** What an action gets to work with; nothing else reaches a cluster. */
export interface ActionContext {
  clients: ActionClients;
  /** Whether operators turned node-level actions on (`K8SFIX_NODE_ACTIONS=true`). */
  nodeActionsEnabled: boolean;
  /** The image node-action pods run (it must hold nsenter); `K8SFIX_NODE_ACTION_IMAGE`. */
  nodeActionImage: string;
  /** Namespace node-action pods run in; `K8SFIX_NODE_ACTION_NAMESPACE`. */
  nodeActionNamespace: string;
  /** How long verify() waits for the post-condition. */
  verifyTimeoutMs: number;
  /** Pause between verify polls and eviction retries; tests shorten it. */
  pollMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** One parameter: a full-match pattern, so no free text reaches a request. */
export interface ParamSpec {
  name: string;
  /** Anchored (^...$) pattern the whole value must match. */
  pattern: RegExp;
  description: Localized;
  /** A fixed set of values, when there is one (shown in `k8sfix fix list` and modal choices). */
  choices?: readonly string[];
  optional?: boolean;
}

export type ActionParams = Readonly<Record<string, string>>;

/** An object the plan read, as it was: execute refuses to touch it unless it still has this uid and resourceVersion. */
export interface Target {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  resourceVersion: string;
}

/** A JSON Patch operation (RFC 6902), the only patch format actions send. */
export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: unknown;
}

/** One change exactly as it will be sent, with what the API server said it would do (`dryRun=All`). */
export type Change =
  | { kind: 'delete'; target: Target; dryRun: unknown }
  | { kind: 'patch'; target: Target; patch: JsonPatchOp[]; diff: { path: string; before: unknown; after: unknown }[]; dryRun: unknown }
  | { kind: 'evict'; target: Target; dryRun: unknown }
  | { kind: 'create'; object: Record<string, unknown>; dryRun: unknown };

/** What an approver sees and approves; its hash is what ties the approval to this exact preview. */
export interface Preview {
  action: string;
  context: string;
  params: Record<string, string>;
  summary: Localized;
  targets: Target[];
  changes: Change[];
  blastRadius: { nodes: string[]; podsEvicted: string[] };
  /** Counts against the cluster's disruption budget (pods restarted or evicted, node-level commands). */
  disruptive: boolean;
  /** Set on the plan an action's undo() makes: execute() then reverses its own earlier change. */
  direction?: 'undo';
}

export interface Plan {
  preview: Preview;
  /** SHA-256 of the preview's canonical JSON. */
  hash: string;
  /** State kept for undo (a deleted webhook configuration, the value a patch replaced); not part of the hash. */
  snapshot?: unknown;
}

export interface ExecuteResult {
  /** One line per request sent, in order (`DELETE pod kube-system/anetd-x7k2p`). */
  sent: string[];
  /** Problems reported along the way and dealt with (a 429 from the eviction API, retried). */
  notes: string[];
}

export interface VerifyResult {
  ok: boolean;
  detail: string;
}

export interface Action {
  id: string;
  title: Localized;
  risk: Risk;
  params: readonly ParamSpec[];
  /** Node-level actions run only when `K8SFIX_NODE_ACTIONS=true`. */
  nodeLevel?: boolean;
  /** Reads the current objects and asks the API server for a dry run; changes nothing. */
  plan(ctx: ActionContext, params: ActionParams): Promise<Plan>;
  /** Makes the change with preconditions; throws an ActionError (stale, conflict, refused) when it cannot. */
  execute(ctx: ActionContext, plan: Plan): Promise<ExecuteResult>;
  /** The post-condition, within ctx.verifyTimeoutMs. */
  verify(ctx: ActionContext, plan: Plan): Promise<VerifyResult>;
  /** Plans the reverse change from an executed plan, when there is one; it is then approved like any plan. */
  undo?(ctx: ActionContext, executed: Plan): Promise<Plan>;
}
