import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { FeedbackMark, FeedbackMarkKind, FeedbackSubject, FeedbackSurface } from './types.js';

/** How long after an answer its Right / Wrong buttons still take a mark. */
export const SUBJECT_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** How long a mark is kept (and reported). */
export const MARK_TTL_MS = 90 * 24 * 60 * 60 * 1000;
/** A kept input is cut to this many characters: enough to see the error, not a whole log in Redis. */
export const KEPT_INPUT_CHARS = 4000;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface FeedbackStoreOptions {
  /** Keep the text with the mark (else only its hash). Default false. */
  keepInput?: boolean;
  now?: () => number;
}

export interface MarkResult {
  mark: FeedbackMark;
  /** The person's earlier mark on this issue of this answer, when this press changed it. */
  previous?: FeedbackMarkKind;
}

/**
 * Marks from the people who read the answers. An answer's subject (the issues shown, the surface, a hash of the
 * input) is stored under a random reference that its buttons carry; a press names only that reference and the
 * issue's position, so the stored subject, not the button, says which issue and confidence are marked. Marks sit
 * in one hash per day the answer was given, keyed by answer, issue and person: a second press replaces the first.
 */
export class FeedbackStore {
  private readonly keepInput: boolean;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: FeedbackStoreOptions = {},
  ) {
    this.keepInput = options.keepInput ?? false;
    this.now = options.now ?? Date.now;
  }

  /** Stores what an answer showed; resolves with the reference for its buttons. */
  async saveSubject(surface: FeedbackSurface, input: string, matches: FeedbackSubject['matches']): Promise<string> {
    const ref = randomBytes(12).toString('hex');
    const subject: FeedbackSubject = { surface, at: this.now(), inputSha256: sha256(input), matches: matches.slice(0, 10) };
    if (this.keepInput) subject.input = input.slice(0, KEPT_INPUT_CHARS);
    await this.store.set(subjectKey(ref), JSON.stringify(subject), SUBJECT_TTL_MS);
    return ref;
  }

  /**
   * Records `person`'s mark on the issue at `index` of the answer `ref`. Undefined when the reference is unknown,
   * expired or malformed, or the index is not one of the answer's issues.
   */
  async mark(ref: string, index: number, person: string, mark: FeedbackMarkKind): Promise<MarkResult | undefined> {
    if (!/^[0-9a-f]{24}$/.test(ref) || !Number.isInteger(index) || index < 0) return undefined;
    const raw = await this.store.get(subjectKey(ref));
    if (raw === undefined) return undefined;
    const subject = JSON.parse(raw) as FeedbackSubject;
    const match = subject.matches[index];
    if (!match) return undefined;
    const bucket = marksKey(subject.at);
    const field = `${ref}:${index}:${sha256(person).slice(0, 16)}`;
    const earlier = (await this.store.hashGetAll(bucket))[field];
    const record: FeedbackMark = {
      mark,
      issue: match.id,
      confidence: match.confidence,
      score: match.score,
      surface: subject.surface,
      inputSha256: subject.inputSha256,
      answer: ref,
      at: this.now(),
    };
    if (subject.input !== undefined) record.input = subject.input;
    await this.store.hashSet(bucket, field, JSON.stringify(record), MARK_TTL_MS + SUBJECT_TTL_MS);
    const previous = earlier === undefined ? undefined : (JSON.parse(earlier) as FeedbackMark).mark;
    return previous === undefined || previous === mark ? { mark: record } : { mark: record, previous };
  }

  /** Every mark of the last 90 days, oldest answer first. */
  async marks(): Promise<FeedbackMark[]> {
    const now = this.now();
    const days = Math.ceil((MARK_TTL_MS + SUBJECT_TTL_MS) / DAY_MS);
    const buckets = Array.from({ length: days + 1 }, (_, i) => marksKey(now - (days - i) * DAY_MS));
    const all: FeedbackMark[] = [];
    for (let i = 0; i < buckets.length; i += 20) {
      const hashes = await Promise.all(buckets.slice(i, i + 20).map((key) => this.store.hashGetAll(key)));
      for (const hash of hashes) {
        for (const value of Object.values(hash)) {
          const mark = JSON.parse(value) as FeedbackMark;
          if (now - mark.at <= MARK_TTL_MS) all.push(mark);
        }
      }
    }
    return all;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function subjectKey(ref: string): string {
  return `feedback:answer:${ref}`;
}

function marksKey(at: number): string {
  return `feedback:marks:${new Date(at).toISOString().slice(0, 10)}`;
}
