import type { CurrentVerdict } from '../approvals/pre-execution-checks.js';
import type { CatalogueEntry } from '../catalogue/types.js';
import type { ClusterChecker } from './cluster-checker.js';

/**
 * The verdict of an entry on a cluster now, asked again just before an approved action runs. A cluster that
 * cannot be read, or an entry no longer in the catalogue, is `unknown` (the check refuses only `not-affected`).
 */
export function currentVerdictFrom(clusters: ClusterChecker, entries: readonly CatalogueEntry[]): CurrentVerdict {
  return async (context, entryId) => {
    const entry = entries.find((e) => e.id === entryId);
    if (!entry) return 'unknown';
    const [report] = await clusters.collect([context]);
    if (!report?.ok) return 'unknown';
    return clusters.checkApplicability(entry, report.facts).verdict;
  };
}
