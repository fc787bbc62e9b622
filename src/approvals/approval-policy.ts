/**
 * Who may approve a fix action. This file is the whole answer:
 * - approvers are the Slack user ids in K8SFIX_ACTION_APPROVERS and the members of the Slack user groups in
 *   K8SFIX_ACTION_APPROVER_GROUPS (the members are looked up by the caller, the Slack layer);
 * - the requester never counts, even when they are an approver;
 * - `low` and `medium` need one approval, `high` and `critical` two, from two different people;
 * - the same person approving twice counts once.
 */
import type { Risk } from '../actions/types.js';
import type { ActionRequest, Refusal } from './types.js';

export interface ApproverSettings {
  userIds: readonly string[];
  groupIds: readonly string[];
}

/** Members of a user group; the Slack layer passes a cached `usergroups.users.list`. */
export type GroupMembers = (groupId: string) => Promise<readonly string[]>;

export function requiredApprovals(risk: Risk): number {
  return risk === 'high' || risk === 'critical' ? 2 : 1;
}

/** Whether a risk needs a written reason with each approval (asked by a modal in Slack). */
export function reasonRequired(risk: Risk): boolean {
  return risk === 'high' || risk === 'critical';
}

async function isApprover(settings: ApproverSettings, members: GroupMembers | undefined, userId: string): Promise<boolean> {
  if (settings.userIds.includes(userId)) return true;
  for (const group of settings.groupIds) {
    // A group that cannot be read counts as no members: the policy never widens on failure.
    const ids = members ? await members(group).catch(() => [] as readonly string[]) : [];
    if (ids.includes(userId)) return true;
  }
  return false;
}

/** Undefined when `clicker` may approve `request` now; otherwise the refusal, saying why and what to do. */
export async function checkApprover(
  settings: ApproverSettings,
  members: GroupMembers | undefined,
  request: ActionRequest,
  clicker: string,
  reason: string | undefined,
): Promise<Omit<Refusal, 'ok' | 'request'> | undefined> {
  if (clicker === request.requester) {
    return { code: 'own-request', reason: 'you proposed this fix, and the requester never counts as an approver', next: 'ask an approver to review it' };
  }
  if (!(await isApprover(settings, members, clicker))) {
    return {
      code: 'not-an-approver',
      reason: 'you are not an approver for fix actions',
      next: 'ask someone listed in K8SFIX_ACTION_APPROVERS or a member of K8SFIX_ACTION_APPROVER_GROUPS',
    };
  }
  if (request.approvals.some((a) => a.by === clicker)) {
    return { code: 'already-approved-by-you', reason: 'you already approved this request', next: `it needs ${request.requiredApprovals} different approvers; ask another one` };
  }
  if (reasonRequired(request.risk) && !reason?.trim()) {
    return { code: 'reason-required', reason: `a ${request.risk}-risk action needs a reason with each approval`, next: 'approve again and give a reason' };
  }
  return undefined;
}
