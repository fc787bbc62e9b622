import type { StoredAnswer } from './answer-store.js';

/** Who pressed a button, and where, as Slack's click payload says. */
export interface AnswerClick {
  user: string;
  channel?: string;
  messageTs?: string;
}

/**
 * Whether a click may use a stored answer. "Post to channel" under a private answer: only the user it was made
 * for, in the channel it was made in (it posts there as them). "Full answer" under an incident reply: anyone in
 * the thread, but only on the reply it was posted with (it rewrites that message). A reference copied from one
 * message to another, or pressed by someone else, changes nothing.
 */
export function clickMayUse(kind: 'share' | 'fullAnswer', stored: StoredAnswer, click: AnswerClick): boolean {
  if (click.channel === undefined || click.channel !== stored.channel) return false;
  if (kind === 'share') return click.user === stored.user;
  return stored.messageTs !== undefined && click.messageTs === stored.messageTs;
}
