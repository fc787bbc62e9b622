import { createClusterFactsService, type ClusterFactsService } from '../../clusters/create-cluster-facts-service.js';
import { isClusterConfigError } from '../../clusters/cluster-config-error.js';
import { formatClustersTable } from '../../clusters/format-clusters-table.js';
import { loadClusterConfigFromEnv } from '../../clusters/load-cluster-config-from-env.js';

const USAGE = 'usage: k8sfix clusters [--context NAME]... [--json]';

/**
 * `k8sfix clusters [--context NAME ...] [--json]`: the connected clusters, their platform, server version and
 * node pools. Exit 0 when every cluster answered, 1 when one did not (its reason is printed), 2 on bad usage
 * or configuration. `--json` prints the `ClusterReport[]` exactly: each answering cluster's `facts` is the
 * `ClusterFacts` shape that `checkApplicability` takes. `service` is for tests; the CLI builds one from the environment.
 */
export async function runClustersCommand(
  args: string[],
  out: { stdout(s: string): void; stderr(s: string): void },
  service?: ClusterFactsService,
): Promise<number> {
  const contexts: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') {
      out.stdout(`${USAGE}\n`);
      return 0;
    } else if (arg === '--context' || arg.startsWith('--context=')) {
      const name = arg === '--context' ? args[++i] : arg.slice('--context='.length);
      if (!name) {
        out.stderr(`k8sfix: --context needs a kubeconfig context name\n${USAGE}\n`);
        return 2;
      }
      contexts.push(name);
    } else {
      out.stderr(`k8sfix: unknown argument "${arg}"\n${USAGE}\n`);
      return 2;
    }
  }
  let facts = service;
  if (!facts) {
    try {
      facts = createClusterFactsService(loadClusterConfigFromEnv());
    } catch (error) {
      if (!isClusterConfigError(error)) throw error;
      out.stderr(`k8sfix: ${error.message}\n`);
      return 2;
    }
  }
  const reports = await facts.collect(contexts.length > 0 ? contexts : undefined);
  out.stdout(json ? `${JSON.stringify(reports, null, 2)}\n` : formatClustersTable(reports));
  return reports.length > 0 && reports.every((r) => r.ok) ? 0 : 1;
}
