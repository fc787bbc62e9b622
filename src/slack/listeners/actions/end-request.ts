import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { EndResult } from '../../../approvals/types.js';
import type { FixActions } from '../../fix-actions.js';
import type { Services } from '../../services.js';
import { reportFailure } from '../report-failure.js';
import { fixClick } from './fix-click.js';
import { showFixResult } from './show-fix-result.js';

/**
 * Reject and Cancel share this shape: a request past its expiry is expired first (its buttons greyed out),
 * then the approvals module decides, and the result updates the message or goes privately to the clicker.
 */
export function endRequest(services: Services, end: (fix: FixActions, id: string, user: string) => Promise<EndResult>) {
  return async function endRequestClick({ ack, action, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const fix = services.fix;
    if (!fix) return;
    const click = fixClick(body);
    const id = action.value ?? '';
    try {
      const expired = await fix.approvals.expire(id);
      if (expired.ok) {
        await showFixResult(fix, client, { ok: false, code: 'expired', reason: 'this request had expired', next: 'propose the fix again for a fresh plan', request: expired.request }, click);
        return;
      }
      await showFixResult(fix, client, await end(fix, id, click.user), click);
    } catch (error) {
      await reportFailure(error, logger, (message) =>
        click.channel ? client.chat.postEphemeral({ channel: click.channel, user: click.user, ...message } as never) : Promise.resolve(),
      );
    }
  };
}
