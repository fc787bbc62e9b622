/** Action ids of the buttons the bot posts; each has one listener in `listeners/actions/`. */
export const ACTION_IDS = {
  /** "Post to channel" under an answer only the caller sees. Value: a stored-answer reference. */
  share: 'k8sfix_share',
  /** "Full answer" under a compact incident-channel reply. Value: a stored-answer reference. */
  fullAnswer: 'k8sfix_full_answer',
  /** "Right issue" / "Wrong issue" under each match. Value: a stored feedback reference and the match's position. */
  markRight: 'k8sfix_mark_right',
  markWrong: 'k8sfix_mark_wrong',
  /** "Propose fix: <action>" under a match, one per action and cluster. Value: a stored proposal reference. */
  proposeFix: 'k8sfix_propose_fix',
  /** Approve / Reject / Cancel on an approval request, Undo on its result. Value: the request id only. */
  approveFix: 'k8sfix_fix_approve',
  rejectFix: 'k8sfix_fix_reject',
  cancelFix: 'k8sfix_fix_cancel',
  undoFix: 'k8sfix_fix_undo',
} as const;

/** Propose buttons of one row need distinct action ids; each is this prefix and its position. */
export const PROPOSE_FIX_PATTERN = /^k8sfix_propose_fix(:\d+)?$/;

/** Callback ids of the modals; each has one listener in `listeners/views/`. */
export const VIEW_IDS = {
  /** The parameters a person supplies for a proposed fix. private_metadata: the proposal reference. */
  fixParams: 'k8sfix_fix_params',
  /** The reason with a high- or critical-risk approval. private_metadata: the request id and the message. */
  approveReason: 'k8sfix_fix_approve_reason',
} as const;

/** Block ids start with this prefix for the per-match actions row, which fix-action buttons will fill. */
export const FIX_ACTIONS_BLOCK_PREFIX = 'k8sfix_fix_actions:';
