import { describe, expect, test } from '@jest/globals';
import { resolveActionParams } from '../../src/actions/resolve-action-params.js';
import { groupNodePools } from '../../src/clusters/group-node-pools.js';
import type { ClusterFacts } from '../../src/clusters/types.js';
import { actionFactValues } from '../../src/slack/action-fact-values.js';
import { realCatalogue } from '../support/catalogue.js';

/** An Anthos bare-metal 1.12 hybrid cluster on Docker, as the collector reports it. */
const facts: ClusterFacts = {
  serverVersion: 'v1.23.5-gke.1505',
  nodes: [
    { name: 'store-cp-1', kubeletVersion: 'v1.23.5-gke.1505', containerRuntimeVersion: 'docker://20.10.17', osImage: 'Ubuntu 20.04.5 LTS', kernelVersion: '5.4.0-126-generic', operatingSystem: 'linux', labels: { 'baremetal.cluster.gke.io/node-pool': 'store-cp' } },
    { name: 'store-w-1', kubeletVersion: 'v1.23.5-gke.1505', containerRuntimeVersion: 'docker://20.10.17', osImage: 'Ubuntu 20.04.5 LTS', kernelVersion: '5.4.0-126-generic', operatingSystem: 'linux', labels: { 'baremetal.cluster.gke.io/node-pool': 'np-workers' } },
  ],
  anthosBareMetalVersion: '1.12.1',
  adminClusterAnthosBareMetalVersion: '1.12.1',
  clusterType: 'hybrid',
  bareMetal: { status: 'present', clusters: [{ name: 'store-17', namespace: 'cluster-store-17', type: 'hybrid', anthosBareMetalVersion: '1.12.1' }] },
};
const report = { context: 'abm-store', ok: true, facts, pools: groupNodePools(facts.nodes), cached: false };

describe('fix-action parameters from a cluster\'s facts', () => {
  test('an action on the Anthos Cluster resource gets its name and namespace from the cluster, not from the person', async () => {
    const { catalogue } = await realCatalogue();
    const entry = catalogue.byId.get('docker-runtime-annotation-missing-upgrade-1-13')!;
    const action = entry.actions.find((a) => Object.values(a.params).some((p) => p.from === 'fact'))!;
    expect(action).toBeDefined();
    const values = actionFactValues(entry, report);
    expect(values['anthos-cluster-name']).toBe('store-17');
    expect(values['anthos-cluster-namespace']).toBe('cluster-store-17');
    const resolved = resolveActionParams(action, [], values);
    expect(resolved.missing).toEqual([]);
    expect(resolved.params).toMatchObject({ name: 'store-17', namespace: 'cluster-store-17' });
  });

  test('a cluster that did not answer gives no values, so the action is not offered with guessed ones', async () => {
    const { catalogue } = await realCatalogue();
    const entry = catalogue.byId.get('docker-runtime-annotation-missing-upgrade-1-13')!;
    expect(actionFactValues(entry, { ok: false })).toEqual({});
    const action = entry.actions.find((a) => Object.values(a.params).some((p) => p.from === 'fact'))!;
    expect(resolveActionParams(action, [], {}).missing.length).toBeGreaterThan(0);
  });
});
