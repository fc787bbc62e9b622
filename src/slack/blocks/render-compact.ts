import { ACTION_IDS } from '../action-ids.js';
import { inputLine } from './render-answer.js';
import type { Answer } from '../answer.js';
import { escapeMrkdwn } from '../escape.js';
import { fallbackText } from './fallback-text.js';
import { feedbackButtons, feedbackRow } from './feedback-buttons.js';
import { fitPlain } from './fit-text.js';
import { LIMITS } from './limits.js';
import { appliesToLine, context, section, stepText } from './render-parts.js';
import { titleOf } from './render-answer.js';
import { stringsFor } from './strings.js';
import type { Block, SlackMessage } from './types.js';

/** At most this many issues in one compact reply; the full answer shows the rest. */
export const COMPACT_MAX_ISSUES = 3;

/**
 * The unasked-for reply in an incident thread: per issue its title and confidence, where it applies and the first
 * remediation step, then one "Full answer" button. Short on purpose: it lands in the middle of an incident.
 */
export function renderCompact(answer: Answer, fullAnswerRef: string, feedbackRef?: string): SlackMessage {
  const s = stringsFor(answer.lang);
  const blocks: Block[] = [];
  const shown = answer.matches.slice(0, COMPACT_MAX_ISSUES);
  // One issue: its Right / Wrong buttons sit beside "Full answer"; several: a row under each.
  const feedbackBeside = feedbackRef !== undefined && shown.length === 1;
  for (const [index, match] of shown.entries()) {
    const confidence = s.confidence[match.confidence];
    blocks.push(section(`${s.knownIssue} ${escapeMrkdwn(titleOf(match, answer.lang))} _(${confidence})_${index === 0 ? inputLine(answer) : ''}\n${appliesToLine(answer.clusters, match.id, answer.lang)}`));
    const first = stepText(match.entry, 0, answer.lang).replace(/^1\. /, '');
    if (first) blocks.push(section(`${s.firstStep} ${first}`));
    if (feedbackRef !== undefined && !feedbackBeside) blocks.push(feedbackRow(feedbackRef, index, answer.lang));
  }
  if (answer.matches.length > COMPACT_MAX_ISSUES) {
    blocks.push(context([`+${answer.matches.length - COMPACT_MAX_ISSUES}`]));
  }
  blocks.push({
    type: 'actions',
    block_id: 'k8sfix_full_answer',
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.fullAnswer,
        text: { type: 'plain_text', text: fitPlain(s.fullAnswer, LIMITS.buttonText) },
        value: fullAnswerRef,
      },
      ...(feedbackBeside && feedbackRef ? feedbackButtons(feedbackRef, 0, answer.lang) : []),
    ],
  });
  const first = answer.matches[0];
  const text = fallbackText(first ? `k8sfix: ${titleOf(first, answer.lang)}` : 'k8sfix');
  return { text, blocks };
}
