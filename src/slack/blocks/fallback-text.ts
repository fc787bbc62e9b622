import { escapeInline } from '../escape.js';
import { fitPlain } from './fit-text.js';
import { LIMITS } from './limits.js';

/**
 * The top-level `text` of a message (notifications, screen readers, clients without blocks), from plain text.
 * Slack parses it as mrkdwn just like a section, so it gets the same escaping as text echoed in blocks: a
 * `<!channel>` in a usage error would otherwise ping the channel from the notification.
 */
export function fallbackText(plain: string): string {
  return escapeInline(fitPlain(plain, LIMITS.sectionText - 200));
}
