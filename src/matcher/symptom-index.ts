import Fuse from 'fuse.js';
import type { CatalogueEntry } from '../catalogue/types.js';
import type { PreparedInput } from './prepare-input.js';
import { COMMON_TERMS, latinTerms, termsOf } from './terms.js';

/** Descriptions are read from at most this much text (the start of the paste, or its prose lines). */
const MAX_PROSE_CHARS = 6_000;
const MAX_PROSE_LINES = 200;
/** At most this many unknown words are looked up fuzzily (typos), each at most 32 characters long (bitap's limit). */
const MAX_FUZZY_TERMS = 30;
const FUZZY_THRESHOLD = 0.25;
/** Hits below this coverage are never reported (the matcher's bars are higher), so they are not returned. */
const MIN_REPORTABLE_COVERAGE = 0.5;
const PHRASES_PER_ENTRY = 3;
/** Error wrappers that runtimes and the kubelet print around whatever the cause is. */
const WRAPPERS =
  /failed to (?:create|start) (?:shim task|containerd task|containerd container|pod sandbox)|oci runtime (?:create|exec|start) failed|runc (?:create|exec|run) failed|unable to start container process|rpc error: code = \w+ desc =|error response from daemon/gi;

interface Phrase {
  entryIndex: number;
  text: string;
  terms: string[];
  weight: number;
}

export interface SymptomHit {
  entryIndex: number;
  /** Weighted share of the best phrase's terms found in the input, 0 to 1. */
  coverage: number;
  phrase: string;
  matchedTerms: string[];
  /** How many of the matched terms are specific (found in at most two entries). */
  specificTerms: number;
  lineNumber: number;
  line: string;
}

/** Symptom phrases, titles and signature words of every entry, for inputs that describe an issue in words. */
export class SymptomIndex {
  private readonly phrases: Phrase[] = [];
  private readonly idf = new Map<string, number>();
  private readonly entryCount = new Map<string, number>();
  private readonly vocabulary: Fuse<string>;
  private readonly vocabularySet: Set<string>;

  constructor(entries: readonly CatalogueEntry[]) {
    entries.forEach((entry, entryIndex) => {
      // Signatures are left to the signature index: as bags of words, their generic parts (x509, certificate,
      // unknown authority) would make any log that shares them look like a description of the issue.
      const texts = [...entry.symptoms.en, ...entry.symptoms.ko, entry.title.en, entry.title.ko];
      const seen = new Set<string>();
      for (const text of texts) {
        const terms = [...termsOf(text)];
        if (terms.length === 0) continue;
        this.phrases.push({ entryIndex, text, terms, weight: 0 });
        for (const term of terms) seen.add(term);
      }
      for (const term of seen) this.entryCount.set(term, (this.entryCount.get(term) ?? 0) + 1);
    });
    const n = Math.max(1, entries.length);
    for (const [term, count] of this.entryCount) this.idf.set(term, Math.log(1 + n / count));
    for (const phrase of this.phrases) phrase.weight = phrase.terms.reduce((sum, term) => sum + (this.idf.get(term) ?? 0), 0);
    const latin = [...this.entryCount.keys()].filter((term) => !term.startsWith('ko:') && term.length >= 4 && term.length <= 32);
    this.vocabularySet = new Set(this.entryCount.keys());
    this.vocabulary = new Fuse(latin, { includeScore: true, ignoreLocation: true, threshold: FUZZY_THRESHOLD, minMatchCharLength: 3 });
  }

  /**
   * The best phrase of each entry found in the input's prose. `fuzzy` also maps unknown words to catalogue
   * words within a small edit distance (typos such as "contianerd"), which costs a Fuse search per word.
   */
  search(input: PreparedInput, fuzzy: boolean): SymptomHit[] {
    const prose = proseOf(input);
    if (prose.text === '') return [];
    // The wrappers runtimes put around any cause ("failed to create shim task: OCI runtime create failed:") are not
    // words of a description: "shim" and "task" there say nothing about leaked shims.
    const words = prose.text.replace(WRAPPERS, ' ');
    const found = new Map<string, number>();
    for (const term of termsOf(words)) if (this.vocabularySet.has(term)) found.set(term, 1);
    if (fuzzy) this.addTypos(words, found);
    if (found.size === 0) return [];

    const byEntry = new Map<number, SymptomHit[]>();
    for (const phrase of this.phrases) {
      if (phrase.weight <= 0) continue;
      let matched = 0;
      const matchedTerms: string[] = [];
      let specificTerms = 0;
      for (const term of phrase.terms) {
        const factor = found.get(term);
        if (factor === undefined) continue;
        matched += factor * (this.idf.get(term) ?? 0);
        matchedTerms.push(term);
        if ((this.entryCount.get(term) ?? 99) <= 2 && !COMMON_TERMS.has(term)) specificTerms++;
      }
      const coverage = matched / phrase.weight;
      if (coverage < MIN_REPORTABLE_COVERAGE) continue;
      const hit = { entryIndex: phrase.entryIndex, coverage, phrase: phrase.text, matchedTerms, specificTerms, lineNumber: 0, line: '' };
      const list = byEntry.get(phrase.entryIndex);
      if (list) list.push(hit);
      else byEntry.set(phrase.entryIndex, [hit]);
    }
    // The best few phrases of each entry: the matcher takes the first that passes its bars, so a phrase that
    // covers the input well on too few words does not hide one that would pass. Evidence lines are computed for
    // these only, each line's terms once.
    const hits = [...byEntry.values()].flatMap((list) => list.sort((a, b) => (betterPhrase(toRank(a), toRank(b)) ? -1 : 1)).slice(0, PHRASES_PER_ENTRY));
    const lineTerms = new Map<ProseLine, Set<string>>();
    for (const hit of hits) Object.assign(hit, bestLine(prose.lines, hit.matchedTerms, lineTerms));
    return hits;
  }

  private addTypos(text: string, found: Map<string, number>): void {
    const unknown = [...new Set(latinTerms(text))].filter(
      (term) => term.length >= 5 && term.length <= 32 && !this.vocabularySet.has(term) && /[a-z]{4}/.test(term),
    );
    for (const term of unknown.slice(0, MAX_FUZZY_TERMS)) {
      const [top] = this.vocabulary.search(term, { limit: 1 });
      if (!top || top.score === undefined || Math.abs(top.item.length - term.length) > 2) continue;
      const factor = 1 - top.score;
      if (factor > (found.get(top.item) ?? 0)) found.set(top.item, factor);
    }
  }
}

/**
 * Which of an entry's phrases speaks for it: one with a word specific to the entry and most of its terms
 * found beats a fuller match of generic words only; otherwise coverage, then the number of terms.
 */
function betterPhrase(a: { coverage: number; specificTerms: number; terms: number }, b: { coverage: number; specificTerms: number; terms: number }): boolean {
  const strong = (x: typeof a): boolean => x.specificTerms > 0 && x.coverage >= MIN_REPORTABLE_COVERAGE;
  if (strong(a) !== strong(b)) return strong(a);
  if (a.coverage !== b.coverage) return a.coverage > b.coverage;
  return a.terms > b.terms;
}

function toRank(hit: SymptomHit): { coverage: number; specificTerms: number; terms: number } {
  return { coverage: hit.coverage, specificTerms: hit.specificTerms, terms: hit.matchedTerms.length };
}

interface ProseLine {
  number: number;
  text: string;
}

/**
 * A record a program printed, not a sentence a person wrote: a timestamp or klog header at its start, logfmt
 * fields, or a row of events (`Warning  Failed  3m  kubelet  ...`, `58s  Warning  FailedMount ...`).
 */
const LOG_RECORD =
  /^[ \t]*(?:[\[{(]|[IWEF]\d{4}\b|\d{4}-\d\d-\d\d|[A-Z][a-z]{2} +\d{1,2} |time=|level=|(?:Normal|Warning)[ \t]|\d+[smhd]\d*[smh]?[ \t]+(?:Normal|Warning)\b)|\b(?:msg|level|time)=/;

/**
 * The part of the input that may describe an issue: all of a short input, the wordy lines of a long one. When
 * the paste has sentences of its own, the log records it quotes are left to the signature index: a kubelet event
 * ("Container image ... is not present with pull policy of Never") shares a symptom's words whatever the cause,
 * and the person's sentences are what say which problem it is. A paste of log records only is read whole.
 */
function proseOf(input: PreparedInput): { text: string; lines: ProseLine[] } {
  const lines: ProseLine[] = [];
  let size = 0;
  const hasSentences = input.lines.some((line) => !LOG_RECORD.test(line.text) && looksLikeProse(line.text));
  for (const line of input.lines) {
    if (lines.length >= MAX_PROSE_LINES || size >= MAX_PROSE_CHARS) break;
    if (input.cleanText.length > MAX_PROSE_CHARS && !looksLikeProse(line.text)) continue;
    if (hasSentences && LOG_RECORD.test(line.text)) continue;
    lines.push(line);
    size += line.text.length;
  }
  return { text: lines.map((line) => line.text).join('\n'), lines };
}

/** True when most lines of the input are log output rather than sentences. */
export function isMostlyLog(input: PreparedInput): boolean {
  const sample = input.lines.slice(0, 200);
  if (sample.length < 3) return false;
  return sample.filter((line) => looksLikeProse(line.text)).length < sample.length / 2;
}

function looksLikeProse(text: string): boolean {
  const words = text.match(/[A-Za-z]{3,}|[\uac00-\ud7a3]{2,}/g) ?? [];
  return words.length >= 3 && words.join('').length >= text.length * 0.5;
}

function bestLine(lines: ProseLine[], terms: string[], cache: Map<ProseLine, Set<string>>): { lineNumber: number; line: string } {
  let best = { lineNumber: lines[0]?.number ?? 1, line: lines[0]?.text ?? '', count: -1 };
  for (const line of lines) {
    let own = cache.get(line);
    if (!own) cache.set(line, (own = termsOf(line.text)));
    const count = terms.filter((term) => own.has(term)).length;
    if (count > best.count) best = { lineNumber: line.number, line: line.text, count };
  }
  return { lineNumber: best.lineNumber, line: best.line };
}
