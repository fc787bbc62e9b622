import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActionClients } from '../../src/actions/create-action-clients.js';
import type { ActionContext } from '../../src/actions/types.js';
import { KubeClientFactory } from '../../src/clusters/kube-client-factory.js';
import { createTestCertificates, startFakeCluster, writeKubeconfig, type FakeCluster, type TestCertificates } from '../support/fake-kube-api-server.js';
import { FakeResources, type FakeResourcesOptions } from '../support/fake-kube-resources.js';

export interface ActionCluster {
  server: FakeCluster;
  resources: FakeResources;
  factory: KubeClientFactory;
  kubeconfig: string;
  /** An action context on context `abm-edge`, with short polls so verify() is quick. */
  ctx(overrides?: Partial<ActionContext>, impersonate?: { user: string; group?: string }): ActionContext;
  close(): Promise<void>;
}

let certs: Promise<TestCertificates> | undefined;

/** A fake API server over HTTPS holding `options.objects`, a kubeconfig for it and real client-node clients. */
export async function startActionCluster(options: FakeResourcesOptions): Promise<ActionCluster> {
  certs ??= createTestCertificates();
  const resources = new FakeResources(options);
  const server = await startFakeCluster({ token: 'abm-token', resources }, await certs);
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-actions-'));
  const kubeconfig = await writeKubeconfig(dir, 'config.yaml', (await certs).caCert, [{ name: 'abm-edge', server: server.url, token: 'abm-token' }]);
  const factory = new KubeClientFactory({ kubeconfig, inCluster: false });
  const opened: { abort(): void }[] = [];
  return {
    server,
    resources,
    factory,
    kubeconfig,
    ctx(overrides = {}, impersonate) {
      const clients = createActionClients(factory, 'abm-edge', impersonate);
      opened.push(clients);
      return {
        clients,
        nodeActionsEnabled: false,
        nodeActionImage: 'registry.example/nsenter:1',
        nodeActionNamespace: 'k8sfix-node-actions',
        verifyTimeoutMs: 2000,
        pollMs: 10,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: Date.now,
        ...overrides,
      };
    },
    async close() {
      for (const clients of opened) clients.abort();
      await server.close();
    },
  };
}
