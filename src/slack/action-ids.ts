/** Action ids of the buttons the bot posts; each has one listener in `listeners/actions/`. */
export const ACTION_IDS = {
  /** "Post to channel" under an answer only the caller sees. Value: a stored-answer reference. */
  share: 'k8sfix_share',
  /** "Full answer" under a compact incident-channel reply. Value: a stored-answer reference. */
  fullAnswer: 'k8sfix_full_answer',
  /** "Right issue" / "Wrong issue" under each match. Value: a stored feedback reference and the match's position. */
  markRight: 'k8sfix_mark_right',
  markWrong: 'k8sfix_mark_wrong',
} as const;

/** Block ids start with this prefix for the per-match actions row, which fix-action buttons will fill. */
export const FIX_ACTIONS_BLOCK_PREFIX = 'k8sfix_fix_actions:';
