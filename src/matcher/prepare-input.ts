import { foldLookalikes, normalizeLine, squeeze, stripAnsiAndControl, unescapeJsonText } from './normalize.js';

/** Input beyond this many characters is cut (with a note in the result); the matcher's time stays bounded. */
export const MAX_INPUT_CHARS = 1_000_000;
/** A single line longer than this is cut into pieces of this size, so one 1 MB line costs what 250 lines do. */
const MAX_LINE_CHARS = 4_000;
const MAX_EVIDENCE_CHARS = 300;
const BLANK = /^\s*$/;

export interface InputLine {
  /** 1-based line number in the pasted text. */
  number: number;
  /** The line as pasted, without colour codes, trimmed. */
  text: string;
}

/** The paste, normalised once and shared by the signature search and the symptom scorer. */
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
  /** True when the input was longer than MAX_INPUT_CHARS and its tail was ignored. */
  truncated: boolean;
  /** The text after unescaping and cleaning, for the symptom scorer. */
  cleanText: string;
  /** True when much of the input was control characters or invalid text (a binary file pasted or attached). */
  binary: boolean;
}

export function prepareInput(raw: string): PreparedInput {
  const truncated = raw.length > MAX_INPUT_CHARS;
  const cut = truncated ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const binary = looksBinary(cut);
  const cleanText = foldLookalikes(stripAnsiAndControl(unescapeJsonText(cut)));
  const lines: InputLine[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  const seen = new Set<string>();
  let offset = 0;
  let number = 0;

  for (const line of cleanText.split(/\r\n|\r|\n/)) {
    number++;
    // Blank lines say nothing; skipping them here keeps a paste of newlines as cheap as ordinary text.
    if (line.length === 0 || BLANK.test(line)) continue;
    for (let at = 0; at < Math.max(line.length, 1); at += MAX_LINE_CHARS) {
      const piece = line.length > MAX_LINE_CHARS ? line.slice(at, at + MAX_LINE_CHARS) : line;
      const squeezed = squeeze(normalizeLine(piece));
      if (squeezed === '' || seen.has(squeezed)) continue;
      seen.add(squeezed);
      lines.push({ number, text: clip(piece.trim()) });
      starts.push(offset);
      parts.push(squeezed);
      offset += squeezed.length;
    }
  }
  return { lines, stream: parts.join(''), starts, truncated, cleanText, binary };
}

/** More than one in ten of the first 4096 characters are C0 or C1 control characters (tab, newline and ESC aside) or replacement characters. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  // eslint-disable-next-line no-control-regex
  const odd = sample.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0;
  return sample.length > 0 && odd / sample.length > 0.1;
}

/** Index into `lines` of the line that holds stream offset `position`. */
export function lineAt(input: PreparedInput, position: number): InputLine {
  let low = 0;
  let high = input.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (input.starts[mid]! <= position) low = mid;
    else high = mid - 1;
  }
  return input.lines[low] ?? { number: 1, text: '' };
}

function clip(text: string): string {
  return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : text;
}
