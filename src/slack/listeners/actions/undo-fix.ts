import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../services.js';
import { loadApprovalMessage } from '../../approval-message.js';
import { reportFailure } from '../report-failure.js';
import { fixClick } from './fix-click.js';
import { postApprovalRequest } from './post-approval-request.js';

/** Undo on a fix that succeeded: a new request for the reverse change, approved like any other, in the same thread. */
export function undoFix(services: Services) {
  return async function undoFix({ ack, action, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const fix = services.fix;
    const click = fixClick(body);
    if (!fix || !click.channel) return;
    const channel = click.channel;
    try {
      const id = action.value ?? '';
      const where = await loadApprovalMessage(fix.store, id);
      const threadTs = where?.threadTs ?? click.threadTs ?? click.ts;
      const result = await fix.approvals.proposeUndo(id, click.user);
      await postApprovalRequest(fix, client, result, { channel: where?.channel ?? channel, user: click.user, ...(threadTs ? { threadTs } : {}) });
    } catch (error) {
      await reportFailure(error, logger, (message) => client.chat.postEphemeral({ channel, user: click.user, ...message } as never));
    }
  };
}
