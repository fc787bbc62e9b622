/**
 * The fix-action module end to end, without Slack: two replicas (two RedisStore clients on one real
 * redis-server, each with its own audit file) and real client-node against the fake API server. What a person
 * would see is the typed result (state, refusal code, reason, what to do next) and what reached the cluster.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS_BY_ID } from '../../handlers/registry.js';
import type { ActionsConfig } from '../../src/approvals/actions-config.js';
import { APPROVER_1, APPROVER_2, testActionsConfig } from '../support/test-actions-config.js';
import { createAuditSink, type AuditSink } from '../../src/approvals/audit-sink.js';
import { createAuditTrail, type AuditTrail } from '../../src/approvals/audit-trail.js';
import { createApprovals, type Approvals, type ProposeInput } from '../../src/approvals/create-approvals.js';
import type { ApproveResult } from '../../src/approvals/types.js';
import { verifyAuditChain } from '../../src/approvals/verify-audit-chain.js';
import { lockNodes } from '../../src/approvals/node-lock.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startActionCluster, type ActionCluster } from '../actions/action-harness.js';
import { daemonSet, node, pod, validatingWebhook } from '../actions/cluster-objects.js';
import type { ActionContext } from '../../src/actions/types.js';
import type { FakeResourcesOptions } from '../support/fake-kube-resources.js';

const REQUESTER = 'U0REQUESTER';
const GROUP_MEMBER = 'U0GROUPMATE';
const STRANGER = 'U0STRANGER';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

interface Replica {
  approvals: Approvals;
  store: RedisStore;
  audit: AuditTrail;
  sink: AuditSink;
  file: string;
}

interface World {
  cluster: ActionCluster;
  a: Replica;
  b: Replica;
  clock: { now: number };
  env: { killSwitch: boolean };
}

let world: World | undefined;
let prefixes = 0;
afterEach(async () => {
  if (!world) return;
  for (const r of [world.a, world.b]) {
    r.approvals.close();
    r.sink.close();
    await r.store.close();
  }
  await world.cluster.close();
  world = undefined;
});

interface StartOptions {
  /** The fake cluster's behaviour, such as never replacing a deleted pod. */
  resources?: Omit<FakeResourcesOptions, 'objects'>;
  /** Per replica, what differs in the context its actions run in. */
  contexts?: Partial<Record<'replica-a' | 'replica-b', Partial<ActionContext>>>;
  /** How long a restarted store settles; 0 (no wait) unless a test restarts Redis under a running fix. */
  storeSettleMs?: number;
  /** Receives what each replica says when a running fix lost its node lock. */
  lost?: string[];
  /** What each replica's approvals see of its store, around the real RedisStore (to lose a key at a given step). */
  wrapStore?: (store: RedisStore) => Store;
}

async function start(objects: Record<string, unknown>[], overrides: Partial<ActionsConfig> = {}, redisUrl = redis.url, options: StartOptions = {}): Promise<World> {
  const cluster = await startActionCluster({ objects, ...options.resources });
  const prefix = `approvals-${process.pid}-${++prefixes}:`;
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-audit-'));
  const clock = { now: Date.parse('2026-12-01T10:00:00Z') };
  const env = { killSwitch: false };
  const replica = (name: 'replica-a' | 'replica-b'): Replica => {
    const store = new RedisStore({ url: redisUrl, keyPrefix: prefix });
    const file = join(dir, `${name}.jsonl`);
    const sink = createAuditSink(file);
    const seen = options.wrapStore?.(store) ?? store;
    const audit = createAuditTrail(seen, sink, () => clock.now);
    const approvals = createApprovals({
      store: seen,
      audit,
      config: testActionsConfig(env, overrides),
      actions: ACTIONS_BY_ID,
      actionContext: () => cluster.ctx(options.contexts?.[name]),
      groupMembers: async (group) => (group === 'S0ONCALL' ? [GROUP_MEMBER] : []),
      now: () => clock.now,
      storeSettleMs: options.storeSettleMs ?? 0,
      onHoldingLost: (what) => options.lost?.push(`${name}: ${what}`),
    });
    return { approvals, store, audit, sink, file };
  };
  world = { cluster, a: replica('replica-a'), b: replica('replica-b'), clock, env };
  return world;
}

const anetd = () => [
  node('edge-node-1'),
  node('edge-node-2'),
  daemonSet('kube-system', 'anetd', 'ds-uid'),
  pod('kube-system', 'anetd-x7k2p', 'edge-node-1', { kind: 'DaemonSet', name: 'anetd', uid: 'ds-uid' }),
  pod('kube-system', 'anetd-m4n5b', 'edge-node-2', { kind: 'DaemonSet', name: 'anetd', uid: 'ds-uid' }),
];
const restart = (podName = 'anetd-x7k2p') => ({ action: 'restart-controller-pod', context: 'abm-edge', params: { namespace: 'kube-system', pod: podName }, requester: REQUESTER });
const deletes = (w: World) => w.cluster.resources.applied().filter((m) => m.method !== 'GET');

/** A redis-server of the test's own, which it can restart empty on the same port, as the in-cluster one keeps nothing on disk. */
async function restartableRedis() {
  const first = await startRedisServer();
  let current = first;
  return {
    url: first.url,
    async restartEmpty() {
      await current.stop();
      current = await startRedisServer({ port: first.port });
    },
    async stop() {
      await first.stop();
      await current.stop();
    },
  };
}

/** Whether another fix could lock the node now; a released lock lives on for its last millisecond, so wait that out. */
async function lockedAfterRelease(w: World, node: string) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return lockNodes(w.a.store, 'abm-edge', [node], 'req-next-fix');
}

/** Proposes once the replicas have reconnected to a restarted Redis; until then a proposal is refused as store-unavailable. */
async function proposedWhenBack(w: World, input: ProposeInput) {
  for (let i = 0; i < 100; i++) {
    const result = await w.a.approvals.propose(input);
    if (result.ok) return result.request;
    expect(result.code).toBe('store-unavailable');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the replicas did not reconnect to Redis in 5 s');
}

async function proposed(w: World, input: ProposeInput = restart()) {
  const result = await w.a.approvals.propose(input);
  if (!result.ok) throw new Error(`propose refused: ${result.reason}`);
  return result.request;
}

describe('approving a fix', () => {
  test('the full flow: pending with the preview, the requester and a stranger refused, an approver runs it once, and the audit chain holds', async () => {
    const w = await start(anetd());
    const request = await proposed(w);
    expect(request).toEqual(expect.objectContaining({ state: 'pending', risk: 'medium', requiredApprovals: 1, expiresAt: w.clock.now + 15 * 60_000 }));
    expect(request.plan!.preview.blastRadius).toEqual({ nodes: ['edge-node-1'], podsEvicted: ['kube-system/anetd-x7k2p'] });
    expect(deletes(w)).toEqual([]);

    expect(await w.b.approvals.approve(request.id, REQUESTER)).toEqual(expect.objectContaining({ ok: false, code: 'own-request', next: 'ask an approver to review it' }));
    expect(await w.b.approvals.approve(request.id, STRANGER)).toEqual(expect.objectContaining({ ok: false, code: 'not-an-approver' }));
    expect(deletes(w)).toEqual([]);

    const approved = await w.b.approvals.approve(request.id, APPROVER_1);
    expect(approved).toEqual(expect.objectContaining({ ok: true, needed: 0 }));
    if (!approved.ok) return;
    expect(approved.request.state).toBe('succeeded');
    expect(approved.request.outcome!.verify).toEqual({ ok: true, detail: expect.stringMatching(/replaced it and is Ready/) });
    expect(deletes(w).map((m) => `${m.method} ${m.path}`)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
    expect(w.b.approvals.canUndo(approved.request)).toBe(false);

    const records = await w.a.audit.read();
    expect(records.map((r) => [r.event, r.actor])).toEqual([
      ['proposed', REQUESTER],
      ['previewed', 'k8sfix'],
      ['approved', APPROVER_1],
      ['executing', APPROVER_1],
      ['executed', 'k8sfix'],
      ['verified', 'k8sfix'],
    ]);
    expect(verifyAuditChain(records.map((r) => JSON.stringify(r)))).toEqual({ ok: true, records: 6 });
    // Each replica's file holds what it wrote; together they are the whole chain, nothing lost.
    const lines = [...(await readFile(w.a.file, 'utf8')).trim().split('\n'), ...(await readFile(w.b.file, 'utf8')).trim().split('\n')];
    expect(lines.map((l) => JSON.parse(l).seq).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('a member of an approver user group may approve', async () => {
    const w = await start(anetd());
    const request = await proposed(w);
    expect(await w.a.approvals.approve(request.id, GROUP_MEMBER)).toEqual(expect.objectContaining({ ok: true }));
  });

  test('the same Approve delivered to both replicas, twice each, executes once', async () => {
    const w = await start(anetd());
    const request = await proposed(w);
    const results = await Promise.all([
      w.a.approvals.approve(request.id, APPROVER_1),
      w.b.approvals.approve(request.id, APPROVER_1),
      w.a.approvals.approve(request.id, APPROVER_1),
      w.b.approvals.approve(request.id, APPROVER_1),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual(expect.objectContaining({ code: expect.stringMatching(/^(not-pending|already-approved-by-you)$/) }));
    expect(deletes(w)).toHaveLength(1);
    expect((await w.a.audit.read()).filter((r) => r.event === 'executing')).toHaveLength(1);
  });

  test('an expired request is refused and nothing runs', async () => {
    const w = await start(anetd());
    const request = await proposed(w);
    w.clock.now += 15 * 60_000 + 1;
    const result = await w.b.approvals.approve(request.id, APPROVER_1);
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'expired', next: 'propose the fix again for a fresh plan' }));
    expect(!result.ok && result.request?.state).toBe('expired');
    expect(deletes(w)).toEqual([]);
  });

  test('a run cut off by its replica stopping ends as interrupted on the first look after its time, and never runs again', async () => {
    const w = await start(anetd(), {}, redis.url, {
      resources: { replacePods: false },
      contexts: { 'replica-a': { sleep: () => new Promise<void>(() => undefined) } },
    });
    const request = await proposed(w);
    // Replica a's run never ends: it sent the delete and waits for a replacement pod that never comes.
    void w.a.approvals.approve(request.id, APPROVER_1);
    for (let i = 0; i < 300 && deletes(w).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await w.b.approvals.get(request.id))?.state).toBe('executing');
    // Then replica a stops: it can record nothing more.
    await w.a.store.close();

    // Before the longest a run takes, it is still running as far as anyone can tell.
    w.clock.now += 10 * 60_000;
    const early = await w.b.approvals.approve(request.id, APPROVER_2);
    expect(early).toEqual(expect.objectContaining({ ok: false, code: 'not-pending', reason: 'this request is executing: it is already running' }));

    w.clock.now += 10 * 60_000;
    const late = await w.b.approvals.reject(request.id, APPROVER_2);
    expect(late).toEqual(
      expect.objectContaining({
        ok: false,
        code: 'interrupted',
        reason: 'this request was interrupted while it ran: the k8sfix replica running it stopped before it finished, so its change may or may not have reached the cluster',
      }),
    );
    expect((await w.b.approvals.get(request.id))?.state).toBe('failed');
    // Later clicks see how it ended; nothing is sent again.
    const again = await w.b.approvals.approve(request.id, APPROVER_2);
    expect(again).toEqual(expect.objectContaining({ ok: false, code: 'not-pending', reason: 'this request is failed: it already ran and failed' }));
    expect(deletes(w).map((m) => `${m.method} ${m.path}`)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
    const trail = (await readFile(w.b.file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { event: string; detail?: { was?: string } });
    expect(trail.at(-1)).toEqual(expect.objectContaining({ event: 'interrupted', detail: expect.objectContaining({ was: 'executing' }) }));
  });

  test('an unknown or tampered request id is refused', async () => {
    const w = await start(anetd());
    const request = await proposed(w);
    for (const id of [`req_${'0'.repeat(32)}`, `${request.id}x`, 'restart-controller-pod kube-system anetd-x7k2p', '']) {
      expect(await w.a.approvals.approve(id, APPROVER_1)).toEqual(expect.objectContaining({ ok: false, code: 'unknown-request' }));
    }
    expect(deletes(w)).toEqual([]);
  });

  test('the target replaced between plan and approval: stale, with what changed, and no mutation', async () => {
    const w = await start(anetd());
    const request = await proposed(w);
    const old = w.cluster.resources.get('v1', 'Pod', 'anetd-x7k2p', 'kube-system')!;
    w.cluster.resources.put({ ...old, metadata: { ...old.metadata, uid: 'replaced-uid' } });
    const result = await w.a.approvals.approve(request.id, APPROVER_1);
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'stale', next: 'propose the fix again to get a new plan approved' }));
    expect(!result.ok && result.reason).toMatch(/Pod kube-system\/anetd-x7k2p was replaced \(uid .+ is now replaced-uid\)/);
    expect(!result.ok && result.request?.state).toBe('stale');
    expect(deletes(w)).toEqual([]);
  });

  test('the kill switch blocks an approved request before anything runs', async () => {
    const w = await start(anetd());
    const request = await proposed(w);
    w.env.killSwitch = true;
    const result = await w.a.approvals.approve(request.id, APPROVER_1);
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'kill-switch' }));
    expect(!result.ok && result.request?.state).toBe('blocked');
    expect(deletes(w)).toEqual([]);
  });

  test('the disruption budget: with 1 per hour, the second restart in the cluster is blocked', async () => {
    const w = await start(anetd(), { budgetPerHour: 1 });
    const first = await proposed(w, restart('anetd-x7k2p'));
    const second = await proposed(w, restart('anetd-m4n5b'));
    expect(await w.a.approvals.approve(first.id, APPROVER_1)).toEqual(expect.objectContaining({ ok: true }));
    const blocked = await w.b.approvals.approve(second.id, APPROVER_1);
    expect(blocked).toEqual(expect.objectContaining({ ok: false, code: 'budget-exhausted', next: 'wait until the hour has passed, or raise the budget' }));
    expect(deletes(w)).toHaveLength(1);
    // The blocked request let go of its node: another fix there is not "node busy" for the locks' 15 minutes.
    expect(await lockedAfterRelease(w, 'edge-node-2')).toBeUndefined();
  });

  test('a request lost from the store between its node lock and its run does not run, and lets go of the node at once', async () => {
    // Redis loses the request (evicted, or restarted empty) just after the run locked its node.
    const losesRequestOnLock = (store: RedisStore): Store =>
      new Proxy(store, {
        get(target, property, receiver) {
          if (property !== 'setIfAbsent') return Reflect.get(target, property, receiver) as unknown;
          return async (key: string, value: string, ttlMs: number) => {
            const set = await target.setIfAbsent(key, value, ttlMs);
            if (key.startsWith('actions:node-lock:')) await target.delete(`actions:request:${value}`);
            return set;
          };
        },
      });
    const w = await start(anetd(), {}, redis.url, { wrapStore: losesRequestOnLock });
    const request = await proposed(w);
    expect(await w.b.approvals.approve(request.id, APPROVER_1)).toEqual(
      expect.objectContaining({ ok: false, code: 'unknown-request', reason: 'this request was lost from the shared store (Redis) before it ran, and nothing was sent' }),
    );
    expect(deletes(w)).toEqual([]);
    expect(await lockedAfterRelease(w, 'edge-node-1')).toBeUndefined();
  });

  test('high risk needs two different approvers, each with a reason; undo is its own request', async () => {
    const w = await start([validatingWebhook('policy-agent-validating')]);
    const request = await proposed(w, { action: 'delete-webhook-configuration', context: 'abm-edge', params: { kind: 'validating', name: 'policy-agent-validating' }, requester: REQUESTER });
    expect(request.requiredApprovals).toBe(2);
    expect(await w.a.approvals.approve(request.id, APPROVER_1)).toEqual(expect.objectContaining({ ok: false, code: 'reason-required' }));
    expect(await w.a.approvals.approve(request.id, APPROVER_1, 'blocks anetd pods on every node')).toEqual(expect.objectContaining({ ok: true, needed: 1 }));
    expect(await w.b.approvals.approve(request.id, APPROVER_1, 'again')).toEqual(expect.objectContaining({ ok: false, code: 'already-approved-by-you' }));
    expect(deletes(w)).toEqual([]);
    const done = await w.b.approvals.approve(request.id, APPROVER_2, 'agreed, incident INC-4411');
    expect(done.ok && done.request.state).toBe('succeeded');
    expect(done.ok && done.request.approvals.map((a) => a.by)).toEqual([APPROVER_1, APPROVER_2]);
    expect(done.ok && w.a.approvals.canUndo(done.request)).toBe(true);

    const undo = await w.a.approvals.proposeUndo(request.id, REQUESTER);
    expect(undo.ok && undo.request.undoOf?.requestId).toBe(request.id);
    if (!undo.ok) return;
    await w.a.approvals.approve(undo.request.id, APPROVER_1, 'restore');
    const restored = await w.b.approvals.approve(undo.request.id, APPROVER_2, 'restore');
    expect(restored.ok && restored.request.state).toBe('succeeded');
    expect(w.cluster.resources.get('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'policy-agent-validating')).toBeDefined();
  });

  test('reject (not by the requester) and cancel (only by the requester) end a request', async () => {
    const w = await start(anetd());
    const one = await proposed(w);
    expect(await w.a.approvals.cancel(one.id, APPROVER_1)).toEqual(expect.objectContaining({ ok: false, code: 'not-requester' }));
    expect(await w.a.approvals.cancel(one.id, REQUESTER)).toEqual(expect.objectContaining({ ok: true }));
    expect(await w.b.approvals.approve(one.id, APPROVER_1)).toEqual(expect.objectContaining({ ok: false, code: 'not-pending', reason: 'this request is cancelled: it was cancelled by the requester' }));
    const two = await proposed(w);
    expect(await w.b.approvals.reject(two.id, APPROVER_2, 'not during the sale')).toEqual(expect.objectContaining({ ok: true }));
    expect(deletes(w)).toEqual([]);
  });

  test('Redis restarted empty (it keeps nothing on disk): fix actions work again, and the new trail begins by saying where the lost one ended', async () => {
    const own = await restartableRedis();
    try {
      const w = await start(anetd(), {}, own.url);
      const first = await proposed(w);
      expect(await w.b.approvals.approve(first.id, APPROVER_1)).toEqual(expect.objectContaining({ ok: true }));
      const before = await w.a.audit.read();
      expect(before).toHaveLength(6);
      await own.restartEmpty();
      const second = await proposedWhenBack(w, restart('anetd-m4n5b'));
      expect(await w.b.approvals.approve(second.id, APPROVER_1)).toEqual(expect.objectContaining({ ok: true }));
      expect(deletes(w).map((m) => m.path)).toEqual(['/api/v1/namespaces/kube-system/pods/anetd-x7k2p', '/api/v1/namespaces/kube-system/pods/anetd-m4n5b']);

      const after = await w.a.audit.read();
      expect(after.map((r) => r.event)).toEqual(['trail-restarted', 'proposed', 'previewed', 'approved', 'executing', 'executed', 'verified']);
      // Replica a had seen the old trail up to its own second record (b wrote the rest, and b's file has them).
      expect(after[0]!.detail).toEqual(expect.objectContaining({ lastSeen: { seq: 2, hash: before[1]!.hash } }));
      expect(verifyAuditChain(after.map((r) => JSON.stringify(r)))).toEqual({ ok: true, records: 7 });
    } finally {
      await own.stop();
    }
  });

  test('Redis restarted empty under a running fix: the run takes its node lock back before any replica may lock, so a fix on the same node is refused as busy', async () => {
    const own = await restartableRedis();
    const lost: string[] = [];
    // While replica b's run waits for the replacement pod, Redis restarts empty, and replica a gets a fix on the
    // same node approved. b's run goes on only once a's approval has ended.
    let meanwhile: Promise<ApproveResult> | undefined;
    let w: World | undefined;
    const sleep = async (ms: number) => {
      meanwhile ??= (async () => {
        await own.restartEmpty();
        const other = await proposedWhenBack(w!, restart('netd-q1w2e'));
        return w!.a.approvals.approve(other.id, APPROVER_2);
      })();
      await meanwhile;
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    try {
      const netd = [daemonSet('kube-system', 'netd', 'netd-uid'), pod('kube-system', 'netd-q1w2e', 'edge-node-1', { kind: 'DaemonSet', name: 'netd', uid: 'netd-uid' })];
      w = await start([...anetd(), ...netd], {}, own.url, { resources: { replacePods: false }, contexts: { 'replica-b': { sleep } }, storeSettleMs: 1000, lost });
      const first = await proposed(w);
      await w.b.approvals.approve(first.id, APPROVER_1);
      const other = await meanwhile!;
      expect(other).toEqual(expect.objectContaining({ ok: false, code: 'node-busy', reason: `node edge-node-1 is in use by another fix action (${first.id})` }));
      expect(deletes(w).map((m) => `${m.method} ${m.path}`)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
      expect(lost).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  test('Redis restarted empty within the hour: the replica that took the disruption budget puts it back, so the hour still counts', async () => {
    const own = await restartableRedis();
    try {
      const w = await start(anetd(), { budgetPerHour: 1 }, own.url, { storeSettleMs: 1000 });
      const first = await proposed(w, restart('anetd-x7k2p'));
      expect(await w.b.approvals.approve(first.id, APPROVER_1)).toEqual(expect.objectContaining({ ok: true }));
      await own.restartEmpty();
      const second = await proposedWhenBack(w, restart('anetd-m4n5b'));
      const blocked = await w.a.approvals.approve(second.id, APPROVER_1);
      expect(blocked).toEqual(expect.objectContaining({ ok: false, code: 'budget-exhausted' }));
      expect(deletes(w)).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });

  test('Redis lost after the change was sent: the approver is told it may have reached the cluster, never "nothing was changed", and it is not run again', async () => {
    const own = await startRedisServer();
    let stopped = false;
    // Replica b deletes the pod, then, while it waits for the replacement, Redis goes away.
    const sleep = async () => {
      if (!stopped) {
        stopped = true;
        await own.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const w = await start(anetd(), {}, own.url, { resources: { replacePods: false }, contexts: { 'replica-b': { sleep } } });
    const request = await proposed(w);
    const result = await w.b.approvals.approve(request.id, APPROVER_1);
    expect(result).toEqual(
      expect.objectContaining({
        ok: false,
        code: 'outcome-unrecorded',
        reason: 'the change may have reached the cluster, but how the run ended could not be recorded: the shared store (Redis) could not be reached',
        next: 'check the cluster before anything else (the audit files list what was sent); do not propose it again until you know',
      }),
    );
    expect(deletes(w).map((m) => `${m.method} ${m.path}`)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
    expect(await w.a.approvals.approve(request.id, APPROVER_2)).toEqual(expect.objectContaining({ ok: false }));
    expect(deletes(w)).toHaveLength(1);
    // Replica b's own file has the run up to the last record the store took.
    const lines = (await readFile(w.b.file, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(['approved', 'executing', 'executed']);
  });

  test('Redis stopped mid-flow: the approval fails closed, nothing runs, and the audit file keeps every record written', async () => {
    const own = await startRedisServer();
    const w = await start(anetd(), {}, own.url);
    const request = await proposed(w);
    await own.stop();
    const result = await w.b.approvals.approve(request.id, APPROVER_1);
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'store-unavailable', next: 'nothing was changed; try again when Redis is back' }));
    expect(await w.a.approvals.propose(restart('anetd-m4n5b'))).toEqual(expect.objectContaining({ ok: false, code: 'store-unavailable' }));
    expect(deletes(w)).toEqual([]);
    const lines = (await readFile(w.a.file, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(['proposed', 'previewed']);
    expect(verifyAuditChain(lines)).toEqual({ ok: true, records: 2 });
  });
});
