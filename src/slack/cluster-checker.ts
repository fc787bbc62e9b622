import type { CatalogueEntry } from '../catalogue/types.js';

/**
 * What the Slack app needs from the cluster module (`src/clusters`), kept to the few members it calls so the
 * app runs, and its tests run, with no cluster at all. `createClusterFactsService` satisfies it.
 */
export type Verdict = 'affected' | 'not-affected' | 'unknown';

export interface Applicability {
  verdict: Verdict;
  reasons: string[];
}

export type ClusterReport =
  | { context: string; ok: true; facts: unknown; platform?: { name: string; kind?: string; product?: string }; cached?: boolean }
  | { context: string; ok: false; reason: string; code: string };

export interface ClusterChecker {
  /** The kubeconfig contexts the bot is allowed to query. */
  listContexts(): string[];
  /** Facts for each context (all when omitted); an unreachable cluster is a report with ok false. Never rejects. */
  collect(contexts?: string[]): Promise<ClusterReport[]>;
  /** Whether the entry applies to a cluster with these facts (facts as returned by collect). */
  checkApplicability(entry: CatalogueEntry, facts: unknown): Applicability;
  /** A plain-text table of the reports, for `/k8sfix clusters`. */
  formatClustersTable?(reports: ClusterReport[]): string;
}

/** The verdict for one match on one cluster; `unreachable` when the cluster's facts could not be read. */
export interface ClusterVerdict {
  context: string;
  verdict: Verdict | 'unreachable';
  reasons: string[];
}

/** The contexts the checker may query; none when there is no checker or listing them fails (never throws). */
export function connectedContexts(checker: ClusterChecker | undefined): string[] {
  try {
    return checker?.listContexts() ?? [];
  } catch {
    return [];
  }
}
