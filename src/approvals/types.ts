import type { ExecuteResult, Plan, Risk, VerifyResult } from '../actions/types.js';

/**
 * proposed → pending → approved → executing → succeeded | failed; a request can also end rejected, cancelled,
 * expired, stale (what was approved no longer matches the cluster) or blocked (a rule refused it at execution).
 */
export type RequestState =
  | 'proposed'
  | 'pending'
  | 'approved'
  | 'executing'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'stale'
  | 'blocked';

export const FINAL_STATES: readonly RequestState[] = ['succeeded', 'failed', 'rejected', 'cancelled', 'expired', 'stale', 'blocked'];

export interface Approval {
  by: string;
  at: number;
  reason?: string;
}

/** A fix-action request as stored: the only thing a button refers to, by its id. */
export interface ActionRequest {
  id: string;
  state: RequestState;
  action: string;
  context: string;
  params: Record<string, string>;
  /** A request made from a catalogue match names the entry, so execution can re-check the cluster's verdict. */
  entryId?: string;
  /** An undo request names the request it reverses and carries the plan that ran. */
  undoOf?: { requestId: string; executed: Plan };
  requester: string;
  risk: Risk;
  requiredApprovals: number;
  approvals: Approval[];
  createdAt: number;
  expiresAt: number;
  plan?: Plan;
  /** How it ended, for anyone reading the request later. */
  outcome?: {
    at: number;
    reason: string;
    execute?: ExecuteResult;
    verify?: VerifyResult;
  };
}

/** Codes every refusal carries; `reason` says exactly why and `next` what to do. */
export type RefusalCode =
  | 'actions-disabled'
  | 'unknown-action'
  | 'invalid-params'
  | 'node-actions-disabled'
  | 'not-affected'
  | 'plan-failed'
  | 'unknown-request'
  | 'not-pending'
  | 'interrupted'
  | 'expired'
  | 'own-request'
  | 'not-an-approver'
  | 'already-approved-by-you'
  | 'reason-required'
  | 'not-requester'
  | 'kill-switch'
  | 'freeze-window'
  | 'budget-exhausted'
  | 'node-busy'
  | 'store-restarted'
  | 'stale'
  | 'execute-failed'
  | 'verify-failed'
  | 'outcome-unrecorded'
  | 'no-undo'
  | 'store-unavailable';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
  next: string;
  /** The request as it now stands, when there is one. */
  request?: ActionRequest;
}

export type Outcome<T> = ({ ok: true } & T) | Refusal;

export type ProposeResult = Outcome<{ request: ActionRequest }>;
/** `pending` while more approvals are needed; otherwise the request ran (succeeded) and says how. */
export type ApproveResult = Outcome<{ request: ActionRequest; needed: number }>;
export type EndResult = Outcome<{ request: ActionRequest }>;
