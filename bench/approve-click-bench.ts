/**
 * Fix actions through Slack: a signed Approve click over real HTTP to the real Bolt app (HTTP receiver, request
 * gate, listeners), with a real redis-server as the shared store and real client-node over HTTPS against the
 * in-process fake API server running the real restart-controller-pod action. Measures the click to Slack's
 * acknowledgement (HTTP 200; Slack gives up after 3 s, target p99 < 300 ms) and to the approval message
 * updated with the executed and verified result (chat.update on the fake Slack). Runs one after another;
 * each approves a fresh request (proposed before the clock starts) for a pod on its own node.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LogLevel } from '@slack/bolt';
import { ACTIONS_BY_ID } from '../handlers/registry.js';
import { createActionClients } from '../src/actions/create-action-clients.js';
import type { ActionsConfig } from '../src/approvals/actions-config.js';
import { createAuditSink } from '../src/approvals/audit-sink.js';
import { KubeClientFactory } from '../src/clusters/kube-client-factory.js';
import { createMatcher } from '../src/matcher/create-matcher.js';
import { loadCatalogue } from '../src/catalogue/load-catalogue.js';
import { ACTION_IDS } from '../src/slack/action-ids.js';
import { createSlackApp } from '../src/slack/app.js';
import { loadSlackConfig } from '../src/slack/config.js';
import { bindApprovalMessage } from '../src/slack/approval-message.js';
import { RedisStore } from '../src/store/redis-store.js';
import { createTestCertificates, startFakeCluster, writeKubeconfig } from '../test/support/fake-kube-api-server.js';
import { FakeResources } from '../test/support/fake-kube-resources.js';
import { FakeSlackApi } from '../test/support/fake-slack-api.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { interactiveBody, postSigned } from '../test/support/signed-request.js';
import { percentile } from './stats.js';
import { anetdFleet } from '../test/support/anetd-fleet.js';

const SECRET = 'bench-signing-secret';
const WARMUP = 5;
const RUNS = 60;


export interface ApproveClickBenchResult {
  ack: { p50: number; p99: number };
  updated: { p50: number; p99: number };
  runs: number;
}

export async function runApproveClickBench(): Promise<ApproveClickBenchResult> {
  const total = WARMUP + RUNS;
  const objects = anetdFleet(total);
  const certs = await createTestCertificates();
  const server = await startFakeCluster({ token: 'bench-token', resources: new FakeResources({ objects }) }, certs);
  const redis = await startRedisServer();
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-approve-bench-'));
  const kubeconfig = await writeKubeconfig(dir, 'config.yaml', certs.caCert, [{ name: 'bench', server: server.url, token: 'bench-token' }]);
  const clients = createActionClients(new KubeClientFactory({ kubeconfig, inCluster: false }), 'bench');
  const fake = await new FakeSlackApi().start();
  const store = new RedisStore({ url: redis.url, keyPrefix: 'bench-click:' });
  const config: ActionsConfig = {
    enabled: true, approvers: { userIds: ['U0APPROVER'], groupIds: [] }, killSwitch: () => false, freezeWindows: [], budgetPerHour: 1000,
    expiryMs: 15 * 60_000, nodeActionsEnabled: false, nodeActionImage: 'x', nodeActionNamespace: 'x', verifyTimeoutMs: 5000, impersonation: new Map(), auditFile: '-',
  };
  const slack = createSlackApp(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'error', K8SFIX_HEALTH_PORT: '0' }), {
    matcher: createMatcher(await loadCatalogue()),
    store,
    fixActions: {
      config,
      actions: ACTIONS_BY_ID,
      auditSink: createAuditSink(join(dir, 'audit.jsonl')),
      actionContext: () => ({ clients, nodeActionsEnabled: false, nodeActionImage: 'x', nodeActionNamespace: 'x', verifyTimeoutMs: 5000, pollMs: 5, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: Date.now }),
    },
  });
  slack.app.logger.setLevel(LogLevel.ERROR);
  const { port } = await slack.start(0);
  const url = `http://127.0.0.1:${port}/slack/events`;
  const fix = slack.services.fix!;
  const acks: number[] = [];
  const updated: number[] = [];
  try {
    for (let i = 0; i < total; i++) {
      const proposed = await fix.approvals.propose({ action: 'restart-controller-pod', context: 'bench', params: { namespace: 'kube-system', pod: `anetd-p${i}` }, requester: 'U0REQUESTER' });
      if (!proposed.ok) throw new Error(`propose refused: ${proposed.reason}`);
      const ts = `1800000000.${String(i).padStart(6, '0')}`;
      await bindApprovalMessage(store, proposed.request.id, { channel: 'C0BENCH01', ts });
      const payload = {
        type: 'block_actions',
        user: { id: 'U0APPROVER' },
        team: { id: 'T0001' },
        trigger_id: `trigger-${i}`,
        channel: { id: 'C0BENCH01' },
        container: { type: 'message', channel_id: 'C0BENCH01', message_ts: ts },
        message: { ts, text: 'x' },
        actions: [{ type: 'button', action_id: ACTION_IDS.approveFix, block_id: 'b', value: proposed.request.id, action_ts: '1' }],
      };
      const start = performance.now();
      // The message first says Running, then Done: the time is to the update that shows the verified result.
      const done = fake.waitFor((c) => c.method === 'chat.update' && c.body.ts === ts && JSON.stringify(c.body.blocks).includes(':white_check_mark: Done'), 1, 30_000);
      const response = await postSigned(url, SECRET, interactiveBody(payload), 'application/x-www-form-urlencoded');
      const acked = performance.now();
      if (response.status !== 200) throw new Error(`Approve answered HTTP ${response.status}`);
      await done;
      const end = performance.now();
      if (i >= WARMUP) {
        acks.push(acked - start);
        updated.push(end - start);
      }
    }
  } finally {
    await slack.stop();
    clients.abort();
    await fake.stop();
    await redis.stop();
    await server.close();
  }
  const result = { ack: { p50: percentile(acks, 50), p99: percentile(acks, 99) }, updated: { p50: percentile(updated, 50), p99: percentile(updated, 99) }, runs: RUNS };
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`fix actions through Slack: signed Approve click, ${RUNS} runs (real Bolt over HTTP, real Redis, fake API server over HTTPS)`);
  console.log(`  click → acknowledgement            p50 ${fmt(result.ack.p50)}  p99 ${fmt(result.ack.p99)}  (Slack waits 3 s; target p99 < 300 ms)`);
  console.log(`  click → executed, verified, updated  p50 ${fmt(result.updated.p50)}  p99 ${fmt(result.updated.p99)}`);
  return result;
}
