/**
 * Fix actions in Slack, end to end: two replicas of the real Bolt app over HTTP on one real redis-server,
 * signed interactive payloads, the fake Slack Web API, and real client-node against the fake HTTPS API server.
 * What a person sees is what the tests read: the approval request posted in the thread, the same message
 * updated with chat.update, the private notes to refused clickers, and what reached the cluster.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS_BY_ID } from '../../handlers/registry.js';
import type { ActionsConfig } from '../../src/approvals/actions-config.js';
import { APPROVER_1, APPROVER_2, testActionsConfig } from '../support/test-actions-config.js';
import { createAuditSink } from '../../src/approvals/audit-sink.js';
import { AUDIT_LOG } from '../../src/approvals/audit-trail.js';
import { ACTION_IDS, VIEW_IDS } from '../../src/slack/action-ids.js';
import type { ClusterChecker } from '../../src/slack/cluster-checker.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { Redis } from 'ioredis';
import { startActionCluster, type ActionCluster } from '../actions/action-harness.js';
import { daemonSet, node, pod, validatingWebhook } from '../actions/cluster-objects.js';
import type { RecordedCall } from '../support/fake-slack-api.js';
import type { FakeResourcesOptions } from '../support/fake-kube-resources.js';
import type { ActionContext } from '../../src/actions/types.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { blockKitViolations } from './block-kit-limits.js';
import { blocksText, startHarness, type Harness } from './harness.js';

const REQUESTER = 'U0REQUESTER';
const GROUP_MEMBER = 'U0GROUPMATE';
const STRANGER = 'U0STRANGER';
const CHANNEL = 'C0GEN0001';
const CONTEXT = 'abm-edge';

/** One connected cluster, on which every entry is affected (the fix buttons need a verdict that is not not-affected). */
const clusters: ClusterChecker = {
  listContexts: () => [CONTEXT],
  collect: async (names) => (names ?? [CONTEXT]).map((context) => ({ context, ok: true as const, facts: { context } })),
  checkApplicability: () => ({ verdict: 'affected', reasons: ['control plane runs 1.13.1 (affected 1.10 to 1.13.2)'] }),
};

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

interface World {
  cluster: ActionCluster;
  a: Harness;
  b: Harness;
  clock: { now: number };
  env: { killSwitch: boolean };
  /** Starts one more replica on the same Redis, cluster and clock (a restart, or a deploy's new pod). */
  replica(name: string): Promise<Harness>;
  /** Stops a replica as a pod stops: its timers with it. */
  stop(replica: Harness): Promise<void>;
}

let world: World | undefined;
let prefixes = 0;
afterEach(async () => {
  if (!world) return;
  for (const replica of running) await replica.stop();
  running.clear();
  await world.cluster.close();
  world = undefined;
});
const running = new Set<Harness>();

/** What differs per replica in the context its actions run in, and in the fake cluster's behaviour. */
interface StartOptions {
  contexts?: Partial<Record<'a' | 'b', Partial<ActionContext>>>;
  resources?: Omit<FakeResourcesOptions, 'objects'>;
  /** How often each replica reads the audit trail for open requests (default: the app's minute). */
  followEveryMs?: number;
}

async function start(objects: Record<string, unknown>[], redisUrl = redis.url, overrides: Partial<ActionsConfig> = {}, failing: Record<string, string> = {}, options: StartOptions = {}): Promise<World> {
  const cluster = await startActionCluster({ objects, ...options.resources });
  const prefix = `fix-slack-${process.pid}-${++prefixes}:`;
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-slack-audit-'));
  const clock = { now: Date.now() };
  const env = { killSwitch: false };
  const config = testActionsConfig(env, overrides);
  const replica = async (name: string) => {
    const harness = await startHarness({
      store: new RedisStore({ url: redisUrl, keyPrefix: prefix }),
      clusters,
      fake: { userGroups: { S0ONCALL: [GROUP_MEMBER] }, failing },
      fixActions: {
        config,
        actions: ACTIONS_BY_ID,
        actionContext: () => cluster.ctx(options.contexts?.[name as 'a' | 'b']),
        auditSink: createAuditSink(join(dir, `${name}.jsonl`)),
        now: () => clock.now,
        // Redis is never restarted under a running fix here (test/approvals covers that), so nothing waits for it to settle.
        storeSettleMs: 0,
        ...(options.followEveryMs !== undefined ? { followEveryMs: options.followEveryMs } : {}),
      },
    });
    running.add(harness);
    return harness;
  };
  const stop = async (harness: Harness) => {
    running.delete(harness);
    await harness.stop();
  };
  world = { cluster, a: await replica('a'), b: await replica('b'), clock, env, replica, stop };
  return world;
}

const anetd = () => [
  node('edge-node-1'),
  daemonSet('kube-system', 'anetd', 'ds-uid'),
  pod('kube-system', 'anetd-x7k2p', 'edge-node-1', { kind: 'DaemonSet', name: 'anetd', uid: 'ds-uid' }),
];
const mutations = (w: World) => w.cluster.resources.applied().filter((m) => m.method !== 'GET').map((m) => `${m.method} ${m.path}`);

/** A click as Slack sends it; `message.blocks` is Slack's copy of the clicked message, which real clicks carry. */
function click(actionId: string, value: string, user: string, message?: { ts: string; threadTs?: string; blocks?: unknown[] }, channel = CHANNEL): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: user },
    team: { id: 'T0001' },
    trigger_id: `trigger-${Math.random().toString(16).slice(2)}`,
    channel: { id: channel },
    container: { type: 'message', channel_id: channel, message_ts: message?.ts ?? '1700000000.000100' },
    ...(message ? { message: { ts: message.ts, text: 'x', ...(message.threadTs ? { thread_ts: message.threadTs } : {}), ...(message.blocks ? { blocks: message.blocks } : {}) } } : {}),
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
  };
}

function submission(callbackId: string, privateMetadata: string, user: string, values: Record<string, string>): Record<string, unknown> {
  return {
    type: 'view_submission',
    user: { id: user },
    team: { id: 'T0001' },
    view: {
      id: 'V0001',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      blocks: Object.keys(values).map((name) => ({ type: 'input', block_id: name })),
      state: { values: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value: { type: 'plain_text_input', value } }])) },
    },
  };
}

const idle = async (w: World) => {
  await w.a.idle();
  await w.b.idle();
};
const calls = (w: World, method: string): RecordedCall[] => [...w.a.fake.callsTo(method), ...w.b.fake.callsTo(method)];
const ephemeralsTo = (w: World, user: string) => calls(w, 'chat.postEphemeral').filter((c) => c.body.user === user).map((c) => blocksText(c.body.blocks));
const lastUpdate = (w: World, ts: string) => calls(w, 'chat.update').filter((c) => c.body.ts === ts).sort((x, y) => x.at - y.at).at(-1);

/** A "Propose fix" reference as an answer's button would carry, clicked on replica a; returns the posted request. */
async function requestPosted(w: World, action: string, params: Record<string, string>): Promise<{ id: string; ts: string; text: string; blocks: unknown[] }> {
  const ref = await w.a.slack.services.fix!.proposals.save({ action, context: CONTEXT, entryId: 'test-entry', params, ask: [], channel: CHANNEL, threadTs: '1699999999.000100' });
  await w.a.action(click(`${ACTION_IDS.proposeFix}:0`, ref, REQUESTER));
  await idle(w);
  const posted = calls(w, 'chat.postMessage').at(-1);
  if (!posted) throw new Error(`no approval request posted; ephemerals: ${ephemeralsTo(w, REQUESTER).join(' | ')}`);
  const approve = (posted.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.approveFix);
  return { id: approve!.value, ts: String(posted.response!.ts), text: blocksText(posted.body.blocks), blocks: posted.body.blocks as unknown[] };
}

const WEBHOOK_PASTE =
  'Internal error occurred: failed calling webhook "vcluster.kb.io": failed to call webhook: Post "https://webhook-service.kube-system.svc:443/validate-baremetal-cluster-gke-io-v1-cluster?timeout=10s": x509: certificate signed by unknown authority';

describe('Propose fix buttons in the answer', () => {
  const twoClusters: ClusterChecker = {
    listContexts: () => ['abm-edge', 'abm-lab'],
    collect: async (names) => (names ?? ['abm-edge', 'abm-lab']).map((context) => ({ context, ok: true as const, facts: { context } })),
    checkApplicability: (_entry, facts) =>
      (facts as { context: string }).context === 'abm-edge' ? { verdict: 'affected', reasons: ['1.13.1'] } : { verdict: 'not-affected', reasons: ['1.16.0, past the fix'] },
  };
  const proposeButtons = (call: RecordedCall) =>
    (call.body.blocks as { elements?: { action_id?: string; text?: { text: string } }[] }[])
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id?.startsWith(ACTION_IDS.proposeFix))
      .map((e) => e.text!.text);

  test('one per cluster that is not not-affected when actions are on, and none when they are off', async () => {
    const noCluster = () => {
      throw new Error('nothing is planned by showing an answer');
    };
    const config: ActionsConfig = {
      enabled: true, approvers: { userIds: [APPROVER_1], groupIds: [] }, killSwitch: () => false, freezeWindows: [], budgetPerHour: 3, expiryMs: 15 * 60_000,
      nodeActionsEnabled: false, nodeActionImage: 'x', nodeActionNamespace: 'x', verifyTimeoutMs: 2000, impersonation: new Map(), auditFile: '-',
    };
    const on = await startHarness({ clusters: twoClusters, fixActions: { config, actions: ACTIONS_BY_ID, actionContext: noCluster, auditSink: { write: () => undefined, close: () => undefined } } });
    const off = await startHarness({ clusters: twoClusters });
    try {
      await on.command(WEBHOOK_PASTE, 'on', { user_id: REQUESTER, channel_id: CHANNEL });
      await off.command(WEBHOOK_PASTE, 'off', { user_id: REQUESTER, channel_id: CHANNEL });
      const [withActions] = await on.fake.waitFor((c) => c.method === 'respond' && c.id === 'on' && blocksText(c.body.blocks).includes('abm-lab'));
      const [without] = await off.fake.waitFor((c) => c.method === 'respond' && c.id === 'off' && blocksText(c.body.blocks).includes('abm-lab'));
      expect(proposeButtons(withActions!)).toEqual(['Propose fix: Restart a controller-owned pod (abm-edge)']);
      expect(proposeButtons(without!)).toEqual([]);
    } finally {
      await on.stop();
      await off.stop();
    }
  });
});

describe('fix actions in Slack', () => {
  test('the full flow from the answer: Propose fix, the modal, the approval request in the thread, refusals, and an approver runs it once', async () => {
    const w = await start(anetd());
    await w.a.command(WEBHOOK_PASTE, 'cmd-1', { user_id: REQUESTER, channel_id: CHANNEL });
    const [answer] = await w.a.fake.waitFor((c) => c.method === 'respond' && c.id === 'cmd-1' && JSON.stringify(c.body).includes(ACTION_IDS.proposeFix));
    const buttons = (answer!.body.blocks as { elements?: { action_id: string; value: string; text: { text: string } }[] }[]).flatMap((b) => b.elements ?? []);
    const propose = buttons.find((e) => e.action_id?.startsWith(ACTION_IDS.proposeFix))!;
    expect(propose.text.text).toBe('Propose fix: Restart a controller-owned pod (abm-edge)');
    expect(propose.value).toMatch(/^[0-9a-f]{24}$/);

    // The reference is bound to the channel of the answer: pressed in another channel it proposes nothing.
    await w.b.action(click(propose.action_id, propose.value, STRANGER, undefined, 'C0OTHER01'));
    await idle(w);
    expect(ephemeralsTo(w, STRANGER).at(-1)).toContain('This button belongs to an answer made for someone else or for another message');
    expect(calls(w, 'views.open')).toHaveLength(0);

    // The pod is the person's to name: a modal asks, and the server checks the name against the schema.
    await w.b.action(click(propose.action_id, propose.value, REQUESTER));
    await idle(w);
    const [opened] = calls(w, 'views.open');
    const view = JSON.parse(String(opened!.body.view)) as { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe(VIEW_IDS.fixParams);
    expect(view.blocks.map((b) => b.block_id)).toContain('pod');
    const bad = await w.b.action(submission(VIEW_IDS.fixParams, view.private_metadata, REQUESTER, { pod: 'anetd-x7k2p; rm -rf /' }));
    expect(JSON.parse(bad.body)).toEqual({ response_action: 'errors', errors: { pod: expect.stringMatching(/^Not a valid pod/) } });
    expect(calls(w, 'chat.postMessage')).toHaveLength(0);
    await w.b.action(submission(VIEW_IDS.fixParams, view.private_metadata, REQUESTER, { pod: 'anetd-x7k2p' }));
    await idle(w);

    const [posted] = calls(w, 'chat.postMessage');
    expect(blockKitViolations(posted!.body as { text: string; blocks: unknown[] })).toEqual([]);
    const text = blocksText(posted!.body.blocks);
    expect(posted!.body.channel).toBe(CHANNEL);
    expect(text).toContain('Waiting for approval');
    expect(text).toContain('*Cluster:* `abm-edge`   *Risk:* medium');
    expect(text).toContain(`*Requested by:* <@${REQUESTER}>`);
    expect(text).toContain(`*Who may approve:* <@${APPROVER_1}>, <@${APPROVER_2}>, <!subteam^S0ONCALL> (never the requester)`);
    expect(text).toContain('*Approvals:* 0 of 1');
    expect(text).toMatch(/\*Expires:\* <!date\^\d+\^/);
    expect(text).toContain('DELETE Pod kube-system/anetd-x7k2p');
    const elements = (posted!.body.blocks as { type: string; elements?: { action_id: string; value: string; confirm?: unknown }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    const requestId = elements.find((e) => e.action_id === ACTION_IDS.approveFix)!.value;
    expect(requestId).toMatch(/^req_/);
    expect(elements.map((e) => [e.action_id, e.value])).toEqual([
      [ACTION_IDS.approveFix, requestId],
      [ACTION_IDS.rejectFix, requestId],
      [ACTION_IDS.cancelFix, requestId],
    ]);
    expect(elements[0]!.confirm).toBeDefined();
    expect(mutations(w)).toEqual([]);
    const ts = String(posted!.response!.ts);

    await w.a.action(click(ACTION_IDS.approveFix, requestId, REQUESTER, { ts }));
    await w.b.action(click(ACTION_IDS.approveFix, requestId, STRANGER, { ts }));
    await idle(w);
    expect(ephemeralsTo(w, REQUESTER).at(-1)).toContain('you proposed this fix');
    expect(ephemeralsTo(w, STRANGER).at(-1)).toContain('you are not an approver for fix actions');
    expect(mutations(w)).toEqual([]);

    await w.b.action(click(ACTION_IDS.approveFix, requestId, GROUP_MEMBER, { ts }));
    await idle(w);
    expect(mutations(w)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
    const updated = lastUpdate(w, ts)!;
    expect(updated.body.channel).toBe(CHANNEL);
    const done = blocksText(updated.body.blocks);
    expect(done).toContain('Done');
    expect(done).toContain(`*Approvals:* 1 of 1: <@${GROUP_MEMBER}>`);
    expect(done).toMatch(/\*Check:\* :white_check_mark: .*replaced it and is Ready/);
    expect(done).toContain('Buttons disabled: this request is succeeded');
    expect(calls(w, 'respond').filter((c) => c.id !== 'cmd-1')).toEqual([]);
    const metrics = await (await fetch(`${w.b.healthUrl}/metrics`)).text();
    expect(metrics).toMatch(/k8sfix_fix_actions_total\{action="restart-controller-pod",state="dry_run"\} 1/);
    expect(metrics).toMatch(/k8sfix_fix_actions_total\{action="restart-controller-pod",state="executed"\} 1/);
    expect(metrics).toMatch(/k8sfix_fix_actions_total\{action="restart-controller-pod",state="refused"\} 1/);
  });

  test('when the workspace cannot read user groups, that is said once at start and only the user ids approve', async () => {
    const w = await start(anetd(), redis.url, {}, { 'usergroups.users.list': 'paid_only' });
    const said = [...w.a.logger.lines, ...w.b.logger.lines].filter((l) => l.includes('usergroups.users.list (paid_only)'));
    expect(said).toHaveLength(2); // once per replica
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    await w.a.action(click(ACTION_IDS.approveFix, request.id, GROUP_MEMBER, { ts: request.ts }));
    await idle(w);
    expect(ephemeralsTo(w, GROUP_MEMBER).at(-1)).toContain('you are not an approver for fix actions');
    expect(mutations(w)).toEqual([]);
    await w.b.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    await idle(w);
    expect(mutations(w)).toHaveLength(1);
  });

  test('the disruption budget blocks once the hour has had its disruptive actions', async () => {
    const w = await start(anetd(), redis.url, { budgetPerHour: 0 });
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    await w.a.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    await idle(w);
    expect(blocksText(lastUpdate(w, request.ts)!.body.blocks)).toContain('Blocked: a rule refused it at execution, nothing was run');
    expect(ephemeralsTo(w, APPROVER_1).at(-1)).toContain('cluster abm-edge already had 0 disruptive fix actions in the last hour');
    expect(mutations(w)).toEqual([]);
  });

  test('the same Approve delivered to both replicas and clicked twice executes once', async () => {
    const w = await start(anetd());
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    const approve = click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts });
    await Promise.all([w.a.action(approve), w.b.action(approve), w.a.action(approve), w.b.action(approve)]);
    await idle(w);
    expect(mutations(w)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
    expect(blocksText(lastUpdate(w, request.ts)!.body.blocks)).toContain('Done');
  });

  test('a request nobody clicks shows Expired, its buttons gone, when its time is up; one approved in time says Running, then Done, and stays Done', async () => {
    const w = await start(anetd(), redis.url, { expiryMs: 300 });
    const unclicked = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    expect(calls(w, 'chat.update').filter((c) => c.body.ts === unclicked.ts)).toEqual([]);
    // The replica's timer fires 300 ms after the post; by the store's clock the request is then past its time.
    w.clock.now += 301;
    const [update] = await w.a.fake.waitFor((c) => c.method === 'chat.update' && c.body.ts === unclicked.ts);
    const text = blocksText(update!.body.blocks);
    expect(text).toContain('Expired: nobody approved it in time');
    expect(JSON.stringify(update!.body.blocks)).not.toContain(ACTION_IDS.approveFix);
    // Nobody clicked, so nobody gets a private note.
    expect(calls(w, 'chat.postEphemeral')).toEqual([]);

    // Approved and run before its time, a request stays "Done" when the time comes.
    const approvedInTime = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    await w.b.action(click(ACTION_IDS.approveFix, approvedInTime.id, APPROVER_1, { ts: approvedInTime.ts }));
    await idle(w);
    // The message said "Running", its buttons gone, as soon as the run began sending; then "Done".
    const shown = calls(w, 'chat.update').filter((c) => c.body.ts === approvedInTime.ts).sort((x, y) => x.at - y.at);
    expect(shown.map((c) => blocksText(c.body.blocks).match(/:gear: Running|:white_check_mark: Done/)?.[0])).toEqual([':gear: Running', ':white_check_mark: Done']);
    expect(JSON.stringify(shown[0]!.body.blocks)).not.toContain(ACTION_IDS.approveFix);
    const updatesBefore = calls(w, 'chat.update').filter((c) => c.body.ts === approvedInTime.ts).length;
    w.clock.now += 301;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await idle(w);
    expect(calls(w, 'chat.update').filter((c) => c.body.ts === approvedInTime.ts)).toHaveLength(updatesBefore);
    expect(blocksText(lastUpdate(w, approvedInTime.ts)!.body.blocks)).toContain('Done');
    expect(mutations(w)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
  });

  test('a request whose replica stopped says Expired on time all the same: a replica started afterwards finds it in the audit trail', async () => {
    const w = await start(anetd(), redis.url, { expiryMs: 400 });
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    // Replica a posted it and stops (a deploy); b started before the request and reads the trail again only in a minute.
    await w.stop(w.a);
    const c = await w.replica('c');
    w.clock.now += 401;
    const [update] = await c.fake.waitFor((call) => call.method === 'chat.update' && call.body.ts === request.ts);
    expect(blocksText(update!.body.blocks)).toContain('Expired: nobody approved it in time');
    expect(JSON.stringify(update!.body.blocks)).not.toContain(ACTION_IDS.approveFix);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.b.fake.callsTo('chat.update')).toEqual([]);
    expect(mutations(w)).toEqual([]);
  });

  test('a replica already running picks up requests other replicas post; when several have a timer, the message is updated once', async () => {
    const w = await start(anetd(), redis.url, { expiryMs: 600 }, {}, { followEveryMs: 50 });
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    // Replica b learns of a's request within one read of the trail.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const c = await w.replica('c');
    await w.stop(w.a);
    w.clock.now += 601;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const updates = [...w.b.fake.callsTo('chat.update'), ...c.fake.callsTo('chat.update')].filter((call) => call.body.ts === request.ts);
    expect(updates).toHaveLength(1);
    expect(blocksText(updates[0]!.body.blocks)).toContain('Expired: nobody approved it in time');
    // The trail records one expiry, by k8sfix.
    const trail = (await w.b.slack.services.fix!.store.readLog(AUDIT_LOG)).map((line) => JSON.parse(line) as { requestId: string; event: string });
    expect(trail.filter((record) => record.requestId === request.id).map((record) => record.event)).toEqual(['proposed', 'previewed', 'expired']);
  });

  test('a run cut off by its replica stopping: when the time comes the message says Failed, interrupted, and that the change may have been sent', async () => {
    // Replica b runs the fix, sends the delete, then waits for a replacement pod that never comes: it is as good as stopped.
    const w = await start(anetd(), redis.url, { expiryMs: 1500 }, {}, { resources: { replacePods: false }, contexts: { b: { sleep: () => new Promise<void>(() => undefined) } } });
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    void w.b.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    for (let i = 0; i < 300 && mutations(w).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mutations(w)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
    // By the time replica a's timer fires, the longest a run takes (15 minutes and the verify timeout) has passed.
    w.clock.now += 16 * 60_000 + 2000;
    const [update] = await w.a.fake.waitFor((c) => c.method === 'chat.update' && c.body.ts === request.ts);
    const text = blocksText(update!.body.blocks);
    expect(text).toContain('Failed');
    expect(text).toContain('interrupted while it ran: the k8sfix replica running it stopped before it finished, so its change may or may not have reached the cluster');
    expect(JSON.stringify(update!.body.blocks)).not.toContain(ACTION_IDS.approveFix);
    expect(mutations(w)).toEqual(['DELETE /api/v1/namespaces/kube-system/pods/anetd-x7k2p']);
  });

  test('an expired request is refused and its buttons are greyed out', async () => {
    const w = await start(anetd());
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    w.clock.now += 15 * 60_000 + 1;
    await w.b.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    await idle(w);
    expect(ephemeralsTo(w, APPROVER_1).at(-1)).toMatch(/this request expired at .*\n\*Next:\* propose the fix again for a fresh plan/);
    const updated = blocksText(lastUpdate(w, request.ts)!.body.blocks);
    expect(updated).toContain('Expired: nobody approved it in time');
    expect(updated).toContain('Buttons disabled: this request is expired');
    expect(JSON.stringify(lastUpdate(w, request.ts)!.body.blocks)).not.toContain(ACTION_IDS.approveFix);
    expect(mutations(w)).toEqual([]);
  });

  test('a tampered or unknown request id is refused, escaped, and nothing runs', async () => {
    const w = await start(anetd());
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    // On the live request's own message: a value that is not on it never changes that message.
    for (const value of [`req_${'0'.repeat(32)}`, `${request.id}x`, 'restart-controller-pod kube-system <!channel>']) {
      await w.a.action(click(ACTION_IDS.approveFix, value, APPROVER_1, { ts: request.ts, blocks: request.blocks }));
    }
    await idle(w);
    const notes = ephemeralsTo(w, APPROVER_1);
    expect(notes).toHaveLength(3);
    for (const note of notes) expect(note).toMatch(/no such request|not a fix-action request id/);
    expect(notes.join('\n')).not.toContain('<!channel>');
    expect(calls(w, 'chat.update')).toEqual([]);
    expect(mutations(w)).toEqual([]);
  });

  test('a request Redis lost (it restarted empty): a click on its Approve takes the buttons off its message for everyone, keeps the preview, and runs nothing', async () => {
    const own = await startRedisServer();
    const admin = new Redis(own.url);
    try {
      const w = await start(anetd(), own.url);
      const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
      await admin.flushall();
      await w.b.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts, blocks: request.blocks }));
      await idle(w);
      expect(ephemeralsTo(w, APPROVER_1).at(-1)).toMatch(/no such request/);
      const updated = lastUpdate(w, request.ts)!.body;
      const text = blocksText(updated.blocks);
      expect(text).toContain('delete pod kube-system/anetd-x7k2p on node edge-node-1');
      expect(text).toContain("Buttons removed: this request is no longer in k8sfix's store (Redis restarted empty, or it was removed after a week)");
      expect(JSON.stringify(updated.blocks)).not.toContain(ACTION_IDS.approveFix);
      expect(blockKitViolations(updated as { text: string; blocks: unknown[] })).toEqual([]);
      expect(mutations(w)).toEqual([]);
    } finally {
      admin.disconnect();
      await own.stop();
    }
  });

  test('the target replaced between plan and approval: stale, the message says what changed, no mutation', async () => {
    const w = await start(anetd());
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    const old = w.cluster.resources.get('v1', 'Pod', 'anetd-x7k2p', 'kube-system')!;
    w.cluster.resources.put({ ...old, metadata: { ...old.metadata, uid: 'replaced-uid' } });
    await w.b.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    await idle(w);
    const updated = blocksText(lastUpdate(w, request.ts)!.body.blocks);
    expect(updated).toContain('Stale: the cluster changed after the plan, nothing was run');
    expect(updated).toMatch(/Pod kube-system\/anetd-x7k2p was replaced \(uid .+ is now replaced-uid\)/);
    expect(ephemeralsTo(w, APPROVER_1).at(-1)).toContain('propose the fix again');
    expect(mutations(w)).toEqual([]);

    // The stale message offers a new proposal, planned afresh against the pod as it now is.
    const again = (lastUpdate(w, request.ts)!.body.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    expect(again.map((e) => e.text.text)).toEqual(['Propose again (a new plan)']);
    const before = calls(w, 'chat.postMessage').length;
    await w.b.action(click(again[0]!.action_id, again[0]!.value, APPROVER_2));
    await idle(w);
    const reposted = calls(w, 'chat.postMessage');
    expect(reposted).toHaveLength(before + 1);
    expect(blocksText(reposted.at(-1)!.body.blocks)).toContain('uid=replaced-uid');
    expect(mutations(w)).toEqual([]);
  });

  test('the kill switch blocks an approved request before anything runs', async () => {
    const w = await start(anetd());
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    w.env.killSwitch = true;
    await w.a.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    await idle(w);
    expect(blocksText(lastUpdate(w, request.ts)!.body.blocks)).toContain('Blocked: a rule refused it at execution, nothing was run');
    expect(ephemeralsTo(w, APPROVER_1).at(-1)).toMatch(/kill switch/i);
    expect(mutations(w)).toEqual([]);
  });

  test('Redis stopped mid-flow: the approval fails closed and nothing executes', async () => {
    const own = await startRedisServer();
    const w = await start(anetd(), own.url);
    const request = await requestPosted(w, 'restart-controller-pod', { namespace: 'kube-system', pod: 'anetd-x7k2p' });
    await own.stop();
    await w.b.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    await idle(w);
    expect(ephemeralsTo(w, APPROVER_1).at(-1)).toContain('the shared store (Redis) cannot be reached, and fix actions never run without it');
    expect(mutations(w)).toEqual([]);
  });

  test('high risk: two approvers, each giving a reason in a modal; then Undo is a request of its own', async () => {
    const w = await start([validatingWebhook('policy-agent-validating')]);
    const request = await requestPosted(w, 'delete-webhook-configuration', { kind: 'validating', name: 'policy-agent-validating' });
    expect(request.text).toContain('*Approvals:* 0 of 2');
    expect(request.text).toContain('each approval needs a reason');

    await w.a.action(click(ACTION_IDS.approveFix, request.id, APPROVER_1, { ts: request.ts }));
    await idle(w);
    const view = JSON.parse(String(calls(w, 'views.open').at(-1)!.body.view)) as { callback_id: string; private_metadata: string };
    expect(view).toEqual(expect.objectContaining({ callback_id: VIEW_IDS.approveReason, private_metadata: request.id }));
    expect(mutations(w)).toEqual([]);
    await w.a.action(submission(VIEW_IDS.approveReason, request.id, APPROVER_1, { reason: 'blocks anetd pods on every node' }));
    await idle(w);
    expect(blocksText(lastUpdate(w, request.ts)!.body.blocks)).toContain(`*Approvals:* 1 of 2: <@${APPROVER_1}> (“blocks anetd pods on every node”)`);
    expect(mutations(w)).toEqual([]);

    await w.b.action(submission(VIEW_IDS.approveReason, request.id, APPROVER_1, { reason: 'again' }));
    await idle(w);
    expect(ephemeralsTo(w, APPROVER_1).at(-1)).toContain('you already approved this request');
    await w.b.action(submission(VIEW_IDS.approveReason, request.id, APPROVER_2, { reason: 'agreed, INC-4411' }));
    await idle(w);
    expect(mutations(w)).toEqual(['DELETE /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/policy-agent-validating']);
    const done = lastUpdate(w, request.ts)!;
    expect(blocksText(done.body.blocks)).toContain('Done');
    const undo = (done.body.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.undoFix);
    expect(undo?.value).toBe(request.id);

    await w.a.action(click(ACTION_IDS.undoFix, request.id, REQUESTER, { ts: request.ts, threadTs: '1699999999.000100' }));
    await idle(w);
    const undoPosted = calls(w, 'chat.postMessage').at(-1)!;
    expect(undoPosted.body.thread_ts).toBe('1699999999.000100');
    expect(blocksText(undoPosted.body.blocks)).toContain('Fix (undo): ');
    expect(blocksText(undoPosted.body.blocks)).toContain('*Approvals:* 0 of 2');
  });
});
