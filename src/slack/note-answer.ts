import type { AnswerOutcome, Surface } from '../observe/metrics.js';
import { currentRequest } from '../observe/request-context.js';
import type { Answer } from './answer.js';

/**
 * Counts a given answer (answers, matches, cluster verdicts, answer time) and notes it on the current request for
 * its log line. `posted` false: the answer was worth posting but was held back (duplicate, rate limit).
 */
export function noteAnswer(surface: Surface, answer: Answer, posted = true): void {
  const scope = currentRequest();
  if (!scope) return;
  const { record, metrics } = scope;
  const outcome: AnswerOutcome = answer.failure ? 'failed' : answer.matches.length > 0 ? 'matched' : 'no_match';
  record.surface = surface;
  record.inputPreview = answer.query.slice(0, 200);
  record.issues = answer.matches.map((m) => m.id);
  record.confidence = answer.matches.map((m) => m.confidence);
  if (answer.failure) record.error = answer.failure.code;
  if (!posted) {
    record.outcome = 'suppressed';
    return;
  }
  record.outcome = outcome;
  record.counted = true;
  metrics.answers.inc({ surface, outcome });
  metrics.answerDuration.observe({ surface, outcome }, (performance.now() - record.startedAt) / 1000);
  for (const match of answer.matches) metrics.matches.inc({ issue: match.id, confidence: match.confidence });
  if (answer.clusters.state === 'done') {
    for (const verdicts of answer.clusters.verdicts.values()) for (const v of verdicts) metrics.clusterChecks.inc({ result: v.verdict });
  }
}

/** Notes the current request as failed (the listener's last resort caught an error); counted once. */
export function noteFailure(error: unknown): void {
  const scope = currentRequest();
  if (!scope) return;
  const { record, metrics } = scope;
  const code = (error as { code?: unknown })?.code;
  record.error = typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
  if (record.counted) return;
  const surface = record.surface;
  record.outcome = 'failed';
  if (!surface) return;
  record.counted = true;
  metrics.answers.inc({ surface, outcome: 'failed' });
  metrics.answerDuration.observe({ surface, outcome: 'failed' }, (performance.now() - record.startedAt) / 1000);
}

/** Marks which surface the current request is answered on, before the answer exists (so a failure is counted there). */
export function noteSurface(surface: Surface): void {
  const scope = currentRequest();
  if (scope) scope.record.surface = surface;
}
