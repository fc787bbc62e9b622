import { ActionsConfigError } from './actions-config-error.js';
import type { ActionsConfig, FreezeWindow } from './actions-config.js';

const SLACK_USER = /^[UW][A-Z0-9]{2,20}$/;
const SLACK_GROUP = /^S[A-Z0-9]{2,20}$/;
const KUBE_SUBJECT = /^[A-Za-z0-9][A-Za-z0-9@._:-]{0,252}$/;

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, e.g. ${fallback}`);
    return fallback;
  }
  return value;
}

/**
 * Fix-action settings from the environment:
 * K8SFIX_ACTIONS=true (off by default), K8SFIX_ACTION_APPROVERS (Slack user ids), K8SFIX_ACTION_APPROVER_GROUPS
 * (Slack user-group ids), K8SFIX_ACTIONS_KILL_SWITCH=true, K8SFIX_ACTIONS_FREEZE (ISO intervals START/END,
 * comma-separated), K8SFIX_ACTIONS_BUDGET_PER_HOUR (3), K8SFIX_ACTION_EXPIRY_MINUTES (15), K8SFIX_NODE_ACTIONS=true,
 * K8SFIX_NODE_ACTION_IMAGE, K8SFIX_NODE_ACTION_NAMESPACE (k8sfix-node-actions), K8SFIX_ACTION_VERIFY_TIMEOUT_MS (60000),
 * K8SFIX_ACTION_IMPERSONATE (SLACK_ID=user[:group],...), K8SFIX_AUDIT_FILE (a path, or - for stdout).
 * Every malformed value is named at once in one ActionsConfigError.
 */
export function loadActionsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ActionsConfig {
  const problems: string[] = [];
  const userIds = list(env.K8SFIX_ACTION_APPROVERS);
  for (const id of userIds) if (!SLACK_USER.test(id)) problems.push(`K8SFIX_ACTION_APPROVERS: "${id.slice(0, 24)}" is not a Slack user id (U0123ABCD)`);
  const groupIds = list(env.K8SFIX_ACTION_APPROVER_GROUPS);
  for (const id of groupIds) if (!SLACK_GROUP.test(id)) problems.push(`K8SFIX_ACTION_APPROVER_GROUPS: "${id.slice(0, 24)}" is not a Slack user-group id (S0123ABCD)`);

  const freezeWindows: FreezeWindow[] = [];
  for (const text of list(env.K8SFIX_ACTIONS_FREEZE)) {
    const [from, to] = text.split('/');
    const start = Date.parse(from ?? '');
    const end = Date.parse(to ?? '');
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      problems.push(`K8SFIX_ACTIONS_FREEZE: "${text.slice(0, 60)}" is not START/END in ISO 8601, e.g. 2026-12-24T00:00Z/2026-12-27T06:00Z`);
    } else freezeWindows.push({ start, end, text });
  }

  const impersonation = new Map<string, { user: string; group?: string }>();
  for (const pair of list(env.K8SFIX_ACTION_IMPERSONATE)) {
    const [slack, subject] = pair.split('=');
    const [user, group] = (subject ?? '').split(':');
    if (!slack || !SLACK_USER.test(slack) || !user || !KUBE_SUBJECT.test(user) || (group !== undefined && !KUBE_SUBJECT.test(group))) {
      problems.push('K8SFIX_ACTION_IMPERSONATE: each entry is SLACK_USER_ID=kubernetes-user or SLACK_USER_ID=kubernetes-user:group, e.g. U0123ABCD=alice@example.com:sre');
    } else impersonation.set(slack, group ? { user, group } : { user });
  }

  const config: ActionsConfig = {
    enabled: env.K8SFIX_ACTIONS?.trim() === 'true',
    approvers: { userIds, groupIds },
    killSwitch: () => (env.K8SFIX_ACTIONS_KILL_SWITCH ?? '').trim() === 'true',
    freezeWindows,
    budgetPerHour: integer(env, 'K8SFIX_ACTIONS_BUDGET_PER_HOUR', 3, 0, 1000, problems),
    expiryMs: integer(env, 'K8SFIX_ACTION_EXPIRY_MINUTES', 15, 1, 24 * 60, problems) * 60_000,
    nodeActionsEnabled: env.K8SFIX_NODE_ACTIONS?.trim() === 'true',
    nodeActionImage: env.K8SFIX_NODE_ACTION_IMAGE?.trim() || 'registry.k8s.io/e2e-test-images/busybox:1.36.1-1',
    nodeActionNamespace: env.K8SFIX_NODE_ACTION_NAMESPACE?.trim() || 'k8sfix-node-actions',
    verifyTimeoutMs: integer(env, 'K8SFIX_ACTION_VERIFY_TIMEOUT_MS', 60_000, 1000, 600_000, problems),
    impersonation,
    auditFile: env.K8SFIX_AUDIT_FILE?.trim() || '-',
  };
  if (config.enabled && userIds.length === 0 && groupIds.length === 0) {
    problems.push('K8SFIX_ACTIONS=true needs approvers: set K8SFIX_ACTION_APPROVERS (Slack user ids) or K8SFIX_ACTION_APPROVER_GROUPS (user-group ids)');
  }
  if (problems.length > 0) throw new ActionsConfigError(problems);
  return config;
}
