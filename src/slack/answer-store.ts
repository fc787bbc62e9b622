import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { SlackMessage } from './blocks/types.js';

/** Stored answers live as long as a user might still press the button under them. */
export const ANSWER_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** Who and where an answer was made for; a click is honoured only from there (see answer-binding.ts). */
export interface AnswerOwner {
  /** The user the answer was made for (the caller of `/k8sfix`, the author of an annotated message). */
  user: string;
  channel: string;
  /** The message that carries the button, once posted (incident replies); unknown for ephemeral answers. */
  messageTs?: string;
}

export interface StoredAnswer extends AnswerOwner {
  message: SlackMessage;
}

export interface AnswerCaps {
  perUser: number;
  total: number;
}

/**
 * Answers behind buttons. A button carries only a random reference to a stored answer, never the answer or
 * free parameters; the answer is stored with the user, channel and message it was made for, so a reference
 * taken elsewhere is refused at click time. Bounded per user and in total, the oldest dropped first, so a
 * busy user or a flood of commands cannot grow the store without limit.
 */
export class AnswerStore {
  constructor(
    private readonly store: Store,
    private readonly caps: AnswerCaps = { perUser: 50, total: 10_000 },
  ) {}

  async save(message: SlackMessage, owner: AnswerOwner): Promise<string> {
    const ref = randomBytes(12).toString('hex');
    await this.store.set(key(ref), encode({ ...owner, message }), ANSWER_TTL_MS);
    await this.store.track(`slack:answers:user:${owner.user}`, key(ref), this.caps.perUser, ANSWER_TTL_MS);
    await this.store.track('slack:answers:all', key(ref), this.caps.total, ANSWER_TTL_MS);
    return ref;
  }

  /** Records the message that carries the answer's button, once it is posted. */
  async bindMessage(ref: string, stored: StoredAnswer, messageTs: string): Promise<void> {
    await this.store.set(key(ref), encode({ ...stored, messageTs }), ANSWER_TTL_MS);
  }

  /** The stored answer, or undefined when the reference is unknown, expired, dropped or unreadable. */
  async load(ref: string): Promise<StoredAnswer | undefined> {
    if (!/^[0-9a-f]{24}$/.test(ref)) return undefined;
    const raw = await this.store.get(key(ref));
    return raw === undefined ? undefined : decode(raw);
  }
}

function key(ref: string): string {
  return `slack:answer:${ref}`;
}

function encode(stored: StoredAnswer): string {
  return JSON.stringify({ v: 2, ...stored });
}

/** Answers stored before they carried an owner (v1) cannot be checked, so they count as expired. */
function decode(raw: string): StoredAnswer | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StoredAnswer> & { v?: number };
    if (value.v !== 2 || typeof value.user !== 'string' || typeof value.channel !== 'string' || !value.message) return undefined;
    const stored: StoredAnswer = { user: value.user, channel: value.channel, message: value.message };
    if (typeof value.messageTs === 'string') stored.messageTs = value.messageTs;
    return stored;
  } catch {
    return undefined;
  }
}
