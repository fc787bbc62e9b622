import { section } from '../../blocks/render-parts.js';
import type { SlackMessage } from '../../blocks/types.js';

export function expiredMessage(): SlackMessage {
  return {
    text: 'This answer has expired',
    blocks: [section(':hourglass: This answer is no longer stored (answers are kept for 3 days). Run `/k8sfix` with the error again.')],
  };
}
