import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { reasonRequired } from '../../../approvals/approval-policy.js';
import { VIEW_IDS } from '../../action-ids.js';
import type { Services } from '../../services.js';
import { reportFailure } from '../report-failure.js';
import { approveReasonModal } from '../views/approve-reason-modal.js';
import { fixClick } from './fix-click.js';
import { approveAndShow } from './approve-and-show.js';

/**
 * Approve on an approval request. The button carries only the request id; every rule (who may approve, once,
 * in time, still the same cluster state) is the approvals module's. A high- or critical-risk request first asks
 * for a reason in a modal (its submission approves); the confirm dialog before this is a convenience only.
 */
export function approveRequest(services: Services) {
  return async function approveRequest({ ack, action, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const fix = services.fix;
    if (!fix) return;
    const click = fixClick(body);
    const id = action.value ?? '';
    try {
      const request = await fix.approvals.get(id);
      if (request && request.state === 'pending' && reasonRequired(request.risk) && request.requester !== click.user) {
        await client.views.open({ trigger_id: body.trigger_id, view: approveReasonModal(request, VIEW_IDS.approveReason) });
        return;
      }
      await approveAndShow(fix, client, id, click);
    } catch (error) {
      await reportFailure(error, logger, (message) =>
        click.channel ? client.chat.postEphemeral({ channel: click.channel, user: click.user, ...message } as never) : Promise.resolve(),
      );
    }
  };
}
