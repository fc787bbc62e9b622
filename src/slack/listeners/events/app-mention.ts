import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { section } from '../../blocks/render-parts.js';
import { answerInThread } from '../../deliver.js';
import type { Services } from '../../services.js';
import { isPersonMessage, threadOf, type IncomingMessage } from '../../slack-message.js';
import { reportFailure } from '../report-failure.js';
import { readMessageInput } from './read-message-input.js';

/**
 * `@k8sfix <error>` in a channel or thread: the full answer in the thread. Bolt acknowledges events itself;
 * Slack's retries of the same event are dropped by event id.
 */
export function appMention(services: Services) {
  return async function appMention({ event, body, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> {
    const message = event as unknown as IncomingMessage;
    if (!isPersonMessage(message, context.botUserId)) return;
    const target = { channel: message.channel, threadTs: threadOf(message) };
    try {
      if (!(await services.dedupe.firstDelivery(body.event_id))) return;
      const input = await readMessageInput(services, message, context.botUserId, client);
      const lang = await services.language.resolve({ text: input.typed, user: message.user }, client);
      if (!input.text) {
        await client.chat.postMessage({
          channel: target.channel,
          thread_ts: target.threadTs,
          text: 'Mention me with an error',
          blocks: [section('Mention me with the error text (or attach the log), e.g. `@k8sfix Failed to create pod sandbox: ...`. `/k8sfix help` shows more.')],
        });
        return;
      }
      await answerInThread(services, client, target, { text: input.text, lang, notes: input.notes, ...(input.clusterNames ? { clusterNames: input.clusterNames } : {}) });
    } catch (error) {
      await reportFailure(error, logger, (reply) => client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...reply } as never));
    }
  };
}
