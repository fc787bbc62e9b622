import type { ApproverSettings } from './approval-policy.js';

/** A time interval in which no fix action runs (a change freeze). */
export interface FreezeWindow {
  start: number;
  end: number;
  /** As the operator wrote it, for messages. */
  text: string;
}

/** The operator's settings for fix actions; see loadActionsConfigFromEnv for the variables. */
export interface ActionsConfig {
  enabled: boolean;
  approvers: ApproverSettings;
  /** Read at every execution, so flipping it stops actions already approved. */
  killSwitch: () => boolean;
  freezeWindows: readonly FreezeWindow[];
  budgetPerHour: number;
  expiryMs: number;
  nodeActionsEnabled: boolean;
  nodeActionImage: string;
  nodeActionNamespace: string;
  verifyTimeoutMs: number;
  /** Slack user id → Kubernetes user (and group) to impersonate when that person's approval runs an action. */
  impersonation: ReadonlyMap<string, { user: string; group?: string }>;
  /** JSONL file for the audit trail, or `-` for standard output. */
  auditFile: string;
}
