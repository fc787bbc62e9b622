import type { Catalogue } from '../catalogue/types.js';
import { feedWindows, feedWindowsAsync } from './feed-windows.js';
import { InputWindows, windowsOfText, type PreparedInput, type ReadStats } from './prepare-input.js';
import { readNotes } from './read-notes.js';
import { windowsOfStream } from './windows-of-stream.js';
import { SignatureIndex, type SignatureHit } from './signature-index.js';
import { namesOtherPlatform, productsNamedIn, productsNamedOutright } from './product-context.js';
import { isMostlyLog, SymptomIndex, type SymptomHit } from './symptom-index.js';
import type { Analysis, Confidence, Evidence, Match, MatchOptions, StreamMatcher } from './types.js';

/** Below this score a candidate is not reported: the matcher abstains rather than guess. */
export const MIN_SCORE = 0.6;
const DEFAULT_TOP = 5;

/** A quoted signature: nearly all of its informative text in one place. */
const FULL_COVERAGE = 0.85;
/** A fragment: a good part of a signature, or a long specific run of it. */
const FRAGMENT_COVERAGE = 0.5;
const FRAGMENT_MIN_WEIGHT = 18;
const LONG_RUN_WEIGHT = 36;
/** A quoted signature still needs this much informative text, or a generic message could stand for it. */
const FULL_MIN_WEIGHT = 9;
const FULL_RAW_COVERAGE = 0.8;
const FULL_MIN_GENERIC_CHARS = 40;
/**
 * A description: most of one of the entry's phrases, in a text that places it (names the product, uses two
 * words specific to the entry, or one and nearly all of the phrase), with a specific word or nearly all of the
 * phrase. Inside a log, nearly all of it.
 */
const SYMPTOM_COVERAGE = 0.6;
const SYMPTOM_COVERAGE_WITHOUT_SPECIFIC_TERMS = 0.8;
const SYMPTOM_COVERAGE_IN_LOG = 0.8;
/** Without the product named and with one specific word, a description must cover nearly all of a phrase. */
const SYMPTOM_COVERAGE_UNPLACED = 0.8;
const SYMPTOM_MIN_TERMS = 3;

interface Candidate {
  entryIndex: number;
  /** Uncapped, so that two candidates at the 1.0 cap still rank by how fully they matched. */
  score: number;
  evidence: Evidence[];
}

export function createMatcher(catalogue: Catalogue): StreamMatcher {
  const entries = catalogue.entries;
  const signatures = new SignatureIndex(entries);
  const symptoms = new SymptomIndex(entries);

  const analyze = (text: string, options: MatchOptions = {}): Analysis => {
    if (typeof text !== 'string' || text.trim() === '') return { matches: [], notes: [] };
    try {
      const windows = new InputWindows();
      const session = analysisSession(windows.stats, options);
      feedWindows(windowsOfText(text, windows), session.add);
      return session.finish();
    } catch (error) {
      return failed(error);
    }
  };

  const analyzeStream = async (source: AsyncIterable<Uint8Array | string>, options: MatchOptions = {}): Promise<Analysis> => {
    try {
      const windows = new InputWindows();
      const session = analysisSession(windows.stats, options);
      await feedWindowsAsync(windowsOfStream(source, windows), session.add);
      return session.finish();
    } catch (error) {
      if (isStreamError(error)) throw error;
      return failed(error);
    }
  };

  /**
   * An input read window by window: each entry keeps its best signature match over all windows, and a later
   * window wins a tie (logs are newest-last). Descriptions in words are then read in the first and the last
   * window, knowing the strongest signature of the whole input. A one-window input is read as before.
   */
  const analysisSession = (stats: ReadStats, options: MatchOptions) => {
    const best = new Map<number, Candidate>();
    const ends: PreparedInput[] = [];
    return {
      add: (input: PreparedInput, first: boolean, last: boolean): void => {
        if (first && last) {
          analyzeWindow(input, stats.head, best, { signatures: true, symptoms: true });
          return;
        }
        for (const [entryIndex, candidate] of analyzeWindow(input, stats.head, new Map(), { signatures: true, symptoms: false })) {
          if (candidate.score >= (best.get(entryIndex)?.score ?? -1)) best.set(entryIndex, candidate);
        }
        if (first || last) ends.push(input);
      },
      finish: (): Analysis => {
        for (const input of ends) analyzeWindow(input, stats.head, best, { signatures: false, symptoms: true });
        const total = [...best.values()].filter((candidate) => candidate.score >= MIN_SCORE).length;
        return { matches: rank(best, options), notes: readNotes(stats), total };
      },
    };
  };

  const analyzeWindow = (
    input: PreparedInput,
    head: string,
    candidates: Map<number, Candidate>,
    read: { signatures: boolean; symptoms: boolean },
  ): Map<number, Candidate> => {
    const named = productsNamedIn(head);
    // A text about another platform (EKS, AKS, k3s, a laptop) gets no platform-specific known issue, unless
    // it also names that product ("works on GKE, fails on EKS").
    const otherPlatform = namesOtherPlatform(head);
    const namedOutright = otherPlatform ? productsNamedOutright(head) : new Set<string>();
    const belongsElsewhere = (entryIndex: number): boolean => {
      const products = entries[entryIndex]!.affects.products;
      return otherPlatform && !products.includes('containerd') && !products.some((product) => namedOutright.has(product));
    };
    for (const hit of read.signatures ? signatures.search(input) : []) {
      if (belongsElsewhere(hit.entryIndex)) continue;
      const scored = scoreSignatureHit(hit);
      if (scored) addEvidence(candidates, hit.entryIndex, scored.score, scored.evidence);
    }
    const strongest = Math.max(0, ...[...candidates.values()].map((c) => c.score));
    const inLog = isMostlyLog(input);
    // Several phrases of one entry may come back; the best one that passes speaks for it.
    const bestSymptom = new Map<number, { score: number; evidence: Evidence }>();
    for (const hit of read.symptoms ? symptoms.search(input, strongest < FULL_COVERAGE) : []) {
      if (belongsElsewhere(hit.entryIndex)) continue;
      const entry = entries[hit.entryIndex]!;
      const namesProduct = named.has(entry.product) || entry.affects.products.some((product) => named.has(product));
      const scored = scoreSymptomHit(hit, namesProduct, inLog);
      if (scored && scored.score > (bestSymptom.get(hit.entryIndex)?.score ?? 0)) bestSymptom.set(hit.entryIndex, scored);
    }
    for (const [entryIndex, scored] of bestSymptom) addEvidence(candidates, entryIndex, scored.score, scored.evidence);
    return candidates;
  };

  const rank = (candidates: Map<number, Candidate>, options: MatchOptions): Match[] => {
    const top = Math.max(1, Math.min(options.top ?? DEFAULT_TOP, 50));
    return [...candidates.values()]
      .filter((candidate) => candidate.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || a.entryIndex - b.entryIndex)
      .slice(0, top)
      .map((candidate) => {
        const entry = entries[candidate.entryIndex]!;
        const score = round(candidate.score);
        return { id: entry.id, title: entry.title.en, score, confidence: confidenceOf(score), evidence: candidate.evidence, entry };
      });
  };

  return { analyze, analyzeStream, match: (text, options) => analyze(text, options).matches };
}

/** The matcher must never take an answer down with it; a bug here is reported, not thrown. */
function failed(error: unknown): Analysis {
  return { matches: [], notes: [`the matcher failed on this input (${error instanceof Error ? error.message : String(error)}); please report it`] };
}

/** A failure to read the input (a file that vanished, EIO) is the caller's to report, not a matcher bug. */
function isStreamError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function scoreSignatureHit(hit: SignatureHit): { score: number; evidence: Evidence } | undefined {
  const evidence = (kind: Evidence['kind']): Evidence => ({ kind, line: hit.line, lineNumber: hit.lineNumber, matched: hit.signature });
  // A quoted signature shows its generic parts too: "mkdir /sys/fs/cgroup/memory/...: read-only file system" is
  // not "...: cannot allocate memory", though the informative path is the same.
  // Either enough informative text, or a long run of generic parts that only this issue puts together.
  const substantial = hit.coveredWeight >= FULL_MIN_WEIGHT || hit.rawCovered >= FULL_MIN_GENERIC_CHARS;
  if (hit.coverage >= FULL_COVERAGE && hit.rawCoverage >= FULL_RAW_COVERAGE && substantial) {
    // Plain coverage breaks ties between signatures that both cover their informative text.
    return { score: 0.85 + 0.1 * hit.coverage + 0.05 * hit.rawCoverage, evidence: evidence('signature') };
  }
  // A fragment of a signature with several parts must show two of them: one part alone is often a phrase
  // other software prints too.
  if (hit.chunks > 1 && hit.chunksFound < 2) return undefined;
  if (hit.coverage >= FRAGMENT_COVERAGE && hit.coveredWeight >= FRAGMENT_MIN_WEIGHT) {
    return { score: 0.65 + 0.4 * (hit.coverage - FRAGMENT_COVERAGE), evidence: evidence('fragment') };
  }
  if (hit.coveredWeight >= LONG_RUN_WEIGHT) return { score: Math.min(0.78, 0.6 + hit.coveredWeight / 400), evidence: evidence('fragment') };
  return undefined;
}

function scoreSymptomHit(hit: SymptomHit, namesProduct: boolean, inLog: boolean): { score: number; evidence: Evidence } | undefined {
  if (hit.matchedTerms.length < SYMPTOM_MIN_TERMS) return undefined;
  const placed = namesProduct || hit.specificTerms >= 2 || (hit.specificTerms >= 1 && hit.coverage >= SYMPTOM_COVERAGE_UNPLACED);
  const bar = inLog ? SYMPTOM_COVERAGE_IN_LOG : hit.specificTerms >= 1 ? SYMPTOM_COVERAGE : SYMPTOM_COVERAGE_WITHOUT_SPECIFIC_TERMS;
  if (!placed || hit.coverage < bar || (hit.specificTerms === 0 && hit.matchedTerms.length < 4)) return undefined;
  return {
    // At most 0.825: a description alone never reaches high confidence.
    score: 0.5 + 0.25 * Math.min(1, hit.coverage) + Math.min(0.075, 0.025 * hit.specificTerms),
    evidence: { kind: 'symptom', line: hit.line, lineNumber: hit.lineNumber, matched: hit.phrase },
  };
}

/** Evidence of another kind for the same entry adds a little: a quoted error and a matching description agree. */
function addEvidence(candidates: Map<number, Candidate>, entryIndex: number, score: number, evidence: Evidence): void {
  const current = candidates.get(entryIndex);
  if (!current) {
    candidates.set(entryIndex, { entryIndex, score, evidence: [evidence] });
    return;
  }
  const agrees = current.evidence.some((e) => e.kind !== evidence.kind);
  // The strongest evidence comes first: it is the line the answer shows.
  if (score > current.score) current.evidence.unshift(evidence);
  else current.evidence.push(evidence);
  current.score = Math.max(current.score, score) + (agrees ? 0.03 : 0);
}

function confidenceOf(score: number): Confidence {
  if (score >= 0.85) return 'high';
  if (score >= 0.7) return 'medium';
  return 'low';
}

function round(score: number): number {
  return Math.round(Math.min(1, score) * 1000) / 1000;
}
