import { platformsOfClusters, type InferredPlatform } from './platforms-of-clusters.js';

/** A cluster report as far as its platform goes: the Slack app's and the cluster module's both fit. */
export interface ReportWithPlatform {
  context: string;
  ok: boolean;
  platform?: InferredPlatform;
}

/**
 * The last platform seen for each connected cluster, so a paste is matched knowing where this deployment's
 * clusters run without waiting for them: facts are asked after matching, and a cluster's platform rarely changes.
 * A cluster that did not answer keeps the platform it last had.
 */
export class ConnectedPlatforms {
  private readonly seen = new Map<string, InferredPlatform>();

  record(reports: readonly ReportWithPlatform[]): void {
    for (const report of reports) {
      if (report.ok && report.platform) this.seen.set(report.context, { ...report.platform });
    }
  }

  /** The platforms of these clusters, or undefined while any of them has not been seen on a known platform. */
  of(contexts: readonly string[]): string[] | undefined {
    return platformsOfClusters(contexts.map((context) => this.seen.get(context)));
  }
}
