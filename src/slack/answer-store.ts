import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { SlackMessage } from './blocks/types.js';

/** Stored answers live as long as a user might still press the button under them. */
const ANSWER_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Answers behind buttons. A button carries only a random reference to a stored answer, never the answer or
 * free parameters, so a forged click can at most show an answer someone was already given.
 */
export class AnswerStore {
  constructor(private readonly store: Store) {}

  async save(message: SlackMessage): Promise<string> {
    const ref = randomBytes(12).toString('hex');
    await this.store.set(key(ref), JSON.stringify(message), ANSWER_TTL_MS);
    return ref;
  }

  /** The stored message, or undefined when the reference is unknown or expired. */
  async load(ref: string): Promise<SlackMessage | undefined> {
    if (!/^[0-9a-f]{24}$/.test(ref)) return undefined;
    const raw = await this.store.get(key(ref));
    return raw === undefined ? undefined : (JSON.parse(raw) as SlackMessage);
  }
}

function key(ref: string): string {
  return `slack:answer:${ref}`;
}
