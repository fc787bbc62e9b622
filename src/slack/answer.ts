import type { Lang } from '../catalogue/types.js';
import type { Match } from '../matcher/types.js';
import type { ClusterReport, ClusterVerdict } from './cluster-checker.js';

/** The cluster part of an answer, as it stands when the answer is rendered. */
export type ClusterSection =
  /** No cluster is configured, or the user asked for none. */
  | { state: 'none'; reason: string }
  /** Facts are still being collected (the answer is posted now and updated when they arrive). */
  | { state: 'pending'; contexts: string[] }
  | { state: 'done'; reports: ClusterReport[]; verdicts: Map<string, ClusterVerdict[]> };

/** Everything an answer message shows; rendering turns it into Block Kit. */
export interface Answer {
  lang: Lang;
  /** The text that was matched (plain, unescaped); echoed only through the escaping helpers. */
  query: string;
  matches: Match[];
  /** How many known issues matched in all; more than `matches.length` when only the best were kept. */
  total?: number;
  clusters: ClusterSection;
  /** Short remarks for the user in plain text (e.g. an unknown cluster name, a skipped file); escaped when rendered. */
  notes: string[];
  /** How the input was read (a file skipped, only the tail of a large one read): said in the answer's first line. */
  inputNotes?: string[];
  /** Set when the matcher failed: the answer then says so instead of "no known issue matched". */
  failure?: { code: string; message: string };
}
