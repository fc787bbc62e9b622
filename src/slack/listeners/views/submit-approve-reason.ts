import type { AllMiddlewareArgs, SlackViewAction, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../services.js';
import { approveAndShow } from '../actions/approve-and-show.js';
import { readViewValues } from './read-view-values.js';

/** The reason modal submitted: approvals.approve with the reason; the result updates the request's message. */
export function submitApproveReason(services: Services) {
  return async function submitApproveReason({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<SlackViewAction>): Promise<void> {
    const reason = (readViewValues(view).reason ?? '').trim();
    if (reason.length < 3) {
      await ack({ response_action: 'errors', errors: { reason: 'Say in a few words why this should run now.' } });
      return;
    }
    await ack();
    const fix = services.fix;
    if (!fix) return;
    try {
      await approveAndShow(fix, client, view.private_metadata, { user: body.user.id }, reason);
    } catch (error) {
      logger.error(`k8sfix: an approval from the reason modal failed: ${String(error)}`);
    }
  };
}
