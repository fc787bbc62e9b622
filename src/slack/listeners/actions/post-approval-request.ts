import type { webApi } from '@slack/bolt';
import { recordFixAction } from '../../../observe/metrics.js';
import type { ProposeResult } from '../../../approvals/types.js';
import { renderApproval, renderRefusal } from '../../blocks/render-approval.js';
import type { FixActions } from '../../fix-actions.js';
import { bindApprovalMessage } from '../../approval-message.js';

/**
 * Posts a proposal's result: the approval request in the thread (its location kept so every later state
 * updates that message), or, when the proposal was refused, a private note saying why and what to do.
 */
export async function postApprovalRequest(
  fix: FixActions,
  client: webApi.WebClient,
  result: ProposeResult,
  where: { channel: string; threadTs?: string; user: string },
): Promise<void> {
  if (!result.ok) {
    if (result.request && fix.metrics) recordFixAction(fix.metrics, result.request.action, result.code === 'plan-failed' ? 'failed' : 'refused');
    await client.chat.postEphemeral({ channel: where.channel, user: where.user, ...(where.threadTs ? { thread_ts: where.threadTs } : {}), ...renderRefusal(result.reason, result.next) });
    return;
  }
  const { request } = result;
  if (fix.metrics) recordFixAction(fix.metrics, request.action, 'dry_run');
  const message = renderApproval(request, fix.actions.get(request.action), { approvers: fix.config.approvers });
  const posted = await client.chat.postMessage({ channel: where.channel, ...(where.threadTs ? { thread_ts: where.threadTs } : {}), ...message });
  if (!posted.ts) return;
  await bindApprovalMessage(fix.store, request.id, { channel: where.channel, ts: posted.ts, ...(where.threadTs ? { threadTs: where.threadTs } : { threadTs: posted.ts }) });
  // Its message says "Expired" when the time is up, whether or not anybody clicks it.
  fix.expiries.schedule(request.id, request.expiresAt);
}
