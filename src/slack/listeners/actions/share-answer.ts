import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { clickMayUse } from '../../answer-binding.js';
import { context } from '../../blocks/render-parts.js';
import { postToResponseUrl } from '../../respond.js';
import type { Services } from '../../services.js';
import { reportFailure } from '../report-failure.js';
import { expiredMessage } from './expired-message.js';
import { refusedClickMessage } from './refused-click-message.js';

/**
 * "Post to channel" under an answer only the caller sees: posts the stored answer to the channel through the
 * button's response_url (works in channels the bot is not a member of), then removes the private copy.
 * Only the user the answer was made for, in the channel it was made in, can post it.
 */
export function shareAnswer(services: Services) {
  return async function shareAnswer({ ack, action, body, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const responseUrl = body.response_url;
    if (!responseUrl) return;
    const post = (message: Parameters<typeof postToResponseUrl>[1]) => postToResponseUrl(responseUrl, message, { fetch: services.fetch });
    try {
      const stored = await services.answers.load(action.value ?? '');
      if (!stored) {
        await post({ ...expiredMessage(), response_type: 'ephemeral', replace_original: false });
        return;
      }
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!clickMayUse('share', stored, { user: body.user.id, ...(channel ? { channel } : {}) })) {
        logger.warn(`k8sfix: refused a "Post to channel" click by ${body.user.id} in ${channel ?? 'no channel'} on an answer made for another user or channel`);
        await post({ ...refusedClickMessage(), response_type: 'ephemeral', replace_original: false });
        return;
      }
      const sharedBy = /^[UW][A-Z0-9]+$/.test(body.user.id) ? `Shared by <@${body.user.id}>` : 'Shared';
      const { message } = stored;
      await post({ text: message.text, blocks: [...message.blocks, context([sharedBy])].slice(-50), response_type: 'in_channel', replace_original: false });
      await post({ text: '', delete_original: true }).catch((error: unknown) => logger.debug(`k8sfix: private copy not removed: ${String(error)}`));
    } catch (error) {
      await reportFailure(error, logger, (message) => post({ ...message, response_type: 'ephemeral', replace_original: false }));
    }
  };
}
