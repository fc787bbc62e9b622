/** Programs that embed k8sfix reach the applicability check and the fact collector from the package's main entry. */
import { expect, test } from '@jest/globals';
import * as k8sfix from '../../src/index.js';

test('checkApplicability, the collector and its settings are exported from the main entry', async () => {
  expect(typeof k8sfix.checkApplicability).toBe('function');
  expect(typeof k8sfix.createClusterFactsService).toBe('function');
  expect(typeof k8sfix.loadClusterConfigFromEnv).toBe('function');
  const catalogue = await k8sfix.loadCatalogue();
  const facts: k8sfix.ClusterFacts = {
    serverVersion: 'v1.27.3',
    nodes: [{ name: 'n1', kubeletVersion: 'v1.27.3', containerRuntimeVersion: 'containerd://1.6.21', osImage: 'Ubuntu 22.04.2 LTS', kernelVersion: '5.15.0-76-generic', operatingSystem: 'linux' }],
  };
  const result: k8sfix.ApplicabilityResult = k8sfix.checkApplicability(catalogue.byId.get('etc-mtab-symlink-missing')!, facts);
  expect(result).toMatchObject({ verdict: 'affected', reasons: ['pool (no pool label): runs containerd://1.6.21'], checks: [] });
  expect(k8sfix.loadClusterConfigFromEnv({ K8SFIX_ADMIN_CLUSTERS: 'user-a=admin-hq' }).adminContexts).toEqual({ 'user-a': 'admin-hq' });
});
