import type { CatalogueEntry } from '../catalogue/types.js';
import { normalizeLine, squeeze } from './normalize.js';
import { lineAt, type PreparedInput } from './prepare-input.js';

/** Length of the substrings ("grams") the index is keyed by. */
const GRAM = 8;
/**
 * The stream is sampled every STRIDE characters: any literal run of GRAM + STRIDE - 1 characters or more is
 * certain to contain a sampled gram, and shorter runs are looked for near the runs that were found.
 */
const STRIDE = 4;
/** How far (in squeezed characters) a placeholder may reach. */
const PLACEHOLDER_REACH = 300;
/** A gram shared by more entries than this says nothing about which one it is; it is not indexed. */
const MAX_ENTRIES_PER_GRAM = 3;
const MAX_SEGMENTS_PER_SIGNATURE = 400;
/** A signature with fewer informative characters than this is made of generic phrases (and punctuation). */
const MIN_INFORMATIVE_CHARS = 8;
/** A region shows a signature's cause when this much of it is there. */
const CAUSE_SHOWN = 0.8;
/** A part before the cause this long, found nearly whole, shows that the paste quotes the message's beginning. */
const MIN_PREFIX_PART = 8;
/** Text this long after the match, on the same line, is something said in the cause's place. */
const REPLACEMENT_MIN_CHARS = 3;
/** A short chunk is looked for at this many places of the window. */
const MAX_PLACES_PER_CHUNK = 4;
/** A chunk that is not found whole is looked for in pieces of this length. */
const PIECE = 10;
/**
 * What a character of a generic phrase weighs, against 1 for informative text: little, so that sharing only
 * generic phrases with a signature is never a fragment of it, but not nothing, so that a signature made of
 * generic parts ("Failed to pull image ...: http: server gave HTTP response to HTTPS client") still matches
 * when all of its parts stand together.
 */
const GENERIC_WEIGHT = 0.15;

/**
 * Phrases that Kubernetes components print around very different errors. They carry no weight, so a log that
 * shares only these with a signature does not match it.
 */
const GENERIC_PHRASES = [
  // Kubernetes and containerd wrappers around the real cause.
  'rpc error: code = unknown desc =', 'rpc error: code =', 'desc =', 'failed to pull and unpack image',
  'failed to pull image', 'failed to resolve reference', 'error syncing pod', 'skipping:', 'failed to create containerd task',
  'failed to start containerd task', 'failed to create pod sandbox', 'failed to setup network for sandbox',
  'failed to create containerd container', 'internal error occurred:', 'failed calling webhook', 'failed to call webhook',
  'error from server', 'invalid value', 'field is immutable', 'unable to ensure pod container exists',
  'failed to create container for', 'back-off pulling image', 'error response from daemon', 'error execution phase',
  // Go's network and TLS errors, which any client prints.
  'context deadline exceeded', 'connection refused', 'connection reset by peer', 'dial tcp', 'i/o timeout',
  'no such host', '(client.timeout exceeded while awaiting headers)', 'client.timeout exceeded', 'tls handshake timeout',
  'x509: certificate signed by unknown authority', 'x509: certificate has expired or is not yet valid', 'no route to host',
  'net/http: request canceled', 'eof', 'toomanyrequests: too many requests', 'too many requests',
  'http: server gave http response to https client',
  // Operating-system error texts.
  'no such file or directory', 'not a directory', 'permission denied', 'cannot allocate memory', 'the parameter is incorrect',
  'the system cannot find the file specified', 'the system cannot find the path specified', 'operation not permitted',
  'caught signal (sigsegv)', 'segmentation fault',
  // Words.
  'error:', 'failed to', 'unable to', 'the server', 'kubelet', 'containerd', 'kubernetes', 'https://', 'http://', 'unknown',
  'for ', 'with ', 'error ', 'failed ', 'cannot ', 'could not', 'not found', 'certificate', 'warning', 'message', 'status',
];

/** A stretch of one chunk, in squeezed characters. */
interface ChunkRange {
  chunk: number;
  start: number;
  end: number;
}

interface CompiledSignature {
  entryIndex: number;
  text: string;
  chunks: string[];
  /** The parts of its `: `-separated message, in order, as stretches of the chunks. */
  parts: ChunkRange[];
  /**
   * The message's cause: its last part (a trailing "unknown" aside), and when that part is made only of generic
   * words ("not a directory", "permission denied"), also the informative part before it, which says what failed.
   */
  cause: ChunkRange[];
  /** Per chunk, prefix sums of the per-character weights (length + 1). */
  prefixWeights: Float64Array[];
  totalWeight: number;
  placeholders: number;
  literalLength: number;
  /** Length of its longest chunk. */
  longestChunk: number;
  /** Per chunk, what is looked for when sampling did not find it (see addMissingChunks), worked out once. */
  lookups: ChunkLookup[];
}

/** How a chunk that sampling did not find is looked for: whole, then without its end punctuation, then in pieces. */
interface ChunkLookup {
  /** The chunk without the punctuation at its ends, when that is at least PIECE long. */
  core: string | undefined;
  /** Where the core starts in the chunk. */
  coreStart: number;
  /** Each PIECE-long piece, and where it starts in the chunk. */
  pieces: { text: string; start: number }[];
}

interface Posting {
  signature: number;
  chunk: number;
  offset: number;
}

interface Segment {
  chunk: number;
  chunkStart: number;
  chunkEnd: number;
  streamStart: number;
}

export interface SignatureHit {
  entryIndex: number;
  signature: string;
  /** Weighted share of the signature's informative text found in one place of the input, 0 to 1. */
  coverage: number;
  /** Informative characters found (weighted), a measure of how much was quoted. */
  coveredWeight: number;
  /** Longest single run found, in squeezed characters. */
  longestRun: number;
  /** Share of the signature's literal characters found, generic ones included, 0 to 1. */
  rawCoverage: number;
  /** Literal characters found, generic ones included. */
  rawCovered: number;
  /** Chunks (the literal parts between placeholders), and how many of them were found. */
  chunks: number;
  chunksFound: number;
  /**
   * Share of the signature's cause (its last informative part) found, 0 to 1. An error that shares a signature's
   * generic prefix ("failed to create shim task: OCI runtime create failed:") but ends in another cause is another error.
   */
  causeCoverage: number;
  /**
   * True when the cause is not all there and the paste's line goes on with other text where it should stand: the
   * match stops inside the cause ("undefined symbol: seccomp_api_get"), or at a ": " after which the paste says
   * something else ("failed to allocate for range 0: requested IP address ..."). A message cut short is not that.
   */
  causeReplaced: boolean;
  lineNumber: number;
  line: string;
}

/** Bits of the gram filter: 2^20 bits (128 KiB), a few thousand grams set, so few positions pass it by chance. */
const FILTER_BITS = 20;

/** A hash of the GRAM characters of `text` from `at`, in FILTER_BITS bits, read without making a string. */
function gramHash(text: string, at: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < GRAM; i++) hash = Math.imul(hash ^ text.charCodeAt(at + i), 0x01000193);
  return (hash ^ (hash >>> FILTER_BITS)) & ((1 << FILTER_BITS) - 1);
}

/** The catalogue's signatures, compiled once into a gram index for searching pastes of any size. */
export class SignatureIndex {
  private readonly signatures: CompiledSignature[] = [];
  private readonly postings = new Map<string, Posting[]>();
  /**
   * One bit per hash of an indexed gram. Nearly every sampled place of a log holds no indexed gram; the filter
   * tells so from eight character codes, so the map is asked (and a string made) only where one may be.
   */
  private readonly gramFilter = new Uint8Array((1 << FILTER_BITS) >>> 3);

  constructor(entries: readonly CatalogueEntry[]) {
    const generic = GENERIC_PHRASES.map((phrase) => squeeze(normalizeLine(phrase)));
    entries.forEach((entry, entryIndex) => {
      for (const text of entry.signatures) this.signatures.push(compile(text, entryIndex));
    });
    const entriesOfGram = new Map<string, Set<number>>();
    for (const signature of this.signatures) {
      for (const chunk of signature.chunks) {
        for (let i = 0; i + GRAM <= chunk.length; i++) {
          const gram = chunk.slice(i, i + GRAM);
          let owners = entriesOfGram.get(gram);
          if (!owners) entriesOfGram.set(gram, (owners = new Set()));
          owners.add(signature.entryIndex);
        }
      }
    }
    this.signatures.forEach((signature, s) => {
      // A signature made only of generic phrases is found through its own grams; any other only through its
      // informative ones, so common phrases do not flood the search with postings.
      const masks = signature.chunks.map((chunk) => genericMask(chunk, generic));
      const informative = masks.reduce((sum, mask) => sum + mask.filter((isGeneric) => isGeneric === 0).length, 0);
      const allGeneric = informative < MIN_INFORMATIVE_CHARS;
      signature.cause = causeOf(signature.parts, masks, signature.chunks);
      signature.chunks.forEach((chunk, c) => {
        const mask = masks[c]!;
        const weights = new Float64Array(chunk.length);
        for (let i = 0; i < chunk.length; i++) {
          const gramStart = Math.max(0, Math.min(i, chunk.length - GRAM));
          const owners = entriesOfGram.get(chunk.slice(gramStart, gramStart + GRAM))?.size ?? 1;
          weights[i] = (mask[i] ? GENERIC_WEIGHT : 1) / owners;
        }
        const prefix = new Float64Array(chunk.length + 1);
        for (let i = 0; i < chunk.length; i++) prefix[i + 1] = prefix[i]! + weights[i]!;
        signature.prefixWeights.push(prefix);
        signature.totalWeight += prefix[chunk.length]!;
        for (let i = 0; i + GRAM <= chunk.length; i++) {
          const gram = chunk.slice(i, i + GRAM);
          if (!allGeneric && (entriesOfGram.get(gram)?.size ?? 0) > MAX_ENTRIES_PER_GRAM) continue;
          if (!allGeneric && mask.subarray(i, i + GRAM).every((isGeneric) => isGeneric === 1)) continue;
          let list = this.postings.get(gram);
          if (!list) this.postings.set(gram, (list = []));
          list.push({ signature: s, chunk: c, offset: i });
          const bit = gramHash(gram, 0);
          this.gramFilter[bit >>> 3]! |= 1 << (bit & 7);
        }
      });
    });
  }

  get size(): number {
    return this.signatures.length;
  }

  /** The best place in the input for each signature that has any informative text there. */
  search(input: PreparedInput): SignatureHit[] {
    const stream = input.stream;
    const segments = new Map<number, Segment[]>();
    const lastSegment = new Map<string, Segment>();

    const filter = this.gramFilter;
    for (let p = 0; p + GRAM <= stream.length; p += STRIDE) {
      const bit = gramHash(stream, p);
      if ((filter[bit >>> 3]! & (1 << (bit & 7))) === 0) continue;
      const list = this.postings.get(stream.slice(p, p + GRAM));
      if (!list) continue;
      for (const posting of list) {
        const key = `${posting.signature}:${posting.chunk}`;
        const last = lastSegment.get(key);
        if (last && last.streamStart - last.chunkStart === p - posting.offset && p + GRAM <= last.streamStart + (last.chunkEnd - last.chunkStart)) continue;
        let found = segments.get(posting.signature);
        if (!found) segments.set(posting.signature, (found = []));
        if (found.length >= MAX_SEGMENTS_PER_SIGNATURE) continue;
        const chunk = this.signatures[posting.signature]!.chunks[posting.chunk]!;
        let chunkStart = posting.offset;
        let streamStart = p;
        while (chunkStart > 0 && streamStart > 0 && chunk.charCodeAt(chunkStart - 1) === stream.charCodeAt(streamStart - 1)) {
          chunkStart--;
          streamStart--;
        }
        let chunkEnd = posting.offset + GRAM;
        let streamEnd = p + GRAM;
        while (chunkEnd < chunk.length && streamEnd < stream.length && chunk.charCodeAt(chunkEnd) === stream.charCodeAt(streamEnd)) {
          chunkEnd++;
          streamEnd++;
        }
        const segment = { chunk: posting.chunk, chunkStart, chunkEnd, streamStart };
        found.push(segment);
        lastSegment.set(key, segment);
      }
    }

    const hits: SignatureHit[] = [];
    for (const [s, found] of segments) {
      const hit = this.bestRegion(this.signatures[s]!, found, input);
      if (hit) hits.push(hit);
    }
    return hits;
  }

  /** Scores the densest place where one signature's runs were found, looking for its short chunks there. */
  private bestRegion(signature: CompiledSignature, found: Segment[], input: PreparedInput): SignatureHit | undefined {
    if (signature.totalWeight <= 0) return undefined;
    found.sort((a, b) => a.streamStart - b.streamStart);
    const span = signature.literalLength + signature.placeholders * PLACEHOLDER_REACH + 40;
    let best: { coverage: number; covered: number; raw: number; chunks: number; cause: number; end: number; run: number; anchor: Segment } | undefined;
    let tail = 0;
    for (let head = 0; head < found.length; head++) {
      const anchor = found[head]!;
      while (found[tail]!.streamStart < anchor.streamStart - span) tail++;
      const window: Segment[] = [];
      for (let i = tail; i < found.length && found[i]!.streamStart <= anchor.streamStart + span; i++) window.push(found[i]!);
      this.addMissingChunks(signature, window, input.stream, anchor.streamStart - span, anchor.streamStart + span);
      const kept = withoutReuse(window);
      const { covered, raw, chunks, cause } = this.coveredWeight(signature, kept);
      const end = endOfPrefix(signature, kept);
      const run = Math.max(...window.map((w) => w.chunkEnd - w.chunkStart));
      const coverage = covered / signature.totalWeight;
      // A place that shows the cause beats one that shows more of the wrapper around it.
      const better = !best || (cause >= CAUSE_SHOWN) !== (best.cause >= CAUSE_SHOWN) ? !best || cause >= CAUSE_SHOWN : coverage > best.coverage || (coverage === best.coverage && raw > best.raw);
      if (better) best = { coverage, covered, raw, chunks, cause, end, run, anchor };
      if (coverage >= 0.999 && cause >= CAUSE_SHOWN) break;
    }
    if (!best || best.covered <= 0) return undefined;
    const line = lineAt(input, best.anchor.streamStart);
    return {
      entryIndex: signature.entryIndex,
      signature: signature.text,
      coverage: Math.min(1, best.coverage),
      coveredWeight: best.covered,
      longestRun: best.run,
      rawCoverage: best.raw / signature.literalLength,
      rawCovered: best.raw,
      chunks: signature.chunks.length,
      chunksFound: best.chunks,
      causeCoverage: best.cause,
      causeReplaced: best.cause < CAUSE_SHOWN && best.end >= 0 && replacedAt(input, best.end, best.cause > 0),
      lineNumber: line.number,
      line: line.text,
    };
  }

  /**
   * Chunks that sampling cannot find (too short, or made only of generic words, which are not indexed) are
   * looked for inside the window that the other chunks located.
   */
  private addMissingChunks(signature: CompiledSignature, window: Segment[], stream: string, from: number, to: number): void {
    const present = new Set(window.map((w) => w.chunk));
    if (present.size === signature.chunks.length) return;
    // One slice of the stream for every chunk looked for: a window is read for each place a run was found.
    const start = Math.max(0, from);
    const wholeRegion = stream.slice(start, to + signature.longestChunk);
    signature.chunks.forEach((chunk, c) => {
      if (present.has(c)) return;
      const region = chunk.length === signature.longestChunk ? wholeRegion : wholeRegion.slice(0, to + chunk.length - start);
      const lookup = signature.lookups[c]!;
      // Every place it stands (a few at most): the first may lie inside another chunk's run ("not supported" in
      // "NPD not supported for ... not supported"), which withoutReuse then drops.
      let at = region.indexOf(chunk);
      if (at !== -1) {
        for (let n = 0; at !== -1 && n < MAX_PLACES_PER_CHUNK; n++, at = region.indexOf(chunk, at + chunk.length)) {
          window.push({ chunk: c, chunkStart: 0, chunkEnd: chunk.length, streamStart: start + at });
        }
        return;
      }
      // Without the punctuation at its ends (": The parameter is incorrect" quoted without its colon).
      const coreAt = lookup.core === undefined ? -1 : region.indexOf(lookup.core);
      if (coreAt !== -1) {
        window.push({ chunk: c, chunkStart: lookup.coreStart, chunkEnd: lookup.coreStart + lookup.core!.length, streamStart: start + coreAt });
        return;
      }
      // Not there whole (a typo, a cut): its pieces count for what they cover.
      for (const piece of lookup.pieces) {
        const found = region.indexOf(piece.text);
        if (found !== -1) window.push({ chunk: c, chunkStart: piece.start, chunkEnd: piece.start + PIECE, streamStart: start + found });
      }
    });
  }

  /** Weighted and plain characters of the signature that the window covers, and how many chunks it shows. */
  private coveredWeight(signature: CompiledSignature, window: Segment[]): { covered: number; raw: number; chunks: number; cause: number } {
    let covered = 0;
    let raw = 0;
    let chunks = 0;
    const causeFound = signature.cause.map(() => 0);

    for (let c = 0; c < signature.chunks.length; c++) {
      const intervals = window.filter((w) => w.chunk === c).map((w) => [w.chunkStart, w.chunkEnd] as const).sort((a, b) => a[0] - b[0]);
      const prefix = signature.prefixWeights[c]!;
      const length = signature.chunks[c]!.length;
      let rawInChunk = 0;
      let end = -1;
      for (const [start, stop] of intervals) {
        const from = Math.max(start, end);
        if (stop > from) {
          covered += prefix[stop]! - prefix[from]!;
          rawInChunk += stop - from;
          signature.cause.forEach((range, r) => {
            if (range.chunk === c) causeFound[r]! += Math.max(0, Math.min(stop, range.end) - Math.max(from, range.start));
          });

        }
        end = Math.max(end, stop);
      }
      raw += rawInChunk;
      if (rawInChunk >= Math.min(8, length * 0.6)) chunks++;
    }
    const cause = signature.cause.reduce((least, range, r) => Math.min(least, causeFound[r]! / Math.max(1, range.end - range.start)), 1);
    return { covered, raw, chunks, cause };
  }
}

/**
 * True when the paste's line goes on after stream offset `end` (where the match stopped): straight on when the
 * match stopped inside the cause, or after a ":" when it stopped at a separator.
 */
function replacedAt(input: PreparedInput, end: number, insideCause: boolean): boolean {
  const stream = input.stream;
  let line = 0;
  for (let low = 0, high = input.starts.length - 1; low <= high; ) {
    const mid = (low + high) >> 1;
    if (input.starts[mid]! < end) {
      line = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  const lineEnd = input.starts[line + 1] ?? stream.length;
  if (lineEnd - end < REPLACEMENT_MIN_CHARS) return false;
  if (insideCause) return true;
  // A placeholder may stand between the prefix and the cause; the next ":" within its reach starts what is said.
  const colon = stream.slice(Math.max(0, end - 1), Math.min(lineEnd, end + PLACEHOLDER_REACH)).indexOf(':');
  return colon !== -1 && lineEnd - (end - 1 + colon + 1) >= REPLACEMENT_MIN_CHARS;
}

/**
 * Where the message's beginning stops in the stream: the end of the last kept run inside a part before the last
 * part of the cause that is nearly all there (a part of at least 8 characters), or -1 when no such part is there.
 */
function endOfPrefix(signature: CompiledSignature, kept: Segment[]): number {
  let end = -1;
  for (const part of signature.parts) {
    if (part === signature.cause[signature.cause.length - 1] || part.end - part.start < MIN_PREFIX_PART) continue;
    const inside = kept.filter((w) => w.chunk === part.chunk && w.chunkEnd > part.start && w.chunkStart < part.end);
    const found = inside.reduce((sum, w) => sum + Math.min(w.chunkEnd, part.end) - Math.max(w.chunkStart, part.start), 0);
    if (found < 0.9 * (part.end - part.start)) continue;
    for (const w of inside) end = Math.max(end, w.streamStart + Math.min(w.chunkEnd, part.end) - w.chunkStart);
  }
  return end;
}

/** The text without the punctuation at its end, read by hand: `/[^a-z0-9]+$/` is quadratic on a long run of it. */
function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && !/[a-z0-9]/.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** 1 for each character of the chunk that belongs to some generic phrase, 0 for informative ones. */
function genericMask(chunk: string, generic: string[]): Uint8Array {
  const mask = new Uint8Array(chunk.length);
  for (const phrase of generic) {
    for (let at = chunk.indexOf(phrase); at !== -1; at = chunk.indexOf(phrase, at + 1)) mask.fill(1, at, at + phrase.length);
  }
  return mask;
}

/**
 * One stretch of the input may stand for one place in a signature only: a word that repeats in a signature
 * ("kubectl get stackdriver" against a stack trace of stackdriver frames) must not be counted twice. Longer
 * runs are kept first; a run that mostly overlaps a kept one in the input is dropped.
 */
function withoutReuse(window: Segment[]): Segment[] {
  const kept: Segment[] = [];
  for (const segment of [...window].sort((a, b) => b.chunkEnd - b.chunkStart - (a.chunkEnd - a.chunkStart))) {
    const start = segment.streamStart;
    const end = start + segment.chunkEnd - segment.chunkStart;
    // A second place for text of the signature already counted adds nothing, and must not block another part there.
    if (kept.some((k) => k.chunk === segment.chunk && k.chunkStart <= segment.chunkStart && k.chunkEnd >= segment.chunkEnd)) continue;
    const overlaps = kept.some((k) => {
      const kEnd = k.streamStart + k.chunkEnd - k.chunkStart;
      return Math.min(end, kEnd) - Math.max(start, k.streamStart) > (end - start) / 2;
    });
    if (!overlaps) kept.push(segment);
  }
  return kept;
}

/** A signature's `<placeholder>`: the text between two chunks. */
export const SIGNATURE_PLACEHOLDER = /<[a-z0-9_-]+>/;

function compile(text: string, entryIndex: number): CompiledSignature {
  const pieces = text.split(SIGNATURE_PLACEHOLDER);
  const chunks: string[] = [];
  const parts: ChunkRange[] = [];
  for (const piece of pieces) {
    const chunk = squeeze(normalizeLine(piece));
    if (chunk.length === 0) continue;
    const c = chunks.push(chunk) - 1;
    // Each ": "-separated part, located by squeezing the text up to its ends (squeezing only removes characters).
    let from = 0;
    for (const separator of [...piece.matchAll(/:\s/g), { index: piece.length }]) {
      const start = Math.min(chunk.length, squeeze(normalizeLine(piece.slice(0, from))).length);
      const end = Math.min(chunk.length, squeeze(normalizeLine(piece.slice(0, separator.index))).length + (separator.index < piece.length ? 1 : 0));
      if (end > start) parts.push({ chunk: c, start, end });
      from = separator.index + 1;
    }
  }
  const lookups = chunks.map((chunk): ChunkLookup => {
    const core = chunk.replace(/^[^a-z0-9]+/, '');
    const trimmed = trimEndPunctuation(core);
    const pieces: ChunkLookup['pieces'] = [];
    for (let piece = 0; piece + PIECE <= chunk.length; piece += PIECE) pieces.push({ text: chunk.slice(piece, piece + PIECE), start: piece });
    return { core: trimmed.length >= PIECE ? trimmed : undefined, coreStart: chunk.length - core.length, pieces };
  });
  return {
    entryIndex,
    text,
    chunks,
    lookups,
    parts,
    cause: [],
    prefixWeights: [],
    totalWeight: 0,
    placeholders: pieces.length - 1,
    literalLength: chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    longestChunk: Math.max(0, ...chunks.map((chunk) => chunk.length)),
  };
}

/** Words that end many messages and say nothing of their cause. */
const TRAILING_FILLER = new Set(['unknown', 'unknown.', 'error', ':', '.', '"', ':unknown', 'unknown"']);
const MIN_CAUSE_INFORMATIVE = 3;

function causeOf(parts: ChunkRange[], masks: Uint8Array[], chunks: string[]): ChunkRange[] {
  const informative = (range: ChunkRange): number => {
    let count = 0;
    const mask = masks[range.chunk]!;
    for (let i = range.start; i < range.end; i++) if (mask[i] === 0 && /[a-z0-9]/.test(chunks[range.chunk]![i]!)) count++;
    return count;
  };
  const text = (range: ChunkRange): string => chunks[range.chunk]!.slice(range.start, range.end).replace(/^:+|:+$/g, '');
  let last = parts.length - 1;
  while (last >= 0 && (TRAILING_FILLER.has(text(parts[last]!)) || text(parts[last]!).length < 3)) last--;
  if (last < 0) return [];
  const cause = [parts[last]!];
  if (informative(parts[last]!) < MIN_CAUSE_INFORMATIVE) {
    for (let i = last - 1; i >= 0; i--) {
      if (informative(parts[i]!) >= MIN_CAUSE_INFORMATIVE) {
        cause.unshift(parts[i]!);
        break;
      }
    }
  }
  return cause;
}
