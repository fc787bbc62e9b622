import { describe, expect, test } from '@jest/globals';
import { ConnectedPlatforms } from '../../src/clusters/connected-platforms.js';
import { platformsOfClusters } from '../../src/clusters/platforms-of-clusters.js';
import { combinePlatforms } from '../../src/matcher/combine-platforms.js';

describe('the platforms of the connected clusters, as the matcher takes them', () => {
  test('catalogue products by their product id, other known platforms by kind, each once', () => {
    expect(platformsOfClusters([{ kind: 'gke', product: 'gke' }, { kind: 'eks' }, { kind: 'gke', product: 'gke' }])).toEqual(['eks', 'gke']);
  });

  test('one cluster whose platform is not told apart makes the whole set unknown, so no platform issue is demoted on a guess', () => {
    expect(platformsOfClusters([{ kind: 'gke', product: 'gke' }, { kind: 'unknown' }])).toBeUndefined();
    expect(platformsOfClusters([{ kind: 'gke', product: 'gke' }, { kind: 'other' }])).toBeUndefined();
    expect(platformsOfClusters([{ kind: 'gke', product: 'gke' }, undefined])).toBeUndefined();
    expect(platformsOfClusters([])).toBeUndefined();
  });

  test('a cluster keeps the platform it last answered with when it stops answering; one never seen is unknown', () => {
    const connected = new ConnectedPlatforms();
    expect(connected.of(['abm-edge'])).toBeUndefined();
    connected.record([{ context: 'abm-edge', ok: true, platform: { kind: 'anthos-bare-metal', product: 'anthos-bare-metal' } }]);
    connected.record([{ context: 'abm-edge', ok: false }]);
    expect(connected.of(['abm-edge'])).toEqual(['anthos-bare-metal']);
    expect(connected.of(['abm-edge', 'gke-prod'])).toBeUndefined();
  });

  test('K8SFIX_PLATFORMS and the clusters together: the configured list leads and the answer calls it the deployment', () => {
    expect(combinePlatforms(['gke'], ['anthos-bare-metal', 'gke'])).toEqual({ platforms: ['gke', 'anthos-bare-metal'], platformsFrom: 'deployment' });
    expect(combinePlatforms(undefined, ['nks'])).toEqual({ platforms: ['nks'], platformsFrom: 'clusters' });
    expect(combinePlatforms(undefined, undefined)).toEqual({});
  });
});
