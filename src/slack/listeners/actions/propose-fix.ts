import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { VIEW_IDS } from '../../action-ids.js';
import type { Services } from '../../services.js';
import { reportFailure } from '../report-failure.js';
import { fixParamsModal } from '../views/fix-params-modal.js';
import { expiredMessage } from './expired-message.js';
import { postApprovalRequest } from './post-approval-request.js';
import { refusedClickMessage } from './refused-click-message.js';

/**
 * "Propose fix: <action>" under a match: anyone in the channel may propose. The button's stored proposal
 * gives the action, cluster and parameters; a parameter the person supplies is asked in a modal first.
 * approvals.propose runs the plan, and the approval request is posted in the thread.
 */
export function proposeFix(services: Services) {
  return async function proposeFix({ ack, action, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const fix = services.fix;
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!fix || !channel) return;
    const ephemeral = (message: { text: string; blocks: unknown[] }) => client.chat.postEphemeral({ channel, user: body.user.id, ...message } as never);
    try {
      const proposal = await fix.proposals.load(action.value ?? '');
      if (!proposal) {
        await ephemeral(expiredMessage());
        return;
      }
      if (proposal.channel !== channel) {
        logger.warn(`k8sfix: refused a "Propose fix" click by ${body.user.id} in ${channel}: its answer was made for another channel`);
        await ephemeral(refusedClickMessage());
        return;
      }
      const fixAction = fix.actions.get(proposal.action);
      if (proposal.ask.length > 0 && fixAction) {
        await client.views.open({ trigger_id: body.trigger_id, view: fixParamsModal(fixAction, proposal, action.value ?? '', VIEW_IDS.fixParams) });
        return;
      }
      const result = await fix.approvals.propose({ action: proposal.action, context: proposal.context, params: proposal.params, requester: body.user.id, ...(proposal.entryId ? { entryId: proposal.entryId } : {}) });
      await postApprovalRequest(fix, client, result, { channel, user: body.user.id, ...(proposal.threadTs ? { threadTs: proposal.threadTs } : {}) });
    } catch (error) {
      await reportFailure(error, logger, ephemeral);
    }
  };
}
