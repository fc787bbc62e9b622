import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnswerOutcome, Metrics, Surface } from './metrics.js';

/** What one incoming request did, filled in as it is handled and logged as one line at its end. */
export interface RequestRecord {
  id: string;
  startedAt: number;
  /** Set by whoever answers: the surface the answer was given on. */
  surface?: Surface;
  /** matched / no_match / failed, or why nothing was posted (suppressed: duplicate or rate limit). */
  outcome?: AnswerOutcome | 'suppressed';
  issues: string[];
  confidence: string[];
  /** The start of the pasted text, logged only at debug level. */
  inputPreview?: string;
  error?: string;
  /** Set once the answer counters were incremented, so a failure after that is not counted twice. */
  counted?: boolean;
}

interface RequestScope {
  record: RequestRecord;
  metrics: Metrics;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` with `record` as the current request: code it calls (however deep) can note what happened. */
export function runInRequest<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}

export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}
