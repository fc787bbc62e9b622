import { section } from '../../blocks/render-parts.js';
import type { SlackMessage } from '../../blocks/types.js';

/** The private reply to a button pressed by someone else, or under another message than its answer's. */
export function refusedClickMessage(): SlackMessage {
  return {
    text: 'This button belongs to another answer',
    blocks: [
      section(
        ':no_entry: This button belongs to an answer made for someone else or for another message, so it did nothing. ' +
          'Run `/k8sfix` with the error to get your own answer.',
      ),
    ],
  };
}
