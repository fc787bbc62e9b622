import { slackTextToPlain } from './escape.js';
import type { SlackFile } from './read-files.js';

/** The fields of a message or app_mention event that the listeners read. */
export interface IncomingMessage {
  subtype?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  edited?: unknown;
  files?: SlackFile[];
}

/** Subtypes that are a person posting something; edits, deletions, joins and bot posts are not. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** True for a new message a person posted (not an edit, not a bot, not the bot itself). */
export function isPersonMessage(event: IncomingMessage, botUserId: string | undefined): boolean {
  if (!PERSON_SUBTYPES.has(event.subtype)) return false;
  if (event.bot_id || event.edited) return false;
  if (!event.user || (botUserId !== undefined && event.user === botUserId)) return false;
  return true;
}

/** The message text as the user typed it, without mentions of the bot. */
export function plainTextOf(event: IncomingMessage, botUserId: string | undefined): string {
  const text = botUserId ? (event.text ?? '').split(`<@${botUserId}>`).join(' ') : (event.text ?? '');
  return slackTextToPlain(text).trim();
}

/** The thread a reply belongs in: the message's thread, or a new thread under the message. */
export function threadOf(event: IncomingMessage): string {
  return event.thread_ts ?? event.ts;
}
