import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { COMPACT_MAX_ISSUES } from '../../blocks/render-compact.js';
import { annotateInThread } from '../../deliver.js';
import type { Services } from '../../services.js';
import { isPersonMessage, threadOf, type IncomingMessage } from '../../slack-message.js';
import { noteFailure } from '../../note-answer.js';
import { readMessageInput } from './read-message-input.js';

/**
 * A message in an incident channel that shows a known issue with high confidence gets a compact reply in its
 * thread, unasked. Quiet by design: once per issue per thread, never for bots, edits or the bot's own posts,
 * never twice for one event, and at most `K8SFIX_CHANNEL_RATE_LIMIT` replies per channel per minute.
 * Failures are logged, not posted: nobody asked, so an error reply would only be noise.
 */
export function incidentMessage(services: Services) {
  return async function incidentMessage({ event, body, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const message = event as unknown as IncomingMessage;
    if (!services.incidentChannels.configured) return;
    if (message.channel_type === 'im' || message.channel_type === 'mpim') return;
    if (!isPersonMessage(message, context.botUserId)) return;
    // A mention is answered in full by the app_mention listener.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return;
    try {
      if (!(await services.incidentChannels.includes(message.channel, client))) return;
      if (!(await services.dedupe.firstDelivery(body.event_id))) return;
      const input = await readMessageInput(services, message, context.botUserId);
      if (!input.text) return;
      const lang = await services.language.resolve({ text: input.typed, user: message.user }, client);
      const channel = message.channel;
      const threadTs = threadOf(message);
      await annotateInThread(services, client, { channel, threadTs }, { text: input.text, lang, minConfidence: 'high', notes: input.notes }, async (answer) => {
        const ids = answer.matches.slice(0, COMPACT_MAX_ISSUES).map((m) => m.id);
        const claimed = await services.dedupe.claimIssues(channel, threadTs, ids);
        if (claimed.length === 0) return undefined;
        if (!(await services.rateLimiter.allow(channel))) {
          await services.dedupe.releaseIssues(channel, threadTs, claimed);
          logger.info(`k8sfix: rate limit reached in ${channel}; not annotating ${claimed.join(', ')}`);
          return undefined;
        }
        return { ...answer, matches: answer.matches.filter((m) => claimed.includes(m.id)) };
      });
    } catch (error) {
      noteFailure(error);
      logger.error(`k8sfix: could not annotate a message in ${message.channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
