import type { Logger, webApi } from '@slack/bolt';
import { noteFailure } from '../../note-answer.js';
import { COMPACT_MAX_ISSUES } from '../../blocks/render-compact.js';
import { annotateInThread } from '../../deliver.js';
import type { Services } from '../../services.js';
import { threadOf, type IncomingMessage } from '../../slack-message.js';
import { readMessageInput } from './read-message-input.js';

export interface IncidentPost {
  /** The message to read: a new post, or an edited one as it is now. */
  message: IncomingMessage;
  author: 'person' | 'bot';
  eventId: string;
  botUserId: string | undefined;
}

/**
 * Annotates a post in an incident channel when it shows a known issue with high confidence: once per event, once
 * per issue per thread, within the channel's rate limit. Slack is asked for the author's locale only when a reply
 * will be posted. Failures are logged, not posted: nobody asked, so an error reply would only be noise.
 */
export async function annotateIncident(services: Services, client: webApi.WebClient, logger: Logger, post: IncidentPost): Promise<void> {
  const { message } = post;
  try {
    if (!(await services.incidentChannels.includes(message.channel, client))) return;
    if (!(await services.dedupe.firstDelivery(post.eventId))) return;
    const input = await readMessageInput(services, message, post.botUserId, client);
    if (!input.text) return;
    const channel = message.channel;
    const threadTs = threadOf(message);
    // A bot has no Slack locale worth a users.info; its text alone may still say Korean.
    const person = post.author === 'person' ? message.user : undefined;
    const owner = message.user ?? message.bot_id ?? message.app_id ?? '';
    const request = { text: input.text, minConfidence: 'high' as const, notes: input.notes, ...(input.clusterNames ? { clusterNames: input.clusterNames } : {}) };
    await annotateInThread(
      services,
      client,
      { channel, threadTs, user: owner },
      request,
      () => services.language.resolve({ text: input.typed, ...(person ? { user: person } : {}) }, client),
      async (answer) => {
        const ids = answer.matches.slice(0, COMPACT_MAX_ISSUES).map((m) => m.id);
        const claimed = await services.dedupe.claimIssues(channel, threadTs, ids);
        if (claimed.length === 0) return undefined;
        if (!(await services.rateLimiter.allow(channel))) {
          await services.dedupe.releaseIssues(channel, threadTs, claimed);
          logger.info(`k8sfix: rate limit reached in ${channel}; not annotating ${claimed.join(', ')}`);
          return undefined;
        }
        return { ...answer, matches: answer.matches.filter((m) => claimed.includes(m.id)) };
      },
    );
  } catch (error) {
    noteFailure(error);
    logger.error(`k8sfix: could not annotate a message in ${message.channel}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
