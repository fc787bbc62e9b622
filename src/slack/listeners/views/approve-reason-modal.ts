import type { types } from '@slack/bolt';
import type { ActionRequest } from '../../../approvals/types.js';
import { inlineCode, escapeInline } from '../../escape.js';

/** The reason asked with each approval of a high- or critical-risk request. private_metadata: the request id only. */
export function approveReasonModal(request: ActionRequest, callbackId: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: request.id,
    title: { type: 'plain_text', text: 'Approve fix' },
    submit: { type: 'plain_text', text: 'Approve' },
    close: { type: 'plain_text', text: 'Back' },
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${escapeInline(request.action)} on ${inlineCode(request.context)} is *${request.risk}* risk and needs ${request.requiredApprovals} approvers, each with a reason.` },
      },
      { type: 'input', block_id: 'reason', label: { type: 'plain_text', text: 'Why approve this now?' }, element: { type: 'plain_text_input', action_id: 'value', multiline: true, min_length: 3, max_length: 500 } },
    ],
  };
}
