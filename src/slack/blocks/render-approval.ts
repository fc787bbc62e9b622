import type { Action } from '../../actions/types.js';
import { formatPreview } from '../../actions/format-preview.js';
import type { ApproverSettings } from '../../approvals/approval-policy.js';
import { reasonRequired } from '../../approvals/approval-policy.js';
import type { ActionRequest, RequestState } from '../../approvals/types.js';
import { ACTION_IDS } from '../action-ids.js';
import { codeBlock, escapeInline, inlineCode } from '../escape.js';
import { fitPlain, fitText } from './fit-text.js';
import { LIMITS } from './limits.js';
import { context, header, section } from './render-parts.js';
import type { Block, Button, SlackMessage } from './types.js';

export interface RenderApprovalOptions {
  approvers: ApproverSettings;
  /** Offer Undo (a succeeded request whose action can be reversed). */
  undoable?: boolean;
  /** A stale request offers a new proposal: the stored proposal reference for its "Propose again" button. */
  proposeAgainRef?: string;
  /** One line on how it ended or what is wrong now (a stale check, a refusal), shown under the result. */
  note?: string;
}

const STATE_LINE: Record<RequestState, string> = {
  proposed: ':hourglass: Planning',
  pending: ':raised_hand: Waiting for approval',
  approved: ':white_check_mark: Approved, running',
  executing: ':gear: Running',
  succeeded: ':white_check_mark: Done',
  failed: ':x: Failed',
  rejected: ':no_entry: Rejected',
  cancelled: ':no_entry_sign: Cancelled by the requester',
  expired: ':hourglass: Expired: nobody approved it in time',
  stale: ':warning: Stale: the cluster changed after the plan, nothing was run',
  blocked: ':octagonal_sign: Blocked: a rule refused it at execution, nothing was run',
};

/** A Slack user or group mention only for ids that look like one, so no stored text can become markup. */
const user = (id: string) => (/^[UW][A-Z0-9]{2,20}$/.test(id) ? `<@${id}>` : inlineCode(id));
const group = (id: string) => (/^S[A-Z0-9]{2,20}$/.test(id) ? `<!subteam^${id}>` : inlineCode(id));

function expiryText(at: number): string {
  const iso = new Date(at).toISOString();
  return `<!date^${Math.floor(at / 1000)}^{date_short_pretty} {time}|${iso}>`;
}

/**
 * The approval request in its thread, and every later state of it (the same message, updated with chat.update):
 * what will change, on which cluster and objects, the dry-run preview, the risk, who may approve, how many
 * approvals and when it expires. Its buttons carry only the request id; once the request has ended they are
 * gone and the message says why.
 */
export function renderApproval(request: ActionRequest, action: Action | undefined, options: RenderApprovalOptions): SlackMessage {
  const title = action?.title.en ?? request.action;
  const undo = request.undoOf ? ' (undo)' : '';
  const blocks: Block[] = [header(`Fix${undo}: ${title}`)];
  blocks.push(section(`*${STATE_LINE[request.state]}*\n${escapeInline(request.plan?.preview.summary.en ?? title)}`));
  const approvers = [...options.approvers.userIds.map(user), ...options.approvers.groupIds.map(group)].join(', ') || '_nobody is configured_';
  const approvals = request.approvals.map((a) => `${user(a.by)}${a.reason ? ` (“${escapeInline(a.reason.slice(0, 200))}”)` : ''}`).join(', ');
  const lines = [
    `*Cluster:* ${inlineCode(request.context)}   *Risk:* ${request.risk}${reasonRequired(request.risk) ? ' (each approval needs a reason)' : ''}`,
    `*Requested by:* ${user(request.requester)}${request.undoOf ? ` (undoes ${inlineCode(request.undoOf.requestId)})` : ''}`,
    `*Approvals:* ${request.approvals.length} of ${request.requiredApprovals}${approvals ? `: ${approvals}` : ''}`,
    `*Who may approve:* ${approvers} (never the requester)`,
  ];
  if (request.state === 'pending') lines.push(`*Expires:* ${expiryText(request.expiresAt)}`);
  blocks.push(section(lines.join('\n')));
  const targets = request.plan?.preview.targets ?? [];
  if (targets.length > 0) {
    blocks.push(section(`*Objects:* ${targets.slice(0, 20).map((t) => inlineCode(`${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`)).join(', ')}`));
  }
  if (request.plan && action) {
    // The preview is cut to fit before it is fenced, so the fence always closes.
    const preview = fitText(codeBlock(formatPreview(action, request.plan)), LIMITS.sectionText - 20);
    blocks.push(section(`*Dry run (what will be sent):*\n${preview}`));
  }
  const outcome = request.outcome;
  if (outcome && request.state !== 'pending') {
    const result: string[] = [`*Result:* ${escapeInline(outcome.reason.slice(0, 1000))}`];
    if (outcome.execute?.sent.length) result.push(`*Sent:*\n${codeBlock(outcome.execute.sent.join('\n'))}`);
    if (outcome.execute?.notes.length) result.push(`*Notes:* ${escapeInline(outcome.execute.notes.join('; ').slice(0, 800))}`);
    if (outcome.verify) result.push(`*Check:* ${outcome.verify.ok ? ':white_check_mark:' : ':x:'} ${escapeInline(outcome.verify.detail.slice(0, 800))}`);
    blocks.push(section(result.join('\n')));
  }
  if (options.note) blocks.push(section(escapeInline(options.note)));
  const buttons = buttonsFor(request, options.undoable === true, options.proposeAgainRef);
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `k8sfix_fix_request:${request.id}`.slice(0, 255), elements: buttons });
  else if (request.state !== 'approved' && request.state !== 'executing') blocks.push(context([`Buttons disabled: this request is ${request.state}. Request ${inlineCode(request.id)}`]));
  if (request.state === 'pending') blocks.push(context([`Request ${inlineCode(request.id)} · the buttons carry only this id; what runs is the preview above, checked again before it runs`]));
  const text = fitPlain(`k8sfix fix${undo} ${request.state}: ${title} on ${request.context}`, 300);
  return { text, blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger', confirm?: Button['confirm']): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text }, value, ...(style ? { style } : {}), ...(confirm ? { confirm } : {}) };
}

function buttonsFor(request: ActionRequest, undoable: boolean, proposeAgainRef?: string): Button[] {
  if (request.state === 'pending') {
    // The confirm dialog runs in the Slack client: a convenience against slips, never a security check.
    const confirm: Button['confirm'] = {
      title: { type: 'plain_text', text: 'Approve this fix?' },
      text: { type: 'mrkdwn', text: fitText(`This runs ${escapeInline(request.action)} on ${inlineCode(request.context)} exactly as previewed, once enough approvers agree.`, 300) },
      confirm: { type: 'plain_text', text: 'Approve' },
      deny: { type: 'plain_text', text: 'Back' },
    };
    return [
      button(ACTION_IDS.approveFix, 'Approve', request.id, 'primary', confirm),
      button(ACTION_IDS.rejectFix, 'Reject', request.id, 'danger'),
      button(ACTION_IDS.cancelFix, 'Cancel', request.id),
    ];
  }
  if (request.state === 'succeeded' && undoable) return [button(ACTION_IDS.undoFix, 'Undo', request.id)];
  if (request.state === 'stale' && proposeAgainRef) return [button(`${ACTION_IDS.proposeFix}:0`, 'Propose again (a new plan)', proposeAgainRef)];
  return [];
}

/**
 * A request message whose request is gone from the store: the message as it was (Slack's copy from the click),
 * without its buttons, and one line saying why. Nothing in it is new text from the click.
 */
export function renderLostRequest(blocks: readonly Block[], text: string): SlackMessage {
  const kept = blocks.filter((block) => block.type !== 'actions').slice(0, LIMITS.blocksPerMessage - 1);
  return {
    text: text || 'Fix-action request gone',
    blocks: [
      ...kept,
      context([
        ':warning: Buttons removed: this request is no longer in k8sfix\'s store (Redis restarted empty, or it was removed after a week), so nobody can approve it. ' +
          'If the fix is still needed, paste the error again to propose it afresh.',
      ]),
    ],
  };
}

/** The private reply to a refused click: why, and what to do next, escaped. */
export function renderRefusal(reason: string, next: string): SlackMessage {
  return {
    text: fitPlain(`k8sfix refused: ${reason}`, 300),
    blocks: [section(`:no_entry: ${escapeInline(reason.slice(0, 1500))}\n*Next:* ${escapeInline(next.slice(0, 1000))}`)],
  };
}
