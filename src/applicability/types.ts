export type Verdict = 'affected' | 'not-affected' | 'unknown';

/** The answer to "does this known issue apply to this cluster?", with the facts that decided it. */
export interface ApplicabilityResult {
  verdict: Verdict;
  /** Sentences naming the deciding fact, the pool where one decided, and what to check when unknown. */
  reasons: string[];
}

/** Three-valued truth of one condition or of a combination of them. */
export type Truth = 'true' | 'false' | 'unknown';

/** A condition evaluated against one subject (the cluster or one node), with why. */
export interface Judgement {
  truth: Truth;
  reason: string;
}
