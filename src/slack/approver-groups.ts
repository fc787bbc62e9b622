import type { Logger, webApi } from '@slack/bolt';
import type { GroupMembers } from '../approvals/approval-policy.js';
import type { Store } from '../store/store.js';

/** Group membership changes rarely; a few minutes keeps usergroups.users.list off the approval path. */
export const GROUP_CACHE_MS = 5 * 60 * 1000;

/** Errors saying the workspace or token can never read user groups (free plans, a user token, no scope). */
const UNAVAILABLE = new Set(['paid_only', 'not_allowed_token_type', 'missing_scope', 'no_permission']);

export interface ApproverGroups {
  members: GroupMembers;
  /** Asks Slack once at start-up; when groups cannot be read, says so once and approvers are the user ids only. */
  probe(groupIds: readonly string[]): Promise<void>;
}

/**
 * Approver user groups, read with `usergroups.users.list` and cached in the shared store. A group that cannot
 * be read has no members (approval-policy never widens on failure).
 */
export function createApproverGroups(client: webApi.WebClient, store: Store, logger?: Logger): ApproverGroups {
  let unavailable = false;
  const slackError = (error: unknown) => (error as { data?: { error?: string } })?.data?.error;
  async function read(groupId: string): Promise<string[]> {
    const result = await client.usergroups.users.list({ usergroup: groupId });
    return (result.users ?? []).filter((u): u is string => typeof u === 'string');
  }
  return {
    async members(groupId) {
      if (unavailable) return [];
      const key = `slack:usergroup:${groupId}`;
      const cached = await store.get(key).catch(() => undefined);
      if (cached !== undefined) return JSON.parse(cached) as string[];
      try {
        const users = await read(groupId);
        await store.set(key, JSON.stringify(users), GROUP_CACHE_MS).catch(() => undefined);
        return users;
      } catch (error) {
        if (UNAVAILABLE.has(slackError(error) ?? '')) unavailable = true;
        throw error;
      }
    },
    async probe(groupIds) {
      const first = groupIds[0];
      if (!first) return;
      try {
        await read(first);
      } catch (error) {
        const code = slackError(error);
        if (code && UNAVAILABLE.has(code)) {
          unavailable = true;
          logger?.warn(`k8sfix: Slack refuses usergroups.users.list (${code}), so K8SFIX_ACTION_APPROVER_GROUPS is ignored and approvers are the user ids in K8SFIX_ACTION_APPROVERS only`);
        } else {
          logger?.warn(`k8sfix: could not read approver group ${first} at start (${code ?? String(error)}); will try again at each approval`);
        }
      }
    },
  };
}
