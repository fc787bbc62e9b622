import { checkApplicability } from '../../applicability/check-applicability.js';
import type { Verdict } from '../../applicability/types.js';
import type { CatalogueEntry } from '../../catalogue/types.js';
import { isClusterConfigError } from '../../clusters/cluster-config-error.js';
import { createClusterFactsService, type ClusterFactsService } from '../../clusters/create-cluster-facts-service.js';
import { formatVerdictLine } from '../../clusters/format-verdict-line.js';
import { platformsOfClusters } from '../../clusters/platforms-of-clusters.js';
import type { ClusterReport } from '../../clusters/types.js';
import { loadClusterConfigFromEnv } from '../../clusters/load-cluster-config-from-env.js';

export interface ClusterCheckLine {
  context: string;
  line: string;
  verdict: Verdict | 'error';
}

export interface ClusterCheckOptions {
  /** Ask these contexts. */
  contexts?: string[];
  /** Ask every allowed context (K8SFIX_CONTEXTS, else all). With neither option: the current context. */
  allContexts?: boolean;
  /** For tests and the Slack app; default: a service built from the environment. */
  service?: ClusterFactsService;
}

/** What asking the clusters gave: their reports, or the configuration error that kept them from being asked. */
export type ClusterCollection = { reports: ClusterReport[] } | { configError: string };

/** Asks the clusters once (the named contexts, all, or the current one). Never rejects for a cluster or configuration problem. */
export async function collectClusters(options: ClusterCheckOptions): Promise<ClusterCollection> {
  let service = options.service;
  if (!service) {
    try {
      service = createClusterFactsService(loadClusterConfigFromEnv());
    } catch (error) {
      if (!isClusterConfigError(error)) throw error;
      return { configError: error.message };
    }
  }
  const wanted = options.allContexts
    ? undefined
    : options.contexts && options.contexts.length > 0
      ? options.contexts
      : [service.currentContext()].filter((c): c is string => !!c);
  return { reports: await service.collect(wanted) };
}

/** The platforms the asked clusters run, for the matcher; undefined unless every one of them was told apart. */
export function platformsOfCollection(collection: ClusterCollection): string[] | undefined {
  if (!('reports' in collection)) return undefined;
  return platformsOfClusters(collection.reports.map((report) => (report.ok ? report.platform : undefined)));
}

/**
 * For each matched entry, one line per cluster with the verdict and the fact that decided it. Each cluster is
 * asked once for all entries; a cluster that cannot be asked gives an `error` line with what to do. Never rejects
 * for a cluster or configuration problem.
 */
export async function checkMatchesAgainstClusters(
  entries: CatalogueEntry[],
  options: ClusterCheckOptions,
  collected?: ClusterCollection,
): Promise<Map<string, ClusterCheckLine[]>> {
  const result = new Map<string, ClusterCheckLine[]>();
  const collection = collected ?? (await collectClusters(options));
  if ('configError' in collection) {
    for (const entry of entries) result.set(entry.id, [{ context: '(configuration)', line: collection.configError, verdict: 'error' }]);
    return result;
  }
  const { reports } = collection;
  for (const entry of entries) {
    const lines = reports.map((report): ClusterCheckLine => {
      if (!report.ok) return { context: report.context, line: formatVerdictLine(report.context, report), verdict: 'error' };
      const verdict = checkApplicability(entry, report.facts);
      return { context: report.context, line: formatVerdictLine(report.context, report, verdict), verdict: verdict.verdict };
    });
    if (lines.length === 0) {
      lines.push({ context: '(none)', line: 'no cluster to check: set KUBECONFIG or pass --context NAME', verdict: 'error' });
    }
    result.set(entry.id, lines);
  }
  return result;
}
