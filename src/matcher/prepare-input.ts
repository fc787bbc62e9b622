import { evidenceExcerpt, MAX_EVIDENCE_CHARS } from './evidence-excerpt.js';
import { lineHash } from './line-hash.js';
import { LineHashSet } from './line-hash-set.js';
import { isPlainText } from './is-plain-text.js';
import { foldLookalikes, normalizeBatch, stripAnsiAndControl, unescapeJsonText } from './normalize.js';

/**
 * The matcher reads its input in windows of about this many squeezed characters of distinct lines (about 1 MB
 * of log): each window costs what a 1 MB paste did, and a log of any size is read window by window, whole.
 */
export const MAX_INPUT_CHARS = 1_000_000;
/** A window also closes after this many distinct lines, so a log of very short lines stays bounded too. */
const MAX_WINDOW_LINES = 100_000;
/**
 * Each window starts with the last lines of the one before, at least this many squeezed characters, so an
 * error that spans the boundary (a wrapped line, a multi-line message) is seen whole in one of them.
 */
const OVERLAP_CHARS = 8_000;
/** A single line longer than this is cut into pieces of this size, so one 1 MB line costs what 250 lines do. */
const MAX_LINE_CHARS = 4_000;
/** Raw text handed to the cleaner at once: a line longer than this is read in parts (a multiple of MAX_LINE_CHARS). */
export const MAX_PART_CHARS = 250 * MAX_LINE_CHARS;
/**
 * Distinct lines remembered for deduplication (as 52-bit hashes). Past this the memory starts again: a line
 * seen before may be read a second time, which costs time but loses nothing.
 */
const MAX_REMEMBERED_LINES = 1_000_000;
/** The cleaned text kept per window, for the prose and product checks (which read its start). */
const MAX_CLEAN_CHARS = 1_000_000;
const HEAD_CHARS = 20_000;
const BINARY_SAMPLE_CHARS = 4096;
const BLANK = /^\s*$/;
/** Pieces normalised in one call, and their characters at most: regexes over one huge string cost more per character. */
const BATCH_PIECES = 256;
const BATCH_CHARS = 64 * 1024;
/** Clean lines (blank ones included) held for one batch at most. */
const MAX_CLEAN_LINES_PER_BATCH = 4 * BATCH_PIECES;
const NONE: PreparedInput[] = [];
const LINE_BREAK = /\r\n|\r|\n/;

export interface InputLine {
  /** 1-based line number in the pasted text. */
  number: number;
  /** The line as pasted, without colour codes, trimmed, clipped to its first 300 characters. */
  text: string;
  /** The whole line (or piece of a very long line) as pasted, trimmed: `lineAt` shows the part that matched. */
  full: string;
}

/** The paste (or one window of a long log), normalised once and shared by the signature search and the symptom scorer. */
export interface PreparedInput {
  /** Distinct lines (compared after normalisation), in the order they first appear. */
  lines: InputLine[];
  /**
   * The squeezed form of those lines, concatenated without separators, so an error that Slack or a terminal
   * wrapped in the middle of a word reads whole again.
   */
  stream: string;
  /** stream offset where lines[i] begins. */
  starts: number[];
  /** True when more of the input follows this window (prepareInput reads the first window only). */
  truncated: boolean;
  /** The text after unescaping and cleaning (at most 1,000,000 characters of this window), for the symptom scorer. */
  cleanText: string;
  /** True when much of the input's start was control characters or invalid text (a binary file pasted or attached). */
  binary: boolean;
}

/**
 * Pieces cut from the input and not yet normalised: joined by NUL (which the cleaner has already turned into a
 * space, so it cannot occur inside a piece, and which no normalisation pattern matches or removes), they
 * normalise and squeeze exactly as one by one, at about half the cost of a call per line.
 */
export interface PendingBatch {
  pieces: string[];
  numbers: number[];
  /** The cleaned lines read with them, blank ones too. */
  clean: string[];
  joined: string;
}

/** What was read of the whole input, for the notes of an answer. */
export interface ReadStats {
  /** Characters read (of the decoded text, line breaks included). */
  chars: number;
  /** Bytes read, for a stream; undefined for a string. */
  bytes?: number;
  /** Lines read (a last line without a line break counts). */
  lines: number;
  /** Distinct lines examined (after normalisation). */
  distinct: number;
  /** Windows the input was read in. */
  windows: number;
  /** The first 20,000 characters of the cleaned text: products and other platforms are named there. */
  head: string;
  binary: boolean;
}

/**
 * Builds windows of an input fed line by line. Holds one window at a time (plus the hashes of lines seen),
 * whatever the input's size: a 100 MB log is read in about a hundred windows.
 */
export class InputWindows {
  readonly stats: ReadStats = { chars: 0, lines: 0, distinct: 0, windows: 0, head: '', binary: false };
  private readonly seen = new LineHashSet();
  private sample = '';
  private sampled = false;
  private lines: InputLine[] = [];
  private parts: string[] = [];
  private starts: number[] = [];
  private offset = 0;
  private clean: string[] = [];
  private cleanChars = 0;
  /** Lines of the current window that are new (not carried over from the previous one). */
  private fresh = 0;
  private readonly windowChars: number;
  private batch: string[] = [];
  private batchNumbers: number[] = [];
  private batchChars = 0;
  /** Cleaned lines since the last batch was cut (blank and repeated ones too): the window's clean text. */
  private batchClean: string[] = [];
  private readonly deferred: boolean;
  private ready: PendingBatch[] = [];

  /**
   * `windowChars`: the size of a window in squeezed characters (default MAX_INPUT_CHARS; smaller in tests).
   * `deferNormalising`: full batches wait in `takeBatches()` for the caller to normalise (on another thread) and
   * hand back through `addNormalised`, in order, instead of being normalised here.
   */
  constructor(options: { windowChars?: number; deferNormalising?: boolean } = {}) {
    this.windowChars = options.windowChars ?? MAX_INPUT_CHARS;
    this.deferred = options.deferNormalising ?? false;
  }

  /**
   * One line of the input (without its line break), or a part of a very long one (`number` repeated). Returns
   * the windows that this line completed, if any (lines are normalised in batches, so usually none).
   */
  add(raw: string, number: number, continued = false): PreparedInput[] {
    if (!continued) this.stats.lines++;
    this.stats.chars += raw.length + (continued ? 0 : 1);
    if (!this.sampled) {
      this.sample += `${raw}\n`;
      if (this.sample.length >= BINARY_SAMPLE_CHARS) this.closeSample();
    }
    let done: PreparedInput[] = NONE;
    for (let at = 0; at < raw.length || at === 0; at += MAX_PART_CHARS) {
      const part = raw.length > MAX_PART_CHARS ? raw.slice(at, at + MAX_PART_CHARS) : raw;
      const unescaped = unescapeJsonText(part);
      const lines = isPlainText(unescaped) ? [unescaped] : foldLookalikes(stripAnsiAndControl(unescaped)).split(LINE_BREAK);
      for (const line of lines) {
        this.keepHead(line);
        this.batchClean.push(line);
        // Blank lines say nothing; skipping them here keeps a paste of newlines as cheap as ordinary text. A long
        // run of them still cuts a batch (of no pieces), so the clean lines held for it stay few.
        if (line.length === 0 || BLANK.test(line)) {
          if (this.batchClean.length >= MAX_CLEAN_LINES_PER_BATCH) done = this.endBatch(done);
          continue;
        }
        for (let from = 0; from < line.length; from += MAX_LINE_CHARS) {
          const piece = line.length > MAX_LINE_CHARS ? line.slice(from, from + MAX_LINE_CHARS) : line;
          this.batch.push(piece);
          this.batchNumbers.push(number);
          this.batchChars += piece.length;
          if (this.batch.length >= BATCH_PIECES || this.batchChars >= BATCH_CHARS) done = this.endBatch(done);
        }
      }
      if (raw.length <= MAX_PART_CHARS) break;
    }
    return done;
  }

  /** The windows still open: the last one, unless the window before it already ended the input. */
  finish(): PreparedInput[] {
    if (!this.sampled) this.closeSample();
    const done = this.flush();
    return [...done, ...this.closeLast()];
  }

  /** Deferred mode: the batches cut so far, to normalise and hand back through `addNormalised` in this order. */
  takeBatches(): PendingBatch[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /** Deferred mode, at the end of the input: the last batches; after them, `closeLast()`. */
  endBatches(): PendingBatch[] {
    if (!this.sampled) this.closeSample();
    if (this.batch.length > 0 || this.batchClean.length > 0) this.ready.push(this.cutBatch());
    return this.takeBatches();
  }

  /** The last window, once every batch was added; none when the window before it already ended the input. */
  closeLast(): PreparedInput[] {
    if (this.stats.windows > 0 && this.fresh === 0) return NONE;
    return [this.close(false)];
  }

  /**
   * A batch with its normalised, squeezed text (`normalizeBatch(batch.joined)`, computed anywhere), and
   * optionally `lineHashesOfBatch` of that text (the worker's): the windows it completed, if any.
   */
  addNormalised(batch: PendingBatch, squeezedJoined: string, hashes?: Float64Array): PreparedInput[] {
    for (const line of batch.clean) this.keepClean(line);
    if (batch.pieces.length === 0) return NONE;
    const squeezed = squeezedJoined.split('\u0000');
    // The worker's hashes stand for those lines only when they are as many.
    const hashed = hashes?.length === squeezed.length ? hashes : undefined;
    let done: PreparedInput[] = NONE;
    for (let i = 0; i < batch.pieces.length; i++) {
      const window = this.addPiece(batch.pieces[i]!, squeezed[i] ?? '', batch.numbers[i]!, hashed?.[i]);
      if (window) done = [...done, window];
    }
    return done;
  }

  /** A full batch: set aside for the caller (deferred mode), or normalised now, with the windows it completed. */
  private endBatch(done: PreparedInput[]): PreparedInput[] {
    if (this.deferred) {
      this.ready.push(this.cutBatch());
      return done;
    }
    const more = this.flush();
    return done.length === 0 ? more : [...done, ...more];
  }

  private cutBatch(): PendingBatch {
    const batch = { pieces: this.batch, numbers: this.batchNumbers, clean: this.batchClean, joined: this.batch.join('\u0000') };
    this.batch = [];
    this.batchNumbers = [];
    this.batchChars = 0;
    this.batchClean = [];
    return batch;
  }

  /**
   * Normalises the pending pieces in one call (see PendingBatch) and adds them.
   */
  private flush(): PreparedInput[] {
    if (this.batch.length === 0 && this.batchClean.length === 0) return NONE;
    const batch = this.cutBatch();
    return this.addNormalised(batch, batch.pieces.length === 0 ? '' : normalizeBatch(batch.joined));
  }

  private addPiece(piece: string, squeezed: string, number: number, hashed: number | undefined): PreparedInput | undefined {
    if (squeezed === '') return undefined;
    const hash = hashed ?? lineHash(squeezed);
    if (this.seen.has(hash)) return undefined;
    if (this.seen.size >= MAX_REMEMBERED_LINES) this.seen.clear();
    this.seen.add(hash);
    this.stats.distinct++;
    const full = piece.trim();
    this.lines.push({ number, text: clip(full), full });
    this.starts.push(this.offset);
    this.parts.push(squeezed);
    this.offset += squeezed.length;
    this.fresh++;
    return this.offset >= this.windowChars || this.lines.length >= MAX_WINDOW_LINES ? this.close(true) : undefined;
  }

  private keepHead(line: string): void {
    if (this.stats.head.length < HEAD_CHARS) this.stats.head += `${this.stats.head ? '\n' : ''}${line}`.slice(0, HEAD_CHARS - this.stats.head.length);
  }

  private keepClean(line: string): void {
    if (this.cleanChars >= MAX_CLEAN_CHARS) return;
    const kept = line.length + this.cleanChars > MAX_CLEAN_CHARS ? line.slice(0, MAX_CLEAN_CHARS - this.cleanChars) : line;
    this.clean.push(kept);
    this.cleanChars += kept.length + 1;
  }

  private closeSample(): void {
    this.sampled = true;
    this.stats.binary = looksBinary(this.sample);
    this.sample = '';
  }

  /** The window so far; with `more`, the next one starts with its last lines. */
  private close(more: boolean): PreparedInput {
    if (!this.sampled) this.closeSample();
    this.stats.windows++;
    const window: PreparedInput = {
      lines: this.lines,
      stream: this.parts.join(''),
      starts: this.starts,
      truncated: more,
      cleanText: this.clean.join('\n'),
      binary: this.stats.binary,
    };
    let keep = this.lines.length;
    let kept = 0;
    while (more && keep > 0 && kept < OVERLAP_CHARS) kept += this.parts[--keep]!.length;
    if (!more) keep = this.lines.length;
    this.lines = this.lines.slice(keep);
    this.parts = this.parts.slice(keep);
    this.starts = [];
    this.offset = 0;
    for (const part of this.parts) {
      this.starts.push(this.offset);
      this.offset += part.length;
    }
    this.clean = this.lines.map((line) => line.full);
    this.cleanChars = this.clean.reduce((sum, line) => sum + line.length + 1, 0);
    this.fresh = 0;
    return window;
  }
}

/** The windows of a string, one at a time; `windows.stats` is complete once the iteration ends. */
export function* windowsOfText(text: string, windows = new InputWindows()): Generator<PreparedInput> {
  let number = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // A final line break ends the last line; it does not start an empty one.
    if (end === text.length && start === text.length && number > 0) break;
    const line = text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end);
    yield* windows.add(line, ++number);
    start = end + 1;
  }
  windows.stats.chars = text.length;
  yield* windows.finish();
}

/** The paste's first window (all of a paste up to about 1 MB of distinct lines), normalised once. */
export function prepareInput(raw: string): PreparedInput {
  const windows = windowsOfText(raw);
  const first = windows.next();
  windows.return(undefined);
  return first.done ? { lines: [], stream: '', starts: [], truncated: false, cleanText: '', binary: false } : first.value;
}

/** More than one in ten of the first 4096 characters are C0 or C1 control characters (tab, newline and ESC aside) or replacement characters. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, BINARY_SAMPLE_CHARS);
  // eslint-disable-next-line no-control-regex
  const odd = sample.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0;
  return sample.length > 0 && odd / sample.length > 0.1;
}

/**
 * The line that holds stream offset `position`, its text the part around that position (a long line is shown
 * where it matched, with `…` where it was cut).
 */
export function lineAt(input: PreparedInput, position: number): { number: number; text: string } {
  let low = 0;
  let high = input.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (input.starts[mid]! <= position) low = mid;
    else high = mid - 1;
  }
  const line = input.lines[low];
  if (!line) return { number: 1, text: '' };
  return { number: line.number, text: evidenceExcerpt(line.full, position - input.starts[low]!) };
}

function clip(text: string): string {
  return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : text;
}
