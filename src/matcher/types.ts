import type { CatalogueEntry, Localized } from '../catalogue/types.js';

export type Confidence = 'high' | 'medium' | 'low';

/** What decided a match: the input line (as pasted, trimmed) and what in it matched. */
export interface Evidence {
  /** How the line matched: a quoted error signature, a fuzzy fragment of one, or a described symptom. */
  kind: 'signature' | 'fragment' | 'symptom';
  /** The input line as the user pasted it (trimmed, at most 300 characters: a long line shows the part that matched). */
  line: string;
  /** 1-based line number in the input. */
  lineNumber: number;
  /** The catalogue text it matched (a signature or a symptom phrase). */
  matched: string;
}

/** What the paste's context (and the deployment's platforms) said about a reported match. */
export interface MatchContext {
  /**
   * True when the paste names where the cause lives (its platform, runtime or component), or the
   * deployment's platforms do. Without it a match is at most medium confidence.
   */
  corroborated: boolean;
  /** What was taken from outside the paste, e.g. "this deployment serves GKE". */
  assumed?: string;
  /**
   * For an issue whose cause is upstream (containerd, runc, the kernel): the other platform the paste is from.
   * Remediation steps with a `platform` then apply on that platform only; renderers mark them ("GKE only").
   */
  otherPlatform?: string;
  /** A short sentence the CLI and Slack show under the match: what it assumed and how to confirm it. */
  caveat?: Localized;
}

export interface Match {
  id: string;
  /** English title; `entry.title.ko` has the Korean one. */
  title: string;
  /** 0 to 1, higher is surer. */
  score: number;
  confidence: Confidence;
  evidence: Evidence[];
  context: MatchContext;
  entry: CatalogueEntry;
}

export interface MatchOptions {
  /** At most this many matches (default 5). */
  top?: number;
  /**
   * The platforms this deployment serves (`K8SFIX_PLATFORMS`, and the platforms of connected clusters when they
   * are known): product ids (`gke`, `anthos-bare-metal`, `nks`) or other names (`eks`, `kind`...). A platform
   * issue of a served product counts as placed; one of a product not served is less likely. Default: none known.
   */
  platforms?: readonly string[];
  /**
   * Where `platforms` came from, for the answer's words: `deployment` (`K8SFIX_PLATFORMS`, "this deployment
   * serves GKE") or `clusters` (the connected clusters' facts, "the connected clusters run GKE"). Default deployment.
   */
  platformsFrom?: 'deployment' | 'clusters';
}

export interface Analysis {
  matches: Match[];
  /** How many known issues passed the bars before `top` cut the list (at least `matches.length`). */
  total?: number;
  /** Things the user should know about how the input was read (for example its size, when it was large). */
  notes: string[];
}

export interface Matcher {
  /** Known issues the text shows, best first; [] when none is confident. Never throws. */
  match(text: string, options?: MatchOptions): Match[];
  /** The same, with notes about the input (its size when large, binary). Never throws. */
  analyze(text: string, options?: MatchOptions): Analysis;
}

/**
 * A matcher that runs away from the caller's thread (the worker pool): every answer is a promise, and a paste
 * that takes too long is ended instead of holding up everything else.
 */
export interface OffThreadMatcher {
  readonly offThread: true;
  /** The same as `Matcher.analyze`; rejects with a coded error (`MatchTimeoutError`, `MatchPoolBusyError`) when it cannot answer. */
  analyze(text: string, options?: MatchOptions): Promise<Analysis>;
  /** Ends the workers; pending answers reject. */
  close(): Promise<void>;
}

/** Either kind: the Slack app takes both (tests and the CLI run in-process). */
export type AnyMatcher = Matcher | OffThreadMatcher;

export function isOffThreadMatcher(matcher: AnyMatcher): matcher is OffThreadMatcher {
  return 'offThread' in matcher && matcher.offThread === true;
}

/** What createMatcher returns: a Matcher that also reads streams. */
export interface StreamMatcher extends Matcher {
  /**
   * The same for a stream (standard input, a file), read whole as it comes in bounded memory. Rejects only
   * when the stream itself fails.
   */
  analyzeStream(source: AsyncIterable<Uint8Array | string>, options?: MatchOptions): Promise<Analysis>;
}
