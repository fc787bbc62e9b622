import type { ActionsConfig } from '../../src/approvals/actions-config.js';

/** The two approvers the fix-action tests use, besides the requester. */
export const APPROVER_1 = 'U0APPROVER1';
export const APPROVER_2 = 'U0APPROVER2';

/** Fix actions on, two approvers and one group, a budget of 3 an hour, 15-minute expiry; `env.killSwitch` is read at each use. */
export function testActionsConfig(env: { killSwitch: boolean }, overrides: Partial<ActionsConfig> = {}): ActionsConfig {
  return {
    enabled: true,
    approvers: { userIds: [APPROVER_1, APPROVER_2], groupIds: ['S0ONCALL'] },
    killSwitch: () => env.killSwitch,
    freezeWindows: [],
    budgetPerHour: 3,
    expiryMs: 15 * 60_000,
    nodeActionsEnabled: false,
    nodeActionImage: 'registry.example/nsenter:1',
    nodeActionNamespace: 'k8sfix-node-actions',
    verifyTimeoutMs: 2000,
    impersonation: new Map(),
    auditFile: '-',
    ...overrides,
  };
}
