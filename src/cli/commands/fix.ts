import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ACTIONS, findAction } from '../../../handlers/registry.js';
import { isActionError } from '../../actions/action-error.js';
import { createActionContext } from '../../actions/create-action-context.js';
import { formatPreview } from '../../actions/format-preview.js';
import type { Action, ActionContext, Plan } from '../../actions/types.js';
import { validateParams } from '../../actions/validate-params.js';
import { isActionsConfigError } from '../../approvals/actions-config-error.js';
import type { ActionsConfig } from '../../approvals/actions-config.js';
import { createAuditSink } from '../../approvals/audit-sink.js';
import { createAuditTrail } from '../../approvals/audit-trail.js';
import { loadActionsConfigFromEnv } from '../../approvals/load-actions-config-from-env.js';
import { newRequestId } from '../../approvals/request-store.js';
import { seedStoreFromAuditFile } from '../../approvals/seed-store-from-audit-file.js';
import { KubeClientFactory } from '../../clusters/kube-client-factory.js';
import { createStore } from '../../store/create-store.js';
import { MemoryStore } from '../../store/memory-store.js';
import type { CliIo } from '../cli-io.js';

const USAGE = `usage:
  k8sfix fix list [--json]                                         the fix actions: id, risk, parameters
  k8sfix fix plan ACTION --context C --param k=v ... [--json]      the preview (the server's dry run); nothing changes
  k8sfix fix run ACTION --context C --param k=v ... --yes          plan, run and verify with your own kubeconfig, audited`;

interface Parsed {
  action: string;
  context: string;
  params: Record<string, string>;
  json: boolean;
  yes: boolean;
}

function parse(args: string[]): Parsed | string {
  const [action, ...rest] = args;
  if (!action || action.startsWith('-')) return 'name the ACTION (k8sfix fix list shows them)';
  const parsed: Parsed = { action, context: '', params: {}, json: false, yes: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--yes') parsed.yes = true;
    else if (arg === '--context') parsed.context = rest[++i] ?? '';
    else if (arg === '--param') {
      const pair = rest[++i] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) return `--param takes NAME=VALUE, got "${pair.slice(0, 60)}"`;
      parsed.params[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else return `unknown argument "${arg.slice(0, 60)}"`;
  }
  if (!parsed.context) return '--context NAME is required (kubectl config get-contexts lists them)';
  return parsed;
}

export interface FixCommandDeps {
  env?: NodeJS.ProcessEnv;
  /** Overrides for the action context (tests shorten polling). */
  context?: Partial<ActionContext>;
}

/** `k8sfix fix list|plan|run`: exit 0 done, 1 refused or failed (with the reason), 2 bad usage. */
export async function runFixCommand(args: string[], io: CliIo, deps: FixCommandDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, io);
  if (sub !== 'plan' && sub !== 'run') {
    io.stderr(`k8sfix: fix needs list, plan or run\n${USAGE}\n`);
    return sub === '-h' || sub === '--help' ? 0 : 2;
  }
  const parsed = parse(rest);
  if (typeof parsed === 'string') {
    io.stderr(`k8sfix: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const action = findAction(parsed.action);
  if (!action) {
    io.stderr(`k8sfix: there is no fix action "${parsed.action.slice(0, 60)}": k8sfix fix list shows them\n`);
    return 2;
  }
  if (sub === 'run' && !parsed.yes) {
    io.stderr(`k8sfix: fix run changes the cluster: look at k8sfix fix plan first, then add --yes\n`);
    return 2;
  }
  let config: ActionsConfig;
  try {
    config = loadActionsConfigFromEnv({ ...env, K8SFIX_ACTIONS: 'false' });
  } catch (error) {
    if (isActionsConfigError(error)) {
      io.stderr(`k8sfix: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let params;
  try {
    params = validateParams(action, parsed.params);
  } catch (error) {
    if (isActionError(error)) {
      io.stderr(`k8sfix: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const factory = new KubeClientFactory(env.KUBECONFIG !== undefined ? { kubeconfig: env.KUBECONFIG } : {});
  let ctx: ActionContext;
  try {
    ctx = createActionContext(factory, config, parsed.context, undefined, deps.context);
  } catch (error) {
    io.stderr(`k8sfix: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    return sub === 'plan' ? await plan(action, ctx, params, parsed.json, io) : await run(action, ctx, params, config, env, io);
  } finally {
    ctx.clients.abort();
  }
}

function list(args: string[], io: CliIo): number {
  const json = args.includes('--json');
  const rows = ACTIONS.map((a) => ({
    id: a.id,
    risk: a.risk,
    title: a.title,
    nodeLevel: !!a.nodeLevel,
    params: a.params.map((p) => ({ name: p.name, pattern: p.pattern.source, ...(p.choices ? { choices: p.choices } : {}), optional: !!p.optional, description: p.description.en })),
  }));
  if (json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    for (const row of rows) {
      io.stdout(`${row.id.padEnd(32)} ${row.risk.padEnd(8)} ${row.title.en}${row.nodeLevel ? ' (node action: K8SFIX_NODE_ACTIONS=true)' : ''}\n`);
      for (const p of row.params) io.stdout(`    --param ${p.name}=${p.choices ? p.choices.join('|') : p.name.toUpperCase()}${p.optional ? ' (optional)' : ''}  ${p.description}\n`);
    }
  }
  return 0;
}

async function plan(action: Action, ctx: ActionContext, params: Record<string, string>, json: boolean, io: CliIo): Promise<number> {
  try {
    const made = await action.plan(ctx, params);
    io.stdout(json ? `${JSON.stringify({ preview: made.preview, hash: made.hash, risk: action.risk }, null, 2)}\n` : `${formatPreview(action, made)}\nnothing was changed; k8sfix fix run ... --yes runs it\n`);
    return 0;
  } catch (error) {
    io.stderr(`k8sfix: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function run(action: Action, ctx: ActionContext, params: Record<string, string>, config: ActionsConfig, env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  if (config.killSwitch()) {
    io.stderr('k8sfix: the fix-action kill switch is on (K8SFIX_ACTIONS_KILL_SWITCH=true): nothing runs\n');
    return 1;
  }
  const freeze = config.freezeWindows.find((w) => Date.now() >= w.start && Date.now() < w.end);
  if (freeze) {
    io.stderr(`k8sfix: a change freeze is in force (${freeze.text}): nothing runs\n`);
    return 1;
  }
  const file = env.K8SFIX_AUDIT_FILE?.trim() || join(homedir(), '.k8sfix', 'audit.jsonl');
  const store = createStore(env);
  const sink = createAuditSink(file, io.stdout);
  const requestId = newRequestId();
  const actor = `cli:${userInfo().username}`;
  try {
    if (store instanceof MemoryStore) await seedStoreFromAuditFile(store, file);
    const audit = createAuditTrail(store, sink);
    await audit.append({ requestId, event: 'proposed', actor, state: 'proposed', detail: { action: action.id, context: ctx.clients.context, params, via: 'cli --yes' } });
    let made: Plan;
    try {
      made = await action.plan(ctx, params);
    } catch (error) {
      await audit.append({ requestId, event: 'plan-failed', actor: 'k8sfix', state: 'failed', detail: { reason: String((error as Error).message ?? error) } });
      io.stderr(`k8sfix: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    io.stdout(`${formatPreview(action, made)}\n`);
    await audit.append({ requestId, event: 'previewed', actor: 'k8sfix', state: 'approved', detail: { hash: made.hash, targets: made.preview.targets, blastRadius: made.preview.blastRadius } });
    await audit.append({ requestId, event: 'executing', actor, state: 'executing', detail: { hash: made.hash } });
    try {
      const result = await action.execute(ctx, made);
      await audit.append({ requestId, event: 'executed', actor: 'k8sfix', state: 'executing', detail: { sent: result.sent, notes: result.notes } });
      for (const line of [...result.sent, ...result.notes]) io.stdout(`  ${line}\n`);
    } catch (error) {
      await audit.append({ requestId, event: 'execute-failed', actor: 'k8sfix', state: 'failed', detail: { reason: (error as Error).message } });
      io.stderr(`k8sfix: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const verify = await action.verify(ctx, made);
    await audit.append({ requestId, event: verify.ok ? 'verified' : 'verify-failed', actor: 'k8sfix', state: verify.ok ? 'succeeded' : 'failed', detail: { detail: verify.detail } });
    io.stdout(`${verify.ok ? 'done' : 'the change was made but its check failed'}: ${verify.detail}\naudit: ${file} (request ${requestId})\n`);
    return verify.ok ? 0 : 1;
  } catch (error) {
    // The audit trail could not be written (Redis away): fail closed, whatever had not run yet does not run.
    io.stderr(`k8sfix: ${error instanceof Error ? error.message : String(error)}: nothing more was run\n`);
    return 1;
  } finally {
    sink.close();
    await store.close();
  }
}
