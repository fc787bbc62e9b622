import type { Catalogue, CatalogueEntry } from '../catalogue/types.js';
import { feedWindows, feedWindowsAsync } from './feed-windows.js';
import { InputWindows, windowsOfText, type PreparedInput, type ReadStats } from './prepare-input.js';
import { readNotes } from './read-notes.js';
import { windowsOfStream } from './windows-of-stream.js';
import { SignatureIndex, type SignatureHit } from './signature-index.js';
import { signaturesSharedAcrossProducts } from './shared-signatures.js';
import { createBatchNormalizer } from './batch-normalizer.js';
import { contextCaveat } from './context-caveat.js';
import { judgeContext, componentsOutsideThePlatform, pastePlaces, PRODUCT_LABEL, type ContextVerdict } from './judge-context.js';
import { readPasteContext, type PasteContext } from './paste-context.js';
import { productsNamedIn } from './product-context.js';
import { besidesQuotedEvidence } from './besides-quoted-evidence.js';
import { isMostlyLog, SymptomIndex, type SymptomHit } from './symptom-index.js';
import type { Analysis, Confidence, Evidence, Match, MatchOptions, StreamMatcher } from './types.js';

/** Below this score a candidate is not reported: the matcher abstains rather than guess. */
export const MIN_SCORE = 0.6;
const DEFAULT_TOP = 5;

/** A quoted signature: nearly all of its informative text in one place. */
const FULL_COVERAGE = 0.85;
/** Without context that places it, a match stays below high confidence: a bare line could come from anywhere. */
const UNCORROBORATED_CAP = 0.84;
/** A signature's cause must be nearly all there; the generic text before it does not make the error the same. */
const CAUSE_COVERAGE = 0.8;
/** A signature whose generic prefix the paste quotes this much of, ending in another cause, marks the paste as another error. */
const DIVERGENT_MIN_WEIGHT = 12;
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
/**
 * Words of a person's own sentences past which a platform issue the paste never places on its platform is not
 * reported: twice the words that make a paste substantial, two or three sentences rather than a one-line question.
 */
const TELLS_ITS_SETTING_WORDS = 40;

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

  // Worked out on first need: most pastes never ask, and the CLI's start-up stays short.
  let sharedSignatures: Set<string> | undefined;
  const quotesOnlySharedMessages = (candidate: Candidate): boolean => {
    const quoted = candidate.evidence.filter((evidence) => evidence.kind !== 'symptom');
    if (quoted.length === 0) return false;
    sharedSignatures ??= signaturesSharedAcrossProducts(entries);
    return quoted.every((evidence) => sharedSignatures!.has(evidence.matched));
  };

  /**
   * Why a platform issue that nothing in the paste (or the deployment) places is not reported on what its
   * evidence is, if so:
   * - only a fuzzy piece of its error in a paste that tells its setting (the piece is the generic part many
   *   programs print, "failed calling webhook ... x509");
   * - only a message another platform's issue documents too (kubelet's "cni plugin not initialized");
   * - only quoted messages that software every cluster runs prints (the kernel's "BPF program is too large",
   *   kubeadm's "could not find a JWS signature"), in a paste whose words never place it on the platform: the
   *   platform's cause is then a guess;
   * - anything, when the paste tells its setting at length and never places itself on the platform.
   * The deployment's platforms, when they serve it, place it.
   */
  const unplacedPlatformEvidence = (entry: CatalogueEntry, verdict: ContextVerdict, candidate: Candidate, paste: PasteContext): string | undefined => {
    if (verdict.corroborated || entry.context.scope !== 'platform') return undefined;
    const label = PRODUCT_LABEL[entry.product];
    if (paste.substantial && candidate.evidence.every((e) => e.kind === 'fragment')) {
      return `only a piece of its error is quoted and the paste never places it on ${label}`;
    }
    if (quotesOnlySharedMessages(candidate)) return `its message is printed on other platforms too and nothing places the paste on ${label}`;
    const outside = componentsOutsideThePlatform(entry);
    // A title quotes the entry's error, so a title read as a description is that quote again, not a description.
    const describes = candidate.evidence.some((e) => e.kind === 'symptom' && !isTitle(entry, e.matched));
    if (outside.length > 0 && !pastePlaces(entry, paste) && !describes && candidate.evidence.some((e) => e.kind !== 'symptom')) {
      return `${outside.join(', ')} print${outside.length === 1 ? 's' : ''} its message outside ${label} too, and nothing places the paste on ${label}`;
    }
    // A person who writes several sentences about their setting and names nothing of the platform (its name, its
    // components, its resources) is rarely on it, whatever the evidence. A short line leaves it open.
    if (paste.proseWords >= TELLS_ITS_SETTING_WORDS && !pastePlaces(entry, paste)) {
      return `the paste tells its setting in ${paste.proseWords} words and nothing in it places it on ${label}`;
    }
    return undefined;
  };

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
    // A long log is normalised on a worker thread while this one reads and searches (the same windows either way).
    const normalizer = createBatchNormalizer();
    try {
      const windows = new InputWindows({ deferNormalising: true });
      const session = analysisSession(windows.stats, options);
      await feedWindowsAsync(windowsOfStream(source, windows, normalizer), session.add);
      return session.finish();
    } catch (error) {
      if (isStreamError(error)) throw error;
      return failed(error);
    } finally {
      normalizer.close();
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
    // Entries whose error family the paste quotes with another cause: its words describe that other error.
    const divergent = new Set<number>();
    return {
      add: (input: PreparedInput, first: boolean, last: boolean): void => {
        if (first && last) {
          analyzeWindow(input, stats.head, best, { signatures: true, symptoms: true }, divergent);
          return;
        }
        for (const [entryIndex, candidate] of analyzeWindow(input, stats.head, new Map(), { signatures: true, symptoms: false }, divergent)) {
          if (candidate.score >= (best.get(entryIndex)?.score ?? -1)) best.set(entryIndex, candidate);
        }
        if (first || last) ends.push(input);
      },
      finish: (): Analysis => {
        for (const input of ends) analyzeWindow(input, stats.head, best, { signatures: false, symptoms: true }, divergent);
        const notes = readNotes(stats);
        const matches = judgeAndRank(best, stats.head, options, notes);
        const total = [...best.values()].filter((candidate) => candidate.score >= MIN_SCORE).length;
        return { matches, notes, total };
      },
    };
  };

  const analyzeWindow = (
    input: PreparedInput,
    head: string,
    candidates: Map<number, Candidate>,
    read: { signatures: boolean; symptoms: boolean },
    divergent: Set<number>,
  ): Map<number, Candidate> => {
    const named = productsNamedIn(head);
    for (const hit of read.signatures ? signatures.search(input) : []) {
      if (hit.causeReplaced && hit.coveredWeight >= DIVERGENT_MIN_WEIGHT) divergent.add(hit.entryIndex);
      const scored = scoreSignatureHit(hit);
      if (scored) addEvidence(candidates, hit.entryIndex, scored.score, scored.evidence);
    }
    const strongest = Math.max(0, ...[...candidates.values()].map((c) => c.score));
    const inLog = isMostlyLog(input);
    // Several phrases of one entry may come back; the best one that passes speaks for it.
    const bestSymptom = new Map<number, { score: number; evidence: Evidence }>();
    for (const hit of read.symptoms ? symptoms.search(input, strongest < FULL_COVERAGE) : []) {
      // A paste that quotes this entry's error family with another cause is about that other error, unless
      // its own signature matched too.
      if (divergent.has(hit.entryIndex) && !candidates.has(hit.entryIndex)) continue;
      const entry = entries[hit.entryIndex]!;
      const namesProduct = named.has(entry.product) || entry.affects.products.some((product) => named.has(product));
      const scored = scoreSymptomHit(hit, namesProduct, inLog);
      if (scored && scored.score > (bestSymptom.get(hit.entryIndex)?.score ?? 0)) bestSymptom.set(hit.entryIndex, scored);
    }
    for (const [entryIndex, scored] of bestSymptom) addEvidence(candidates, entryIndex, scored.score, scored.evidence);
    return candidates;
  };

  /**
   * Context before confidence: an entry the paste's context contradicts is not reported (the notes say why);
   * one that nothing in the paste or the deployment's platforms places stays below high confidence.
   */
  const judgeAndRank = (candidates: Map<number, Candidate>, head: string, options: MatchOptions, notes: string[]): Match[] => {
    const paste = readPasteContext(head);
    const verdicts = new Map<number, ContextVerdict>();
    const verdictOf = (entryIndex: number): ContextVerdict => {
      let verdict = verdicts.get(entryIndex);
      if (!verdict) verdicts.set(entryIndex, (verdict = judgeContext(entries[entryIndex]!, paste, options.platforms, options.platformsFrom)));
      return verdict;
    };
    const corroboratedByQuotes: number[] = [];
    for (const [entryIndex, candidate] of candidates) {
      const verdict = verdictOf(entryIndex);
      const entry = entries[entryIndex]!;
      const turnedAway = verdict.contradicted ?? unplacedPlatformEvidence(entry, verdict, candidate, paste);
      if (turnedAway) {
        if (candidate.score >= MIN_SCORE) notes.push(`not reported: "${entry.title.en}", because ${turnedAway}`);
        candidates.delete(entryIndex);
        continue;
      }
      if (verdict.corroborated && !verdict.assumed && candidate.score > UNCORROBORATED_CAP) corroboratedByQuotes.push(entryIndex);
    }
    // Corroboration is context beyond the quoted messages: the printer an error names in its own text is no sign of
    // where it ran, so a bare line stays at medium (with its caveat) whatever program it names. The paste without
    // the messages of every answer that would be high is read once.
    const rest = corroboratedByQuotes.length === 0 ? head : besidesQuotedEvidence(head, corroboratedByQuotes.flatMap((i) => candidates.get(i)!.evidence));
    if (rest !== head) {
      const restContext = readPasteContext(rest);
      for (const entryIndex of corroboratedByQuotes) {
        const again = judgeContext(entries[entryIndex]!, restContext, options.platforms, options.platformsFrom);
        if (!again.corroborated || again.contradicted) verdicts.set(entryIndex, { ...verdictOf(entryIndex), corroborated: false });
      }
    }
    for (const [entryIndex, candidate] of candidates) {
      const verdict = verdictOf(entryIndex);
      if (!verdict.corroborated) candidate.score = Math.min(candidate.score, UNCORROBORATED_CAP);
      candidate.score += verdict.prior;
    }
    return rank(candidates, options).map(({ entryIndex, ...match }) => {
      const verdict = verdictOf(entryIndex);
      const context = {
        corroborated: verdict.corroborated,
        ...(verdict.assumed ? { assumed: verdict.assumed } : {}),
        ...(verdict.otherPlatform ? { otherPlatform: verdict.otherPlatform } : {}),
        ...withCaveat(contextCaveat(match.entry, verdict)),
      };
      return { ...match, context };
    });
  };

  const rank = (candidates: Map<number, Candidate>, options: MatchOptions): (Omit<Match, 'context'> & { entryIndex: number })[] => {
    const top = Math.max(1, Math.min(options.top ?? DEFAULT_TOP, 50));
    return [...candidates.values()]
      .filter((candidate) => candidate.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || a.entryIndex - b.entryIndex)
      .slice(0, top)
      .map((candidate) => {
        const entry = entries[candidate.entryIndex]!;
        const score = round(candidate.score);
        return { id: entry.id, title: entry.title.en, score, confidence: confidenceOf(score), evidence: candidate.evidence, entry, entryIndex: candidate.entryIndex };
      });
  };

  return { analyze, analyzeStream, match: (text, options) => analyze(text, options).matches };
}

/** True when a symptom phrase is the entry's title (which quotes its error), not one of its descriptions. */
function isTitle(entry: CatalogueEntry, phrase: string): boolean {
  return phrase === entry.title.en || phrase === entry.title.ko;
}

function withCaveat(caveat: ReturnType<typeof contextCaveat>): { caveat?: NonNullable<ReturnType<typeof contextCaveat>> } {
  return caveat ? { caveat } : {};
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
  // The generic beginning of an error with another cause after it ("failed to create shim task: ... exec:
  // \"python\": executable file not found") is not this error.
  if (hit.causeCoverage < CAUSE_COVERAGE && hit.causeReplaced) return undefined;
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
  // A fragment must show its cause, when the signature has one worth the name.
  if (hit.causeCoverage > 0 && hit.causeCoverage < CAUSE_COVERAGE) return undefined;
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
