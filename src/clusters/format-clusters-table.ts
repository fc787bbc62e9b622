import type { ClusterReport } from './types.js';

const HEADERS = ['CONTEXT', 'PLATFORM', 'SERVER', 'POOL', 'NODES', 'KUBELET', 'RUNTIME', 'OS', 'KERNEL'];

/**
 * The `k8sfix clusters` table: one row per node pool, then why each platform was inferred and why any
 * cluster could not be asked.
 */
export function formatClustersTable(reports: ClusterReport[]): string {
  if (reports.length === 0) {
    return 'No clusters: set KUBECONFIG (or K8SFIX_CONTEXTS to choose contexts), or run k8sfix in a pod with the RBAC in deploy/rbac-readonly.yaml.\n';
  }
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const report of reports) {
    if (!report.ok) {
      rows.push([report.context, `(${report.code})`, '-', '-', '-', '-', '-', '-', '-']);
      notes.push(`${report.context}: ${report.reason}`);
      continue;
    }
    const server = report.facts.serverVersion ?? '?';
    notes.push(`${report.context}: ${report.platform.name} because ${report.platform.reason}${report.cached ? ' (cached facts)' : ''}`);
    if (report.pools.length === 0) rows.push([report.context, report.platform.name, server, '(no nodes)', '0', '-', '-', '-', '-']);
    report.pools.forEach((pool, i) => {
      rows.push([
        i === 0 ? report.context : '',
        i === 0 ? report.platform.name : '',
        i === 0 ? server : '',
        pool.name,
        String(pool.nodes.length),
        list(pool.kubeletVersions),
        list(pool.containerRuntimeVersions),
        list(pool.osImages),
        list(pool.kernelVersions),
      ]);
    });
  }
  const widths = HEADERS.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (cells: string[]) => cells.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd();
  return [line(HEADERS), ...rows.map(line), '', ...notes].join('\n') + '\n';
}

function list(values: string[]): string {
  return values.length === 0 ? '?' : values.join(', ');
}
