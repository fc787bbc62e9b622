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
  event_ts?: string;
  channel: string;
  channel_type?: string;
  edited?: unknown;
  files?: SlackFile[];
  attachments?: unknown;
  blocks?: unknown;
  /** message_changed: the message as it is now, and as it was. */
  message?: Omit<IncomingMessage, 'channel'> & { channel?: string };
  previous_message?: Omit<IncomingMessage, 'channel'> & { channel?: string };
}

/** Who k8sfix is, as Bolt's auth.test (`botUserId`, `botId`) and the event envelope (`api_app_id`) say. */
export interface SelfIds {
  botUserId?: string | undefined;
  botId?: string | undefined;
  appId?: string | undefined;
}

/** Bots and apps whose posts are read in incident channels (`K8SFIX_INCIDENT_BOTS`). */
export interface AllowedBots {
  botIds: string[];
  appIds: string[];
}

/** Subtypes that are someone posting something; edits, deletions, joins are not. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);
const BOT_SUBTYPES = new Set([undefined, 'bot_message', 'file_share', 'thread_broadcast']);

/** True for a new message a person posted (not an edit, not a bot, not the bot itself). */
export function isPersonMessage(event: IncomingMessage, botUserId: string | undefined): boolean {
  if (!PERSON_SUBTYPES.has(event.subtype)) return false;
  if (event.bot_id || event.edited) return false;
  if (!event.user || (botUserId !== undefined && event.user === botUserId)) return false;
  return true;
}

/** True for anything k8sfix itself posted or updated: its bot user, its bot id or its app id. */
export function isOwnMessage(event: Pick<IncomingMessage, 'user' | 'bot_id' | 'app_id'>, self: SelfIds): boolean {
  return (
    (self.botUserId !== undefined && event.user === self.botUserId) ||
    (self.botId !== undefined && event.bot_id === self.botId) ||
    (self.appId !== undefined && event.app_id === self.appId)
  );
}

/**
 * Who wrote a message in an incident channel, for deciding whether to read it: a person, a bot or app listed in
 * `K8SFIX_INCIDENT_BOTS` (Alertmanager's incoming webhook posts `subtype: bot_message` with a `bot_id`; an app
 * such as PagerDuty or Robusta posts with its bot user, `bot_id` and `app_id`), or someone whose posts are not
 * read (another bot, k8sfix itself). Edits are judged by the edited message, by the caller.
 */
export function incidentAuthor(event: Omit<IncomingMessage, 'channel'>, self: SelfIds, bots: AllowedBots): 'person' | 'bot' | undefined {
  if (isOwnMessage(event, self)) return undefined;
  if (event.bot_id || event.app_id || event.subtype === 'bot_message') {
    if (!BOT_SUBTYPES.has(event.subtype)) return undefined;
    const allowed = (event.bot_id !== undefined && bots.botIds.includes(event.bot_id)) || (event.app_id !== undefined && bots.appIds.includes(event.app_id));
    return allowed ? 'bot' : undefined;
  }
  if (!PERSON_SUBTYPES.has(event.subtype) || !event.user) return undefined;
  return 'person';
}

/** The message text as the user typed it, without mentions of the bot. */
export function plainTextOf(event: Pick<IncomingMessage, 'text'>, botUserId: string | undefined): string {
  const text = botUserId ? (event.text ?? '').split(`<@${botUserId}>`).join(' ') : (event.text ?? '');
  return slackTextToPlain(text).trim();
}

/** The thread a reply belongs in: the message's thread, or a new thread under the message. */
export function threadOf(event: Pick<IncomingMessage, 'ts' | 'thread_ts'>): string {
  return event.thread_ts ?? event.ts;
}
