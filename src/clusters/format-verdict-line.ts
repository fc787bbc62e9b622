import type { ApplicabilityResult } from '../applicability/types.js';
import type { ClusterReport } from './types.js';

/**
 * One terminal line per cluster under a match: `prod-eu: affected: pool win-pool: ...`, or why the cluster
 * could not be asked (`prod-eu: forbidden to list nodes: grant the read-only ClusterRole in deploy/...`).
 */
export function formatVerdictLine(context: string, report: ClusterReport, result?: ApplicabilityResult): string {
  if (!report.ok) return `${context}: ${report.reason}`;
  const where = `${report.platform.name}${report.facts.serverVersion ? ` ${report.facts.serverVersion}` : ''}`;
  if (!result) {
    const nodes = report.facts.nodes.length;
    return `${context} (${where}): ${nodes} node${nodes === 1 ? '' : 's'} in ${report.pools.length} pool${report.pools.length === 1 ? '' : 's'}`;
  }
  return `${context} (${where}): ${result.verdict}: ${result.reasons.join('; ')}`;
}
