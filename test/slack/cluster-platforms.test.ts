/**
 * The Slack app matches knowing where its connected clusters run: the real cluster checker (real
 * @kubernetes/client-node over HTTPS to an in-process fake Anthos bare-metal API server) records each cluster's
 * platform when it is asked, and later answers are matched with it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterCheckerFromEnv } from '../../src/slack/cluster-checker-from-env.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { createTestCertificates, startFakeCluster, writeKubeconfig, type FakeCluster } from '../support/fake-kube-api-server.js';
import { blocksText, startHarness, type Harness } from './harness.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

const JWS_LINE = 'error execution phase preflight: could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"';

describe('answers use the platforms of the connected clusters', () => {
  let h: Harness;
  let cluster: FakeCluster;
  let dir = '';
  beforeAll(async () => {
    const certs = await createTestCertificates();
    cluster = await startFakeCluster({ token: 'abm-token', ...clusterFixture<object>('anthos-bare-metal-edge') }, certs);
    dir = await mkdtemp(join(tmpdir(), 'k8sfix-slack-platforms-'));
    const kubeconfig = await writeKubeconfig(dir, 'config.yaml', certs.caCert, [{ name: 'abm-edge', server: cluster.url, token: 'abm-token' }]);
    const store = new MemoryStore();
    const clusters = clusterCheckerFromEnv({ kubeconfig, timeoutMs: 5000 }, store);
    h = await startHarness({ clusters: clusters!, store });
  });
  afterAll(async () => {
    await h.stop();
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('before the clusters were asked the bare line is medium; once they answered, the Anthos issue is placed and the answer says so', async () => {
    await h.command(JWS_LINE, 'first');
    const [first] = await h.fake.waitFor((c) => c.method === 'respond' && c.id === 'first' && blocksText(c.body.blocks).includes('abm-edge'));
    const firstText = blocksText(first!.body.blocks);
    expect(firstText).toContain('JWS signature');
    expect(firstText).toMatch(/medium confidence/i);
    expect(firstText).toContain('it applies if this came from Anthos clusters on bare metal');

    await h.command(JWS_LINE, 'second');
    const [second] = await h.fake.waitFor((c) => c.method === 'respond' && c.id === 'second' && blocksText(c.body.blocks).includes('abm-edge'));
    const secondText = blocksText(second!.body.blocks);
    expect(secondText).toMatch(/high confidence/i);
    expect(secondText).toContain('Assumed from the deployment: the connected clusters run Anthos clusters on bare metal.');
  });
});
