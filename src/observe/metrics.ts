import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where an answer was asked for: `/k8sfix`, `@k8sfix`, or a message in an incident channel. */
export type Surface = 'command' | 'mention' | 'incident';
/** What the person got: a known issue, "no known issue matched" (or, unasked, nothing), or a failure. */
export type AnswerOutcome = 'matched' | 'no_match' | 'failed';
/** A cluster's verdict for one match in an answer. */
export type ClusterCheckResult = 'affected' | 'not-affected' | 'unknown' | 'unreachable';
/**
 * The states a fix action passes through (the actions module increments them with {@link recordFixAction}):
 * proposed (a button shown), dry_run (the preview ran), approved, refused (policy or approver said no),
 * executed, failed, expired (nobody approved in time).
 */
export type FixActionState = 'proposed' | 'dry_run' | 'approved' | 'refused' | 'executed' | 'failed' | 'expired';

/** Every metric of one app instance, on its own registry (so two apps in one process, as in tests, do not collide). */
export interface Metrics {
  registry: Registry;
  answers: Counter<'surface' | 'outcome'>;
  matches: Counter<'issue' | 'confidence'>;
  abstentions: Counter<'surface'>;
  matchDuration: Histogram<'surface'>;
  answerDuration: Histogram<'surface' | 'outcome'>;
  slackApiErrors: Counter<'method' | 'error'>;
  slackApiRetries: Counter<'reason'>;
  clusterChecks: Counter<'result'>;
  storeErrors: Counter<'operation'>;
  fixActions: Counter<'action' | 'state'>;
  feedbackMarks: Counter<'mark'>;
  ready: Gauge<'check'>;
}

export interface MetricsOptions {
  /** Node process metrics (CPU, memory, event-loop lag, handles). Default true. */
  defaultMetrics?: boolean;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    answers: new Counter({ name: 'k8sfix_answers_total', help: 'Answers by surface and outcome', labelNames: ['surface', 'outcome'], registers }),
    matches: new Counter({ name: 'k8sfix_matches_total', help: 'Known issues shown in answers, by catalogue id and confidence', labelNames: ['issue', 'confidence'], registers }),
    abstentions: new Counter({ name: 'k8sfix_abstentions_total', help: 'Pastes the matcher read and named no known issue for', labelNames: ['surface'], registers }),
    matchDuration: new Histogram({ name: 'k8sfix_match_duration_seconds', help: 'Time to match one paste', labelNames: ['surface'], buckets: SECONDS, registers }),
    answerDuration: new Histogram({
      name: 'k8sfix_answer_duration_seconds',
      help: 'Time from the request reaching k8sfix to its final answer being posted',
      labelNames: ['surface', 'outcome'],
      buckets: SECONDS,
      registers,
    }),
    slackApiErrors: new Counter({ name: 'k8sfix_slack_api_errors_total', help: 'Slack Web API calls that failed, by method and error', labelNames: ['method', 'error'], registers }),
    slackApiRetries: new Counter({ name: 'k8sfix_slack_api_retries_total', help: 'Slack Web API calls retried, by reason', labelNames: ['reason'], registers }),
    clusterChecks: new Counter({ name: 'k8sfix_cluster_checks_total', help: 'Cluster verdicts shown in answers, by result', labelNames: ['result'], registers }),
    storeErrors: new Counter({ name: 'k8sfix_store_errors_total', help: 'Calls to the shared store (Redis) that failed, by operation', labelNames: ['operation'], registers }),
    fixActions: new Counter({ name: 'k8sfix_fix_actions_total', help: 'Fix actions by action id and state', labelNames: ['action', 'state'], registers }),
    feedbackMarks: new Counter({ name: 'k8sfix_feedback_marks_total', help: 'Right issue / Wrong issue presses', labelNames: ['mark'], registers }),
    ready: new Gauge({ name: 'k8sfix_ready', help: 'Readiness checks, 1 when passing', labelNames: ['check'], registers }),
  };
}

/** Counts one fix action reaching a state; the actions module calls it at each transition. */
export function recordFixAction(metrics: Metrics, action: string, state: FixActionState): void {
  metrics.fixActions.inc({ action, state });
}
