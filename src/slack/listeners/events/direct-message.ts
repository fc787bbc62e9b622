import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderIntro } from '../../blocks/render-intro.js';
import { section } from '../../blocks/render-parts.js';
import { answerInThread } from '../../deliver.js';
import { connectedContexts } from '../../cluster-checker.js';
import type { Services } from '../../services.js';
import { isOwnMessage, isPersonMessage, type IncomingMessage } from '../../slack-message.js';
import { reportFailure } from '../report-failure.js';
import { readMessageInput } from './read-message-input.js';
import { selfIdsOf } from './self-ids.js';

/** Remembering who has had the introduction: long enough that nobody gets it twice in practice. */
const INTRO_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * A direct message to k8sfix is answered like a mention: the full answer, in the conversation (or in the DM
 * thread it was sent in). The first DM from each person also gets a short introduction, once, remembered on the
 * shared store. Bots, edits and k8sfix's own messages get nothing.
 */
export function directMessage(services: Services) {
  return async function directMessage({ event, body, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const message = event as unknown as IncomingMessage;
    if (message.channel_type !== 'im') return;
    if (!isPersonMessage(message, context.botUserId) || isOwnMessage(message, selfIdsOf(context, body))) return;
    const where = { channel: message.channel, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) };
    try {
      if (!(await services.dedupe.firstDelivery(body.event_id))) return;
      const input = await readMessageInput(services, message, context.botUserId, client);
      const lang = await services.language.resolve({ text: input.typed, user: message.user }, client);
      const firstTime = await services.store.setIfAbsent(`slack:dm-intro:${message.user}`, '1', INTRO_TTL_MS);
      if (firstTime) {
        const contexts = connectedContexts(services.clusters);
        await client.chat.postMessage({ ...where, ...renderIntro({ incidentChannels: services.incidentChannels.describe(), contexts }, lang) });
      }
      if (!input.text) {
        if (!firstTime) {
          await client.chat.postMessage({
            ...where,
            text: 'Send me an error',
            blocks: [section('Send me the error text (or attach the log), e.g. `Failed to create pod sandbox: ...`. `/k8sfix help` shows more.')],
          });
        }
        return;
      }
      await answerInThread(
        services,
        client,
        { channel: message.channel, ...(message.thread_ts ? { threadTs: message.thread_ts } : {}) },
        { text: input.text, lang, notes: input.notes, ...(input.clusterNames ? { clusterNames: input.clusterNames } : {}) },
      );
    } catch (error) {
      await reportFailure(error, logger, (reply) => client.chat.postMessage({ ...where, ...reply } as never));
    }
  };
}
