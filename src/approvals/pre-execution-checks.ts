import type { Action, ActionContext, Plan } from '../actions/types.js';
import { isActionError } from '../actions/action-error.js';
import type { ActionsConfig } from './actions-config.js';
import type { HoldingsKeeper } from './holdings-keeper.js';
import type { ActionRequest, RefusalCode } from './types.js';

/** The cluster's verdict for an entry now: the caller's applicability check. */
export type CurrentVerdict = (context: string, entryId: string) => Promise<'affected' | 'not-affected' | 'unknown'>;

export interface CheckFailure {
  state: 'stale' | 'blocked';
  code: RefusalCode;
  reason: string;
  next: string;
}

/** Which targets differ between the approved plan and a fresh one, in words. */
function whatChanged(approved: Plan, fresh: Plan): string {
  const lines: string[] = [];
  const freshByName = new Map(fresh.preview.targets.map((t) => [`${t.kind} ${t.namespace ?? ''}/${t.name}`, t]));
  for (const target of approved.preview.targets) {
    const key = `${target.kind} ${target.namespace ?? ''}/${target.name}`;
    const now = freshByName.get(key);
    if (!now) lines.push(`${key} is gone`);
    else if (now.uid !== target.uid) lines.push(`${key} was replaced (uid ${target.uid} is now ${now.uid})`);
    else if (now.resourceVersion !== target.resourceVersion) lines.push(`${key} changed (resourceVersion ${target.resourceVersion} is now ${now.resourceVersion})`);
    freshByName.delete(key);
  }
  for (const key of freshByName.keys()) lines.push(`${key} is new`);
  return lines.length > 0 ? lines.join('; ') : "the server's dry-run answer differs from the approved one";
}

/**
 * Everything checked again after the last approval and before anything runs. The first failure decides:
 * `blocked` when a rule refuses now (kill switch, freeze, node busy, budget), `stale` when what was approved
 * no longer matches the cluster (targets, dry run, verdict). On success the node locks are held and the budget
 * is taken; the caller releases the locks.
 */
export async function preExecutionChecks(input: {
  /** Takes the node locks and the budget, and keeps them through a restart of the store. */
  holdings: HoldingsKeeper;
  config: ActionsConfig;
  request: ActionRequest;
  action: Action;
  ctx: ActionContext;
  replan: () => Promise<Plan>;
  currentVerdict?: CurrentVerdict;
  now: number;
}): Promise<CheckFailure | undefined> {
  const { config, request, now, holdings } = input;
  const approved = request.plan!;
  if (config.killSwitch()) {
    return { state: 'blocked', code: 'kill-switch', reason: 'the fix-action kill switch is on (K8SFIX_ACTIONS_KILL_SWITCH=true)', next: 'an operator must turn it off before any action runs' };
  }
  const freeze = config.freezeWindows.find((w) => now >= w.start && now < w.end);
  if (freeze) return { state: 'blocked', code: 'freeze-window', reason: `a change freeze is in force (${freeze.text})`, next: 'propose the fix again after the freeze ends' };
  if (input.action.nodeLevel && !config.nodeActionsEnabled) {
    return { state: 'blocked', code: 'node-actions-disabled', reason: 'node actions were turned off (K8SFIX_NODE_ACTIONS)', next: 'an operator must set K8SFIX_NODE_ACTIONS=true' };
  }
  if (request.entryId && input.currentVerdict) {
    const verdict = await input.currentVerdict(request.context, request.entryId);
    if (verdict === 'not-affected') {
      return { state: 'stale', code: 'not-affected', reason: `cluster ${request.context} is no longer affected by ${request.entryId}`, next: 'nothing to fix; if the error is back, paste it again' };
    }
  }
  let fresh: Plan;
  try {
    fresh = await input.replan();
  } catch (error) {
    const why = isActionError(error) ? error.message : error instanceof Error ? error.message : String(error);
    return { state: 'stale', code: 'stale', reason: `planning again failed: ${why}`, next: 'look at the cluster and propose the fix again' };
  }
  if (fresh.hash !== approved.hash) {
    return { state: 'stale', code: 'stale', reason: `the cluster changed since the plan was approved: ${whatChanged(approved, fresh)}`, next: 'propose the fix again to get a new plan approved' };
  }
  const nodes = approved.preview.blastRadius.nodes;
  const holds = nodes.length > 0 || approved.preview.disruptive;
  const restarted: CheckFailure = {
    state: 'blocked',
    code: 'store-restarted',
    reason: 'the shared store (Redis) restarted empty while this fix waited for its node locks and budget, so those of running fixes cannot be trusted yet; nothing was sent',
    next: 'propose the fix again once Redis has stayed up',
  };
  const trusted = holds ? await holdings.settled() : undefined;
  if (holds && !trusted) return restarted;
  const busy = await holdings.lock(request.context, nodes, request.id);
  if (busy) {
    return { state: 'blocked', code: 'node-busy', reason: `node ${busy.busy} is in use by another fix action (${busy.by})`, next: 'wait for it to finish, then propose this fix again' };
  }
  if (approved.preview.disruptive && !(await holdings.takeBudget(request.context, config.budgetPerHour, request.id, now))) {
    await holdings.unlock(request.context, nodes, request.id);
    return {
      state: 'blocked',
      code: 'budget-exhausted',
      reason: `cluster ${request.context} already had ${config.budgetPerHour} disruptive fix actions in the last hour (K8SFIX_ACTIONS_BUDGET_PER_HOUR)`,
      next: 'wait until the hour has passed, or raise the budget',
    };
  }
  // A budget entry taken in a new life of the store stays: it counts one action too many, which is the safe side.
  if (trusted && !(await holdings.stillIn(trusted))) {
    await holdings.unlock(request.context, nodes, request.id);
    return restarted;
  }
  return undefined;
}
