/**
 * Every entry of the real catalogue against every fixture cluster: each gives a verdict with at least one
 * reason, and product rules hold (a GKE-only entry is never affected on the bare-metal or NKS clusters, unless
 * its cause is upstream: `anyPlatform`).
 * Guards entries added later against conditions the applicability check does not handle.
 */
import { describe, expect, test } from '@jest/globals';
import { checkApplicability } from '../../src/applicability/check-applicability.js';
import { loadCatalogue } from '../../src/catalogue/load-catalogue.js';
import { nodeFactsFromNode } from '../../src/clusters/node-facts-from-node.js';
import type { ClusterFacts } from '../../src/clusters/types.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

function facts(name: string, extra: Partial<ClusterFacts> = {}): ClusterFacts {
  const fixture = clusterFixture<{ version: { gitVersion: string }; nodes: Parameters<typeof nodeFactsFromNode>[0][] }>(name);
  return { serverVersion: fixture.version.gitVersion, nodes: fixture.nodes.map(nodeFactsFromNode), bareMetal: { status: 'absent' }, ...extra };
}

const clusters: [string, ClusterFacts][] = [
  ['gke', facts('gke-cos-and-windows')],
  ['anthos-bare-metal', facts('anthos-bare-metal-edge', { bareMetal: { status: 'present' }, anthosBareMetalVersion: '1.13.1', adminClusterAnthosBareMetalVersion: '1.13.1', clusterProfile: 'edge' })],
  ['nks', facts('nks-centos')],
  ['other', facts('plain-kubeadm')],
];

describe('the real catalogue', () => {
  test('every entry gives a verdict with a reason on every fixture cluster', async () => {
    const catalogue = await loadCatalogue(undefined, { skipInvalid: true });
    expect(catalogue.entries.length).toBeGreaterThan(0);
    for (const entry of catalogue.entries) {
      for (const [platform, cluster] of clusters) {
        const result = checkApplicability(entry, cluster);
        expect({ id: entry.id, platform, ok: ['affected', 'not-affected', 'unknown'].includes(result.verdict) && result.reasons.length > 0 }).toEqual({ id: entry.id, platform, ok: true });
        const applies = entry.affects.anyPlatform || entry.affects.products.includes('containerd') || (entry.affects.products as string[]).includes(platform);
        if (!applies) expect({ id: entry.id, platform, verdict: result.verdict }).toEqual({ id: entry.id, platform, verdict: 'not-affected' });
      }
    }
  });
});

describe('the catalogue says how to check what k8sfix cannot read', () => {
  test('every unreadable condition carries the command or place to check it', async () => {
    const catalogue = await loadCatalogue(undefined, { skipInvalid: true });
    const missing = catalogue.entries.flatMap((entry) =>
      entry.affects.conditions.filter((c) => c.fact === 'nodeSetting' && !c.check).map(() => entry.id),
    );
    expect(missing).toEqual([]);
  });

  test("every Anthos version condition says how far the known-issues page reaches, so newer versions are not called fixed", async () => {
    const catalogue = await loadCatalogue(undefined, { skipInvalid: true });
    const without = catalogue.entries.flatMap((entry) =>
      entry.affects.conditions.filter((c) => c.fact === 'anthosBareMetalVersion' && !c.coveredThrough).map(() => entry.id),
    );
    expect(without).toEqual([]);
  });
});
