import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../services.js';
import { incidentAuthor, isOwnMessage, type IncomingMessage } from '../../slack-message.js';
import { annotateIncident } from './annotate-incident.js';
import { selfIdsOf } from './self-ids.js';

/**
 * A new message in an incident channel, from a person or from a bot or app listed in `K8SFIX_INCIDENT_BOTS`,
 * that shows a known issue with high confidence gets a compact reply in its thread, unasked. Quiet by design:
 * once per issue per thread, never for other bots or k8sfix's own posts, never twice for one event, and at most
 * `K8SFIX_CHANNEL_RATE_LIMIT` replies per channel per minute. Edits are the edit listener's.
 */
export function incidentMessage(services: Services) {
  return async function incidentMessage({ event, body, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const message = event as unknown as IncomingMessage;
    if (!services.incidentChannels.configured) return;
    if (message.channel_type === 'im' || message.channel_type === 'mpim') return;
    if (message.edited) return;
    const self = selfIdsOf(context, body);
    const author = incidentAuthor(message, self, services.config.incidentBots);
    if (!author) {
      // How an operator finds the id to allow: LOG_LEVEL=debug names every bot whose post was not read.
      if ((message.bot_id || message.app_id) && !isOwnMessage(message, self)) {
        logger.debug(`k8sfix: not reading a post by bot ${message.bot_id ?? '-'} / app ${message.app_id ?? '-'} in ${message.channel}; list it in K8SFIX_INCIDENT_BOTS to annotate its alerts`);
      }
      return;
    }
    // A person's mention is answered in full by the app_mention listener.
    if (author === 'person' && context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return;
    await annotateIncident(services, client, logger, { message, author, eventId: body.event_id, botUserId: context.botUserId });
  };
}
