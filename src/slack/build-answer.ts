import type { Lang } from '../catalogue/types.js';
import { isOffThreadMatcher, type AnyMatcher, type Confidence } from '../matcher/types.js';
import type { Answer, ClusterSection } from './answer.js';
import { inOwnTurn } from './cpu-turns.js';
import { connectedContexts, type ClusterChecker, type ClusterReport, type ClusterVerdict } from './cluster-checker.js';

export interface AnswerRequest {
  text: string;
  lang: Lang;
  /** Only these clusters (`--cluster`); all connected ones when absent. */
  clusterNames?: string[];
  /** Plain-text notes to show with the answer (skipped files, ...). */
  notes?: string[];
  /** Keep only matches at least this confident (incident channels take high only). */
  minConfidence?: Confidence;
  /** At most this many matches. Default 5. */
  top?: number;
  /** The platforms this deployment serves (`K8SFIX_PLATFORMS`): a platform issue of one of them counts as placed. */
  platforms?: readonly string[];
}

export interface AnswerDeps {
  matcher: AnyMatcher;
  clusters?: ClusterChecker;
  /** How long to wait for cluster facts before `onPending` is called. */
  clusterWaitMs: number;
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/**
 * Matches the text and checks the matches against the clusters. When the clusters take longer than
 * `clusterWaitMs`, `onPending` gets the answer without verdicts first, so the user is not left waiting.
 * Never rejects: a failing matcher becomes `answer.failure`, a failing cluster an `unreachable` verdict.
 */
export async function buildAnswer(deps: AnswerDeps, request: AnswerRequest, onPending?: (answer: Answer) => Promise<void>): Promise<Answer> {
  const answer = await matchAnswer(deps.matcher, request);
  return addClusterVerdicts(deps, answer, request.clusterNames, onPending);
}

/** The matches alone, clusters not yet asked. Never rejects. */
export async function matchAnswer(matcher: AnyMatcher, request: AnswerRequest): Promise<Answer> {
  const notes: string[] = [];
  const answer: Answer = { lang: request.lang, query: request.text, matches: [], clusters: { state: 'none', reason: '' }, notes };
  // What the reader skipped is said first, not in small print: an answer about the tail of a log must say so.
  if (request.notes && request.notes.length > 0) answer.inputNotes = [...request.notes];
  try {
    const options = { top: request.top ?? 5, ...(request.platforms ? { platforms: request.platforms } : {}) };
    // A worker pool reads pastes on its own threads; an in-process matcher takes its own event-loop turn.
    const analysis = isOffThreadMatcher(matcher) ? await matcher.analyze(request.text, options) : await inOwnTurn(() => matcher.analyze(request.text, options));
    const min = RANK[request.minConfidence ?? 'low'];
    answer.matches = analysis.matches.filter((m) => RANK[m.confidence] >= min);
    if (analysis.total !== undefined && analysis.total > answer.matches.length && answer.matches.length === analysis.matches.length) answer.total = analysis.total;
    notes.push(...analysis.notes);
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('match_') ? error.code : 'matcher_failed';
    answer.failure = { code, message: error instanceof Error ? error.message : String(error) };
  }
  return answer;
}

/** Adds each match's verdict on each cluster (all connected ones, or `clusterNames`). Never rejects. */
export async function addClusterVerdicts(
  deps: AnswerDeps,
  answer: Answer,
  clusterNames: string[] | undefined,
  onPending?: (answer: Answer) => Promise<void>,
): Promise<Answer> {
  if (answer.failure || answer.matches.length === 0) return answer;
  const base: Answer = { ...answer, notes: [...answer.notes] };
  const checker = deps.clusters;
  const connected = connectedContexts(checker);
  if (!checker || connected.length === 0) {
    return { ...base, clusters: { state: 'none', reason: noClusterReason(answer.lang) } };
  }
  let contexts = connected;
  if (clusterNames && clusterNames.length > 0) {
    const unknown = clusterNames.filter((n) => !connected.includes(n));
    if (unknown.length > 0) base.notes.push(`Unknown cluster ${unknown.join(', ')}: the connected clusters are ${connected.join(', ')}`);
    contexts = clusterNames.filter((n) => connected.includes(n));
    if (contexts.length === 0) return { ...base, clusters: { state: 'none', reason: noClusterReason(answer.lang, true) } };
  }

  let collecting: Promise<ClusterReport[]>;
  try {
    collecting = checker.collect(contexts);
  } catch (error) {
    collecting = Promise.reject(error);
  }
  collecting = collecting.catch((error: unknown): ClusterReport[] =>
    contexts.map((context) => ({ context, ok: false, reason: `cluster check failed: ${String(error)}`, code: 'error' })),
  );
  if (onPending) {
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      collecting.then(() => 'done' as const),
      new Promise<'pending'>((resolve) => {
        timer = setTimeout(() => resolve('pending'), deps.clusterWaitMs);
      }),
    ]);
    clearTimeout(timer);
    if (waited === 'pending') await onPending({ ...base, clusters: { state: 'pending', contexts } }).catch(() => undefined);
  }
  const reports = await collecting;
  return { ...base, clusters: verdictsFor(checker, base.matches, reports) };
}

function verdictsFor(checker: ClusterChecker, matches: Answer['matches'], reports: ClusterReport[]): ClusterSection {
  const verdicts = new Map<string, ClusterVerdict[]>();
  for (const match of matches) {
    verdicts.set(
      match.id,
      reports.map((report): ClusterVerdict => {
        if (!report.ok) return { context: report.context, verdict: 'unreachable', reasons: [report.reason] };
        try {
          const result = checker.checkApplicability(match.entry, report.facts);
          return { context: report.context, verdict: result.verdict, reasons: result.reasons };
        } catch (error) {
          return { context: report.context, verdict: 'unknown', reasons: [`the check failed: ${String(error)}`] };
        }
      }),
    );
  }
  return { state: 'done', reports, verdicts };
}

function noClusterReason(lang: Lang, none = false): string {
  if (none) return lang === 'ko' ? '지정한 클러스터가 연결되어 있지 않습니다' : 'none of the named clusters is connected';
  return lang === 'ko'
    ? '연결된 클러스터가 없어 적용 여부를 확인하지 않았습니다'
    : 'no clusters connected, so where it applies was not checked (see /k8sfix clusters)';
}
