import type { webApi } from '@slack/bolt';
import { FINAL_STATES, type ActionRequest, type Refusal } from '../../../approvals/types.js';
import { recordFixAction, type FixActionState } from '../../../observe/metrics.js';
import { renderApproval, renderLostRequest, renderRefusal } from '../../blocks/render-approval.js';
import type { Block } from '../../blocks/types.js';
import type { FixActions } from '../../fix-actions.js';
import { loadApprovalMessage } from '../../approval-message.js';

/** Who clicked, and on which message (absent for a modal's submission). */
export interface FixClick {
  user: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
  /** The clicked message as Slack sent it, when the clicked button on it carries this request id. */
  onMessage?: { requestId: string; blocks: Block[]; text: string };
}

type Result = ({ ok: true; request: ActionRequest } & Record<string, unknown>) | Refusal;

function metricState(result: Result): FixActionState | undefined {
  if (result.ok) {
    const state = result.request.state;
    return state === 'succeeded' ? 'executed' : state === 'pending' && result.request.approvals.length > 0 ? 'approved' : state === 'failed' ? 'failed' : undefined;
  }
  if (result.code === 'expired') return 'expired';
  return result.code === 'execute-failed' || result.code === 'verify-failed' || result.code === 'outcome-unrecorded' ? 'failed' : 'refused';
}

/** A stale request's new proposal: the same action, cluster and (validated) parameters, planned afresh on click. */
function proposeAgain(fix: FixActions, request: ActionRequest, where: { channel: string; threadTs?: string }): Promise<string> {
  return fix.proposals.save({
    action: request.action,
    context: request.context,
    entryId: request.entryId ?? '',
    params: request.params,
    ask: [],
    channel: where.channel,
    ...(where.threadTs ? { threadTs: where.threadTs } : {}),
  });
}

/**
 * Turns an approvals result into what people see: the original approval message updated in place
 * (chat.update, which keeps working after response_url has died) whenever the request changed or ended, and a
 * private note to the clicker, with the reason and the next step, when they were refused.
 */
export async function showFixResult(fix: FixActions, client: webApi.WebClient, result: Result, click: FixClick): Promise<void> {
  const request = result.request;
  const state = metricState(result);
  if (state && request && fix.metrics) recordFixAction(fix.metrics, request.action, state);
  const where = request ? ((await loadApprovalMessage(fix.store, request.id)) ?? (click.channel && click.ts ? { channel: click.channel, ts: click.ts, ...(click.threadTs ? { threadTs: click.threadTs } : {}) } : undefined)) : undefined;
  if (request && where && (result.ok || FINAL_STATES.includes(request.state))) {
    const note = result.ok ? undefined : `${result.reason}. ${result.next}`;
    const proposeAgainRef = request.state === 'stale' && !request.undoOf ? await proposeAgain(fix, request, where).catch(() => undefined) : undefined;
    const message = renderApproval(request, fix.actions.get(request.action), {
      approvers: fix.config.approvers,
      undoable: fix.approvals.canUndo(request),
      ...(note ? { note } : {}),
      ...(proposeAgainRef ? { proposeAgainRef } : {}),
    });
    await client.chat.update({ channel: where.channel, ts: where.ts, ...message });
  }
  // A request the store no longer has (Redis restarted empty, or a week passed) can never be approved: its
  // message loses its buttons, for everyone, instead of inviting more clicks.
  if (!result.ok && result.code === 'unknown-request' && click.onMessage && click.channel && click.ts) {
    await client.chat.update({ channel: click.channel, ts: click.ts, ...renderLostRequest(click.onMessage.blocks, click.onMessage.text) });
  }
  if (!result.ok) {
    const channel = click.channel ?? where?.channel;
    if (!channel) return;
    const threadTs = click.threadTs ?? where?.threadTs;
    await client.chat.postEphemeral({ channel, user: click.user, ...(threadTs ? { thread_ts: threadTs } : {}), ...renderRefusal(result.reason, result.next) });
  }
}
