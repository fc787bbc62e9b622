/**
 * `k8sfix --context NAME <paste>` asks the cluster before matching: the platform it runs is context for the match.
 * The built CLI runs as a child process, with real @kubernetes/client-node talking HTTPS to in-process fake API
 * servers (an Anthos bare-metal cluster and a GKE one).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCertificates, startFakeCluster, writeKubeconfig, type FakeCluster } from '../support/fake-kube-api-server.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
/** A bare kubeadm join error: Anthos bare metal documents it for large installs; nothing in the line says where it ran. */
const JWS_LINE = 'error execution phase preflight: couldn\'t validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"';

let dir = '';
let kubeconfig = '';
const servers: FakeCluster[] = [];

beforeAll(async () => {
  const certs = await createTestCertificates();
  const abm = await startFakeCluster({ token: 'abm-token', ...clusterFixture<object>('anthos-bare-metal-edge') }, certs);
  const gke = await startFakeCluster({ token: 'gke-token', ...clusterFixture<object>('gke-cos-and-windows') }, certs);
  servers.push(abm, gke);
  dir = await mkdtemp(join(tmpdir(), 'k8sfix-cli-platforms-'));
  kubeconfig = await writeKubeconfig(dir, 'config.yaml', certs.caCert, [
    { name: 'abm-edge', server: abm.url, token: 'abm-token' },
    { name: 'gke-prod', server: gke.url, token: 'gke-token' },
  ]);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

function k8sfix(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, KUBECONFIG: kubeconfig, K8SFIX_LANG: '', K8SFIX_PLATFORMS: '', K8SFIX_CATALOGUE_DIR: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

describe('the asked clusters\' platforms are context for the match', () => {
  test('without a cluster, the bare line is a medium answer that says where it applies', async () => {
    const { code, stdout } = await k8sfix([JWS_LINE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/medium confidence \(0\.\d\d\) · .* · kubeadm-join-jws-signature-large-cluster-install/);
    expect(stdout).toContain('it applies if this came from Anthos clusters on bare metal.');
  });

  test('asked on an Anthos bare-metal cluster, the same line is placed: high confidence, and the answer says what it assumed', async () => {
    const { code, stdout } = await k8sfix(['--context', 'abm-edge', JWS_LINE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/high confidence \(\d\.\d\d\) · .* · kubeadm-join-jws-signature-large-cluster-install/);
    expect(stdout).toContain('Assumed from the deployment: the connected clusters run Anthos clusters on bare metal.');
    expect(stdout).toMatch(/abm-edge/);
  });

  test('asked on a GKE cluster only, the Anthos issue stays medium with a lower score, and says the clusters run GKE', async () => {
    const plain = await k8sfix([JWS_LINE]);
    const onGke = await k8sfix(['--context', 'gke-prod', JWS_LINE]);
    expect(onGke.code).toBe(0);
    expect(onGke.stdout).toContain('(the connected clusters run GKE, not Anthos clusters on bare metal)');
    const score = (out: string) => Number(/confidence \((\d\.\d\d)\)/.exec(out)?.[1]);
    expect(score(onGke.stdout)).toBeLessThan(score(plain.stdout));
  });

  test('clusters on different platforms: both count, so the Anthos issue is placed', async () => {
    const { stdout } = await k8sfix(['--all-contexts', JWS_LINE]);
    expect(stdout).toContain('the connected clusters run Anthos clusters on bare metal, GKE');
  });
});
