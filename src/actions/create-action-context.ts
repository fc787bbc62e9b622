import type { KubeClientFactory } from '../clusters/kube-client-factory.js';
import type { ActionsConfig } from '../approvals/actions-config.js';
import { createActionClients } from './create-action-clients.js';
import type { ActionContext } from './types.js';

/**
 * The context an action runs in for one cluster. When the approver's Slack id is mapped in
 * K8SFIX_ACTION_IMPERSONATE, the clients impersonate that person; otherwise they use k8sfix's own credentials.
 */
export function createActionContext(factory: KubeClientFactory, config: ActionsConfig, context: string, approver?: string, overrides: Partial<ActionContext> = {}): ActionContext {
  const impersonate = approver ? config.impersonation.get(approver) : undefined;
  return {
    clients: createActionClients(factory, context, impersonate),
    nodeActionsEnabled: config.nodeActionsEnabled,
    nodeActionImage: config.nodeActionImage,
    nodeActionNamespace: config.nodeActionNamespace,
    verifyTimeoutMs: config.verifyTimeoutMs,
    pollMs: 500,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
    ...overrides,
  };
}
