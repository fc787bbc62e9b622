/** Where an answer was given; the same names as the metrics' surface label. */
export type FeedbackSurface = 'command' | 'mention' | 'incident';
export type FeedbackMarkKind = 'right' | 'wrong';

/** What one answer showed, stored when it is given so a mark never trusts what a button press says. */
export interface FeedbackSubject {
  surface: FeedbackSurface;
  /** When the answer was given (ms since epoch). */
  at: number;
  /** SHA-256 (hex) of the text that was matched: equal pastes have equal hashes. */
  inputSha256: string;
  /** The text itself, only when the operator keeps inputs (K8SFIX_FEEDBACK_KEEP_INPUT=true); cut to a few KB. */
  input?: string;
  /** The issues shown, in order. */
  matches: { id: string; confidence: string; score: number }[];
}

/** One person's mark on one issue of one answer. */
export interface FeedbackMark {
  mark: FeedbackMarkKind;
  issue: string;
  confidence: string;
  score: number;
  surface: FeedbackSurface;
  inputSha256: string;
  input?: string;
  /** The answer's reference: marks of one answer share it. */
  answer: string;
  /** When the mark was last set. */
  at: number;
}
