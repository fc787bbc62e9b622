import type { Logger, webApi } from '@slack/bolt';
import type { Action, ActionContext } from '../actions/types.js';
import type { ActionsConfig } from '../approvals/actions-config.js';
import { createAuditSink, type AuditSink } from '../approvals/audit-sink.js';
import { createAuditTrail } from '../approvals/audit-trail.js';
import { createApprovals, type Approvals } from '../approvals/create-approvals.js';
import { OpenRequestsFeed } from '../approvals/open-requests.js';
import type { CurrentVerdict } from '../approvals/pre-execution-checks.js';
import type { Metrics } from '../observe/metrics.js';
import type { Store } from '../store/store.js';
import { createApproverGroups, type ApproverGroups } from './approver-groups.js';
import { expireWhenDue } from './expire-when-due.js';
import { ExpiryTimers } from './expiry-timers.js';
import { followOpenRequests } from './follow-open-requests.js';
import { FixProposals } from './fix-proposals.js';

/** What the app needs to offer fix actions; absent, or with `config.enabled` false, no fix button is shown. */
export interface FixActionsDeps {
  config: ActionsConfig;
  actions: ReadonlyMap<string, Action>;
  /** The context an action runs in for a cluster (createActionContext over the cluster module's client factory). */
  actionContext(context: string, approver?: string): ActionContext;
  /** Where audit records go besides the shared store; default: `config.auditFile` (a JSONL file or `-`). */
  auditSink?: AuditSink;
  currentVerdict?: CurrentVerdict;
  now?: () => number;
  /** How often the audit trail is read for open requests that other replicas posted; default a minute. */
  followEveryMs?: number;
  /** How long after Redis restarts empty before node locks and the budget are trusted (see createApprovals); default 15 s, 0 on MemoryStore. */
  storeSettleMs?: number;
}

/** The fix-action parts listeners use. */
export interface FixActions {
  config: ActionsConfig;
  actions: ReadonlyMap<string, Action>;
  approvals: Approvals;
  proposals: FixProposals;
  groups: ApproverGroups;
  /** The shared store itself, where approval messages are located. */
  store: Store;
  metrics?: Metrics;
  /** Timers that end open approval requests on time, so their messages say so unclicked. */
  expiries: ExpiryTimers;
  close(): void;
}

/**
 * Builds the approvals module on the shared store itself (never the local-fallback wrapper), so that an
 * unreachable Redis refuses every action instead of approving it in one replica's memory.
 */
export function createFixActions(deps: FixActionsDeps, store: Store, client: webApi.WebClient, logger?: Logger, metrics?: Metrics): FixActions {
  const sink = deps.auditSink ?? createAuditSink(deps.config.auditFile);
  const audit = createAuditTrail(store, sink, deps.now);
  const groups = createApproverGroups(client, store, logger);
  const approvals = createApprovals({
    store,
    audit,
    config: deps.config,
    actions: deps.actions,
    actionContext: deps.actionContext,
    groupMembers: groups.members,
    ...(deps.currentVerdict ? { currentVerdict: deps.currentVerdict } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.storeSettleMs !== undefined ? { storeSettleMs: deps.storeSettleMs } : {}),
    onHoldingLost: (what) => logger?.error(`k8sfix: ${what}; look at that node now`),
  });
  const fix: FixActions = {
    config: deps.config,
    actions: deps.actions,
    approvals,
    proposals: new FixProposals(store),
    groups,
    store,
    ...(metrics ? { metrics } : {}),
    expiries: new ExpiryTimers(
      (requestId) => expireWhenDue(fix, client, requestId),
      {
        ...(deps.now ? { now: deps.now } : {}),
        onError: (requestId, error) => logger?.warn(`k8sfix: could not expire fix-action request ${requestId} on time: ${error instanceof Error ? error.message : String(error)}`),
      },
    ),
    close: () => {
      stopFollowing();
      approvals.close();
      fix.expiries.close();
      sink.close();
    },
  };
  // Requests posted before this replica started, or by a replica that has stopped since, get a timer here too.
  const stopFollowing = followOpenRequests(new OpenRequestsFeed(store), fix.expiries, {
    ...(deps.followEveryMs !== undefined ? { everyMs: deps.followEveryMs } : {}),
    onError: (error) => logger?.warn(`k8sfix: could not read the audit trail for open fix-action requests (will try again every minute): ${error instanceof Error ? error.message : String(error)}`),
  });
  return fix;
}
