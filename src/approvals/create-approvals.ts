import { isActionError } from '../actions/action-error.js';
import type { Action, ActionContext, Plan } from '../actions/types.js';
import { validateParams } from '../actions/validate-params.js';
import { isStoreUnavailableError } from '../store/store-unavailable-error.js';
import type { Store } from '../store/store.js';
import type { ActionsConfig } from './actions-config.js';
import { checkApprover, requiredApprovals, type GroupMembers } from './approval-policy.js';
import type { AuditTrail } from './audit-trail.js';
import { HoldingsKeeper } from './holdings-keeper.js';
import { LOCK_TTL_MS } from './node-lock.js';
import { preExecutionChecks, type CurrentVerdict } from './pre-execution-checks.js';
import { createRequest, isRequestId, loadRequest, newRequestId, updateRequest } from './request-store.js';
import { FINAL_STATES, type ActionRequest, type ApproveResult, type EndResult, type ProposeResult, type Refusal, type RefusalCode, type RequestState } from './types.js';

export interface ApprovalsDeps {
  /**
   * The shared store itself (RedisStore, or MemoryStore for one replica), never `withLocalFallback`: a replica's
   * own memory would let a lock, a budget or a request read succeed while Redis is away. Actions fail closed.
   */
  store: Store;
  audit: AuditTrail;
  config: ActionsConfig;
  actions: ReadonlyMap<string, Action>;
  /** The context actions run in for a cluster; `approver` is the person whose approval runs it (for impersonation). */
  actionContext(context: string, approver?: string): ActionContext;
  groupMembers?: GroupMembers;
  currentVerdict?: CurrentVerdict;
  now?: () => number;
  /**
   * How long after the shared store starts a new life (a restart of a Redis that keeps nothing on disk) before node
   * locks and the disruption budget are trusted, so that running fixes can take theirs back first. Default 15 s;
   * 0 where the store cannot be lost without this process (MemoryStore).
   */
  storeSettleMs?: number;
  /** Told when a running fix lost its node lock to another request while the store was away. */
  onHoldingLost?: (what: string) => void;
}

/** Told of a run's progress; it must not throw, and the run does not wait for it. */
export interface RunWatcher {
  running?(request: ActionRequest): void;
}

export interface ProposeInput {
  action: string;
  context: string;
  params: Record<string, unknown>;
  requester: string;
  entryId?: string;
}

export interface Approvals {
  propose(input: ProposeInput): Promise<ProposeResult>;
  /**
   * Records one approval; the last one needed runs the action (re-checked first) and returns how it ended.
   * `watch.running` is told when the run starts sending, so people can see it before it ends.
   */
  approve(requestId: string, clickerId: string, reason?: string, watch?: RunWatcher): Promise<ApproveResult>;
  reject(requestId: string, clickerId: string, reason?: string): Promise<EndResult>;
  cancel(requestId: string, clickerId: string): Promise<EndResult>;
  /** Ends a request whose time is up: a pending one nobody approved, or a run cut off by its replica stopping. */
  expire(requestId: string): Promise<EndResult>;
  /** A new request to reverse a succeeded one, needing approval like any other. */
  proposeUndo(requestId: string, requester: string): Promise<ProposeResult>;
  get(requestId: string): Promise<ActionRequest | undefined>;
  /** Whether the succeeded request's action can be undone. */
  canUndo(request: ActionRequest): boolean;
  /** Stops looking after what this replica holds in the store. */
  close(): void;
}

/**
 * When a request that is approved or executing counts as interrupted; undefined in any other state. A run takes no
 * longer than its node locks are held, so a request still approved or executing that long after its last approval,
 * plus the verify timeout, was cut off because the replica running it stopped.
 */
export function runDeadline(request: ActionRequest, verifyTimeoutMs: number): number | undefined {
  if (request.state !== 'approved' && request.state !== 'executing') return undefined;
  return Math.max(request.createdAt, ...request.approvals.map((approval) => approval.at)) + LOCK_TTL_MS + verifyTimeoutMs;
}

const refusal = (code: RefusalCode, reason: string, next: string, request?: ActionRequest): Refusal => ({ ok: false, code, reason, next, ...(request ? { request } : {}) });

const STORE_DOWN = (request?: ActionRequest) =>
  refusal('store-unavailable', 'the shared store (Redis) cannot be reached, and fix actions never run without it', 'nothing was changed; try again when Redis is back', request);

function notPending(request: ActionRequest): Refusal {
  const already: Partial<Record<RequestState, string>> = {
    approved: 'it was already approved and is being run',
    executing: 'it is already running',
    succeeded: 'it already ran and succeeded',
    failed: 'it already ran and failed',
    rejected: 'it was rejected',
    cancelled: 'it was cancelled by the requester',
    expired: 'it expired',
    stale: 'it went stale: the cluster changed after the plan',
    blocked: 'it was blocked at execution',
    proposed: 'its plan is still being made',
  };
  return refusal('not-pending', `this request is ${request.state}: ${already[request.state] ?? ''}`.trim(), 'each request runs at most once; propose the fix again for a new one', request);
}

/**
 * The fix-action module: requests, their state machine on the shared store, the approval policy, the checks
 * before execution and the audit trail. It knows nothing of Slack; the Slack listeners and the CLI call it.
 * Every transition is one compare-and-set on the stored request, so two replicas, Slack's retries and double
 * clicks execute once; a store that cannot be reached refuses everything (fail closed).
 */
export function createApprovals(deps: ApprovalsDeps): Approvals {
  const now = deps.now ?? Date.now;
  const { store, audit, config } = deps;
  const holdings = new HoldingsKeeper(store, {
    now,
    ...(deps.storeSettleMs !== undefined ? { settleMs: deps.storeSettleMs } : {}),
    ...(deps.onHoldingLost ? { onLost: deps.onHoldingLost } : {}),
  });
  void holdings.start();

  async function guarded<T extends { ok: boolean }>(work: () => Promise<T | Refusal>): Promise<T | Refusal> {
    try {
      return await work();
    } catch (error) {
      if (isStoreUnavailableError(error)) return STORE_DOWN();
      throw error;
    }
  }

  async function transition(id: string, from: readonly RequestState[], to: RequestState, patch: Partial<ActionRequest> = {}): Promise<ActionRequest | undefined> {
    const result = await updateRequest<undefined>(store, id, (request) =>
      from.includes(request.state) ? { next: { ...request, ...patch, state: to } } : { stop: undefined },
    );
    return result && 'updated' in result ? result.updated : undefined;
  }

  const stored = async (request: ActionRequest): Promise<ActionRequest> => (await loadRequest(store, request.id))?.request ?? request;

  /**
   * A request whose run was cut off (its replica stopped between the approval and the end) would say "being run"
   * forever. The first look at it after the run's longest time ends it as failed, saying whether anything may have
   * been sent, and it is never run again: nobody knows which steps reached the cluster (fail closed).
   */
  async function endIfInterrupted(request: ActionRequest): Promise<Refusal | undefined> {
    const deadline = runDeadline(request, config.verifyTimeoutMs);
    if (deadline === undefined || now() < deadline) return undefined;
    const mayHaveSent = request.state === 'executing';
    const reason = mayHaveSent
      ? 'interrupted while it ran: the k8sfix replica running it stopped before it finished, so its change may or may not have reached the cluster'
      : 'interrupted before it ran: the k8sfix replica running it stopped after the approval, and nothing was sent to the cluster';
    const ended = await transition(request.id, [request.state], 'failed', { outcome: { at: now(), reason } });
    if (!ended) return undefined;
    await audit.append({ requestId: request.id, event: 'interrupted', actor: 'k8sfix', state: 'failed', detail: { reason, was: request.state } });
    return refusal(
      'interrupted',
      `this request was ${reason}`,
      mayHaveSent ? 'check the cluster (the audit trail lists what was sent), then propose the fix again if it is still needed' : 'propose the fix again for a fresh plan',
      ended,
    );
  }

  async function makeRequest(input: ProposeInput & { undoOf?: ActionRequest['undoOf'] }, plan: (action: Action, ctx: ActionContext) => Promise<Plan>): Promise<ProposeResult> {
    if (!config.enabled) return refusal('actions-disabled', 'fix actions are turned off', 'an operator can enable them with K8SFIX_ACTIONS=true (see the README)');
    const action = deps.actions.get(input.action);
    if (!action) return refusal('unknown-action', `there is no fix action "${input.action}"`, 'run k8sfix fix list for the actions there are');
    if (action.nodeLevel && !config.nodeActionsEnabled) {
      return refusal('node-actions-disabled', `${action.id} runs on a node, and node actions are off`, 'an operator can allow them with K8SFIX_NODE_ACTIONS=true and deploy/components/node-actions');
    }
    let params;
    try {
      params = validateParams(action, input.params);
    } catch (error) {
      if (isActionError(error)) return refusal('invalid-params', error.message, 'correct the parameters and propose again');
      throw error;
    }
    if (input.entryId && deps.currentVerdict && (await deps.currentVerdict(input.context, input.entryId)) === 'not-affected') {
      return refusal('not-affected', `cluster ${input.context} is not affected by ${input.entryId}`, 'no fix is offered for a cluster the issue does not apply to');
    }
    const created = now();
    const request: ActionRequest = {
      id: newRequestId(),
      state: 'proposed',
      action: action.id,
      context: input.context,
      params: { ...params },
      ...(input.entryId ? { entryId: input.entryId } : {}),
      ...(input.undoOf ? { undoOf: input.undoOf } : {}),
      requester: input.requester,
      risk: action.risk,
      requiredApprovals: requiredApprovals(action.risk),
      approvals: [],
      createdAt: created,
      expiresAt: created + config.expiryMs,
    };
    await createRequest(store, request);
    await audit.append({ requestId: request.id, event: input.undoOf ? 'undo-proposed' : 'proposed', actor: input.requester, state: 'proposed', detail: { action: action.id, context: input.context, params, ...(input.undoOf ? { undoOf: input.undoOf.requestId } : {}) } });
    let made: Plan;
    try {
      made = await plan(action, deps.actionContext(input.context));
    } catch (error) {
      if (isStoreUnavailableError(error)) throw error;
      const why = error instanceof Error ? error.message : String(error);
      const failed = await transition(request.id, ['proposed'], 'failed', { outcome: { at: now(), reason: `plan failed: ${why}` } });
      await audit.append({ requestId: request.id, event: 'plan-failed', actor: 'k8sfix', state: 'failed', detail: { reason: why } });
      return refusal('plan-failed', `the plan could not be made: ${why}`, 'fix what the reason names, then propose again', failed);
    }
    const pending = await transition(request.id, ['proposed'], 'pending', { plan: made });
    await audit.append({ requestId: request.id, event: 'previewed', actor: 'k8sfix', state: 'pending', detail: { hash: made.hash, targets: made.preview.targets, blastRadius: made.preview.blastRadius, risk: action.risk, requiredApprovals: request.requiredApprovals, expiresAt: new Date(request.expiresAt).toISOString() } });
    return { ok: true, request: pending! };
  }

  /** After the last approval: re-check, then execute and verify. Only the replica whose approval completed the request gets here. */
  async function run(request: ActionRequest, approver: string, watch?: RunWatcher): Promise<ApproveResult> {
    const action = deps.actions.get(request.action)!;
    const ctx = deps.actionContext(request.context, approver);
    const nodes = request.plan!.preview.blastRadius.nodes;
    const replan = () => (request.undoOf ? action.undo!(ctx, request.undoOf.executed) : action.plan(ctx, request.params));
    let executing: ActionRequest | undefined;
    try {
      const failure = await preExecutionChecks({ holdings, config, request, action, ctx, replan, ...(deps.currentVerdict ? { currentVerdict: deps.currentVerdict } : {}), now: now() });
      if (failure) {
        const ended = await transition(request.id, ['approved'], failure.state, { outcome: { at: now(), reason: failure.reason } });
        await audit.append({ requestId: request.id, event: failure.state, actor: 'k8sfix', state: failure.state, detail: { code: failure.code, reason: failure.reason } });
        return refusal(failure.code, failure.reason, failure.next, ended ?? request);
      }
      executing = await transition(request.id, ['approved'], 'executing');
      if (!executing) {
        // Ended meanwhile (or gone with the store): it will not run, so its node locks are let go at once.
        await holdings.unlock(request.context, nodes, request.id).catch(() => undefined);
        const current = await loadRequest(store, request.id);
        if (current) return notPending(current.request);
        return refusal('unknown-request', 'this request was lost from the shared store (Redis) before it ran, and nothing was sent', 'propose the fix again', request);
      }
      await audit.append({ requestId: request.id, event: 'executing', actor: approver, state: 'executing', detail: { hash: request.plan!.hash } });
      watch?.running?.(executing);
    } catch (error) {
      await holdings.unlock(request.context, nodes, request.id).catch(() => undefined);
      throw error;
    }
    try {
      let execute;
      try {
        execute = await action.execute(ctx, request.plan!);
      } catch (error) {
        const stale = isActionError(error) && error.code === 'stale';
        const why = error instanceof Error ? error.message : String(error);
        const state = stale ? 'stale' : 'failed';
        const ended = (await transition(request.id, ['executing'], state, { outcome: { at: now(), reason: why } })) ?? (await stored(request));
        await audit.append({ requestId: request.id, event: stale ? 'stale' : 'execute-failed', actor: 'k8sfix', state, detail: { reason: why } });
        return refusal(stale ? 'stale' : 'execute-failed', why, stale ? 'propose the fix again to plan it afresh' : 'look at the cluster; nothing after the failed step was sent', ended);
      }
      await audit.append({ requestId: request.id, event: 'executed', actor: 'k8sfix', state: 'executing', detail: { sent: execute.sent, notes: execute.notes } });
      const verify = await action.verify(ctx, request.plan!);
      const state = verify.ok ? 'succeeded' : 'failed';
      // A run that outlived its time was already ended as interrupted by another look at it; that record stands.
      const ended = (await transition(request.id, ['executing'], state, { outcome: { at: now(), reason: verify.detail, execute, verify } })) ?? (await stored(request));
      await audit.append({ requestId: request.id, event: verify.ok ? 'verified' : 'verify-failed', actor: 'k8sfix', state, detail: { detail: verify.detail } });
      if (!verify.ok) return refusal('verify-failed', `the change was made but its check failed: ${verify.detail}`, 'look at the cluster; the change itself was sent', ended);
      if (ended.state !== 'succeeded') return notPending(ended);
      return { ok: true, request: ended, needed: 0 };
    } catch (error) {
      // Past this point the change may have reached the cluster: no answer may say "nothing was changed" (the
      // store's usual refusal), and the request is never run again. If it could not be ended here, it ends as
      // interrupted when its run's time is up.
      const why = isStoreUnavailableError(error) ? 'the shared store (Redis) could not be reached' : error instanceof Error ? error.message : String(error);
      return refusal(
        'outcome-unrecorded',
        `the change may have reached the cluster, but how the run ended could not be recorded: ${why}`,
        'check the cluster before anything else (the audit files list what was sent); do not propose it again until you know',
        executing,
      );
    } finally {
      await holdings.unlock(request.context, nodes, request.id).catch(() => undefined);
    }
  }

  async function end(requestId: string, to: 'rejected' | 'cancelled' | 'expired', actor: string, allowed: (request: ActionRequest) => Refusal | undefined, reason?: string): Promise<EndResult> {
    return guarded(async () => {
      if (!isRequestId(requestId)) return refusal('unknown-request', 'this is not a fix-action request id', 'use the buttons of the request message');
      const result = await updateRequest<Refusal>(store, requestId, (request) => {
        if (request.state !== 'pending') return { stop: notPending(request) };
        const refused = allowed(request);
        return refused ? { stop: refused } : { next: { ...request, state: to, outcome: { at: now(), reason: reason ?? to } } };
      });
      if (!result) return refusal('unknown-request', 'no such request (it may have been removed after a week)', 'propose the fix again');
      // A request past pending may be a run cut off long ago: this look ends it.
      if ('stopped' in result) return (result.stopped.request && (await endIfInterrupted(result.stopped.request))) ?? result.stopped;
      await audit.append({ requestId, event: to, actor, state: to, ...(reason ? { detail: { reason } } : {}) });
      return { ok: true, request: result.updated };
    });
  }

  return {
    propose: (input) => guarded(() => makeRequest(input, (action, ctx) => action.plan(ctx, validateParams(action, input.params)))),

    proposeUndo: (requestId, requester) =>
      guarded(async () => {
        const loaded = await loadRequest(store, requestId);
        if (!loaded) return refusal('unknown-request', 'no such request', 'undo is offered on the result of a fix that succeeded');
        const original = loaded.request;
        const action = deps.actions.get(original.action);
        if (original.state !== 'succeeded' || !action?.undo || !original.plan) {
          return refusal('no-undo', `request ${requestId} (${original.action}, ${original.state}) cannot be undone`, 'only a fix that succeeded and has an undo can be reversed', original);
        }
        const executed = original.undoOf ? undefined : original.plan;
        if (!executed) return refusal('no-undo', 'an undo cannot itself be undone', 'propose the original fix again instead', original);
        return makeRequest(
          { action: original.action, context: original.context, params: original.params, requester, undoOf: { requestId, executed } },
          (act, ctx) => act.undo!(ctx, executed),
        );
      }),

    approve: (requestId, clickerId, reason, watch) =>
      guarded(async () => {
        if (!isRequestId(requestId)) return refusal('unknown-request', 'this is not a fix-action request id', 'use the buttons of the request message');
        const loaded = await loadRequest(store, requestId);
        if (!loaded) return refusal('unknown-request', 'no such request', 'propose the fix again');
        const interrupted = await endIfInterrupted(loaded.request);
        if (interrupted) return interrupted;
        if (loaded.request.state === 'pending' && now() >= loaded.request.expiresAt) {
          const expired = await end(requestId, 'expired', 'k8sfix', () => undefined, 'not approved in time');
          const request = expired.ok ? expired.request : loaded.request;
          return refusal('expired', `this request expired at ${new Date(loaded.request.expiresAt).toISOString()}`, 'propose the fix again for a fresh plan', request);
        }
        const policy = loaded.request.state === 'pending' ? await checkApprover(config.approvers, deps.groupMembers, loaded.request, clickerId, reason) : undefined;
        if (policy) return refusal(policy.code, policy.reason, policy.next, loaded.request);
        const result = await updateRequest<Refusal>(store, requestId, (request) => {
          if (request.state !== 'pending') return { stop: notPending(request) };
          if (now() >= request.expiresAt) return { stop: refusal('expired', 'this request expired', 'propose the fix again', request) };
          if (request.approvals.some((a) => a.by === clickerId)) {
            return { stop: refusal('already-approved-by-you', 'you already approved this request', 'ask another approver', request) };
          }
          const approvals = [...request.approvals, { by: clickerId, at: now(), ...(reason ? { reason } : {}) }];
          return { next: { ...request, approvals, state: approvals.length >= request.requiredApprovals ? 'approved' : 'pending' } };
        });
        if (!result) return refusal('unknown-request', 'no such request', 'propose the fix again');
        if ('stopped' in result) return result.stopped;
        const request = result.updated;
        await audit.append({ requestId, event: 'approved', actor: clickerId, state: request.state, detail: { approvals: request.approvals.length, of: request.requiredApprovals, ...(reason ? { reason } : {}) } });
        if (request.state === 'pending') return { ok: true, request, needed: request.requiredApprovals - request.approvals.length };
        return run(request, clickerId, watch);
      }),

    reject: (requestId, clickerId, reason) =>
      end(requestId, 'rejected', clickerId, (request) => {
        if (clickerId === request.requester) return refusal('own-request', 'you proposed this fix', 'use Cancel to withdraw your own request', request);
        return undefined;
      }, reason),

    cancel: (requestId, clickerId) =>
      end(requestId, 'cancelled', clickerId, (request) =>
        clickerId === request.requester ? undefined : refusal('not-requester', 'only the requester can cancel a request', 'approvers can Reject it instead', request),
      ),

    expire: (requestId) =>
      end(requestId, 'expired', 'k8sfix', (request) => (now() >= request.expiresAt ? undefined : refusal('not-pending', 'this request has not expired yet', 'wait for its expiry, or cancel it', request)), 'not approved in time'),

    get: (requestId) => guarded(async () => ({ ok: true as const, request: (await loadRequest(store, requestId))?.request })).then((r) => (r.ok ? r.request : undefined)),

    canUndo: (request) => request.state === 'succeeded' && !request.undoOf && !!deps.actions.get(request.action)?.undo,

    close: () => holdings.close(),
  };
}

export { FINAL_STATES };
