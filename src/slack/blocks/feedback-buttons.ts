import type { Lang } from '../../catalogue/types.js';
import { ACTION_IDS } from '../action-ids.js';
import type { Block, Button } from './types.js';

/** Block ids of the Right / Wrong rows start with this, followed by the match's position. */
export const FEEDBACK_BLOCK_PREFIX = 'k8sfix_feedback:';

const LABELS: Record<Lang, { right: string; wrong: string }> = {
  en: { right: 'Right issue', wrong: 'Wrong issue' },
  ko: { right: '맞는 문제', wrong: '다른 문제' },
};

/**
 * "Right issue" / "Wrong issue" for the match at `index` of an answer. The value is the answer's stored feedback
 * reference and the position; the issue id and confidence are read from the store when pressed, never from here.
 */
export function feedbackButtons(ref: string, index: number, lang: Lang): Button[] {
  const value = `${ref}:${index}`;
  return [
    { type: 'button', action_id: ACTION_IDS.markRight, text: { type: 'plain_text', text: LABELS[lang].right }, value },
    { type: 'button', action_id: ACTION_IDS.markWrong, text: { type: 'plain_text', text: LABELS[lang].wrong }, value },
  ];
}

export function feedbackRow(ref: string, index: number, lang: Lang): Block {
  return { type: 'actions', block_id: `${FEEDBACK_BLOCK_PREFIX}${index}`, elements: feedbackButtons(ref, index, lang) };
}
