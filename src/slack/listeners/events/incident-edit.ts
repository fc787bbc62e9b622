import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { extractMessageText } from '../../extract-message-text.js';
import type { Services } from '../../services.js';
import { incidentAuthor, type IncomingMessage } from '../../slack-message.js';
import { annotateIncident } from './annotate-incident.js';
import { selfIdsOf } from './self-ids.js';

/** Edits later than this after the post are left alone: by then the thread has moved on. */
export const EDIT_WINDOW_SECONDS = 10 * 60;

/**
 * An edit in an incident channel (`message_changed`) that adds a known error, within {@link EDIT_WINDOW_SECONDS}
 * of the original post, is annotated like a new post: still once per issue per thread, so an edit of a message
 * already annotated adds nothing. Changes that leave the text as it was (link previews, Slack's own metadata)
 * and edits of k8sfix's own replies are ignored.
 */
export function incidentEdit(services: Services) {
  return async function incidentEdit({ event, body, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const change = event as unknown as IncomingMessage;
    if (change.subtype !== 'message_changed' || !change.message || typeof change.message.ts !== 'string') return;
    if (!services.incidentChannels.configured) return;
    if (change.channel_type === 'im' || change.channel_type === 'mpim') return;
    const edited: IncomingMessage = { ...change.message, channel: change.channel };
    const author = incidentAuthor(edited, selfIdsOf(context, body), services.config.incidentBots);
    if (!author) return;
    const editedAt = Number((edited.edited as { ts?: unknown } | undefined)?.ts ?? change.event_ts ?? change.ts);
    const postedAt = Number(edited.ts);
    if (!Number.isFinite(editedAt) || !Number.isFinite(postedAt) || editedAt - postedAt > EDIT_WINDOW_SECONDS) return;
    const previous = change.previous_message ?? {};
    const mention = context.botUserId ? `<@${context.botUserId}>` : undefined;
    // A mention was answered in full already; the edit of it is not annotated on top.
    if (author === 'person' && mention && (edited.text?.includes(mention) || (previous as { text?: string }).text?.includes(mention))) return;
    if (extractMessageText(edited) === extractMessageText(previous as IncomingMessage)) return;
    await annotateIncident(services, client, logger, { message: edited, author, eventId: body.event_id, botUserId: context.botUserId });
  };
}
