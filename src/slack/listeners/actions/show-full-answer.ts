import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { clickMayUse } from '../../answer-binding.js';
import type { Services } from '../../services.js';
import { reportFailure } from '../report-failure.js';
import { expiredMessage } from './expired-message.js';
import { refusedClickMessage } from './refused-click-message.js';

/**
 * "Full answer" under a compact incident reply: expands the reply in place into the full answer, so the thread
 * gets no extra message. Only the reply the answer was posted with is rewritten; a reference pressed under any
 * other message is refused.
 */
export function showFullAnswer(services: Services) {
  return async function showFullAnswer({ ack, action, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    if (!channel || !ts) return;
    const threadTs = body.message?.thread_ts as string | undefined;
    const ephemeral = (message: { text: string; blocks: unknown[] }) =>
      client.chat.postEphemeral({ channel, user: body.user.id, ...(threadTs ? { thread_ts: threadTs } : {}), ...message } as never);
    try {
      const stored = await services.answers.load(action.value ?? '');
      if (!stored) {
        await ephemeral(expiredMessage());
        return;
      }
      if (!clickMayUse('fullAnswer', stored, { user: body.user.id, channel, messageTs: ts })) {
        logger.warn(`k8sfix: refused a "Full answer" click by ${body.user.id} on message ${ts} in ${channel}: its answer was made for another message`);
        await ephemeral(refusedClickMessage());
        return;
      }
      await client.chat.update({ channel, ts, text: stored.message.text, blocks: stored.message.blocks });
    } catch (error) {
      await reportFailure(error, logger, ephemeral);
    }
  };
}
