/**
 * Fix actions: the time from an approval (the call a Slack listener makes on Approve) to the change executed
 * on the cluster, and to the whole request done (verified). Real redis-server as the shared store, real
 * client-node over HTTPS against the in-process fake API server, the real restart-controller-pod action; each
 * run approves a fresh request (proposed before the clock starts) for a pod on its own node.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ACTIONS_BY_ID } from '../handlers/registry.js';
import { createActionClients } from '../src/actions/create-action-clients.js';
import type { Action } from '../src/actions/types.js';
import type { ActionsConfig } from '../src/approvals/actions-config.js';
import { createAuditSink } from '../src/approvals/audit-sink.js';
import { createAuditTrail } from '../src/approvals/audit-trail.js';
import { createApprovals } from '../src/approvals/create-approvals.js';
import { KubeClientFactory } from '../src/clusters/kube-client-factory.js';
import { RedisStore } from '../src/store/redis-store.js';
import { createTestCertificates, startFakeCluster, writeKubeconfig } from '../test/support/fake-kube-api-server.js';
import { FakeResources } from '../test/support/fake-kube-resources.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { percentile } from './stats.js';
import { anetdFleet } from '../test/support/anetd-fleet.js';

const WARMUP = 5;
const RUNS = 60;


export interface ActionsBenchResult {
  executed: { p50: number; p99: number };
  done: { p50: number; p99: number };
  runs: number;
}

export async function runActionsBench(): Promise<ActionsBenchResult> {
  const total = WARMUP + RUNS;
  const objects = anetdFleet(total);
  const certs = await createTestCertificates();
  const resources = new FakeResources({ objects });
  const server = await startFakeCluster({ token: 'bench-token', resources }, certs);
  const redis = await startRedisServer();
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-actions-bench-'));
  const kubeconfig = await writeKubeconfig(dir, 'config.yaml', certs.caCert, [{ name: 'bench', server: server.url, token: 'bench-token' }]);
  const factory = new KubeClientFactory({ kubeconfig, inCluster: false });
  const store = new RedisStore({ url: redis.url, keyPrefix: 'bench:' });
  const sink = createAuditSink(join(dir, 'audit.jsonl'));
  const clients = createActionClients(factory, 'bench');

  let executedAt = 0;
  const restart = ACTIONS_BY_ID.get('restart-controller-pod')!;
  // Timing only: the real action, with the moment its execute() returned noted.
  const timed: Action = { ...restart, execute: async (ctx, plan) => {
    const result = await restart.execute(ctx, plan);
    executedAt = performance.now();
    return result;
  } };
  const config: ActionsConfig = {
    enabled: true, approvers: { userIds: ['U0APPROVER'], groupIds: [] }, killSwitch: () => false, freezeWindows: [], budgetPerHour: 1000,
    expiryMs: 15 * 60_000, nodeActionsEnabled: false, nodeActionImage: 'x', nodeActionNamespace: 'x', verifyTimeoutMs: 5000, impersonation: new Map(), auditFile: '-',
  };
  const approvals = createApprovals({
    store,
    audit: createAuditTrail(store, sink),
    config,
    actions: new Map([...ACTIONS_BY_ID, [timed.id, timed]]),
    // The bench's Redis was started for it: no run held anything before, so nothing waits for it to settle.
    storeSettleMs: 0,
    actionContext: () => ({ clients, nodeActionsEnabled: false, nodeActionImage: 'x', nodeActionNamespace: 'x', verifyTimeoutMs: 5000, pollMs: 5, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: Date.now }),
  });

  const executed: number[] = [];
  const done: number[] = [];
  try {
    for (let i = 0; i < total; i++) {
      const proposed = await approvals.propose({ action: 'restart-controller-pod', context: 'bench', params: { namespace: 'kube-system', pod: `anetd-p${i}` }, requester: 'U0REQUESTER' });
      if (!proposed.ok) throw new Error(`propose refused: ${proposed.reason}`);
      const start = performance.now();
      const result = await approvals.approve(proposed.request.id, 'U0APPROVER');
      const end = performance.now();
      if (!result.ok) throw new Error(`approve refused: ${result.reason}`);
      if (i >= WARMUP) {
        executed.push(executedAt - start);
        done.push(end - start);
      }
    }
  } finally {
    clients.abort();
    approvals.close();
    sink.close();
    await store.close();
    await redis.stop();
    await server.close();
  }
  const result = {
    executed: { p50: percentile(executed, 50), p99: percentile(executed, 99) },
    done: { p50: percentile(done, 50), p99: percentile(done, 99) },
    runs: RUNS,
  };
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`fix actions: approve → executed / → verified, ${RUNS} runs (restart-controller-pod, real Redis, fake API server over HTTPS)`);
  console.log(`  approve → executed  p50 ${fmt(result.executed.p50)}  p99 ${fmt(result.executed.p99)}`);
  console.log(`  approve → verified  p50 ${fmt(result.done.p50)}  p99 ${fmt(result.done.p99)}`);
  return result;
}
