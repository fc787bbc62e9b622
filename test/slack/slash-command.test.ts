import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import type { ClusterChecker } from '../../src/slack/cluster-checker.js';
import type { Matcher } from '../../src/matcher/types.js';
import { eventCallbackBody, postSigned, slashCommandBody } from '../support/signed-request.js';
import { blocksText, IP_LEAK_PASTE, SECRET, startHarness, type Harness } from './harness.js';

/** A cluster checker standing in for real clusters: one affected, one not, one unreachable. */
const clusters: ClusterChecker = {
  listContexts: () => ['prod-eu', 'staging', 'lab'],
  collect: async (names) =>
    (names ?? ['prod-eu', 'staging', 'lab']).map((context) =>
      context === 'lab' ? { context, ok: false as const, reason: 'connection refused by 10.0.0.9:443', code: 'unreachable' } : { context, ok: true as const, facts: { context } },
    ),
  checkApplicability: (_entry, facts) =>
    (facts as { context: string }).context === 'prod-eu'
      ? { verdict: 'affected', reasons: ['pool default-pool runs 1.24.5-gke.100 (affected up to 1.24.6-gke.1500)'] }
      : { verdict: 'not-affected', reasons: ['every pool runs 1.25.3-gke.200, past the fix'] },
};

describe('/k8sfix over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clusters });
  });
  afterAll(async () => {
    await h.stop();
  });

  test('acknowledges with an empty 200, then answers privately through response_url with verdicts and a share button', async () => {
    const ack = await h.command(IP_LEAK_PASTE, 'cmd1');
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    const [reply] = await h.fake.waitFor((c) => c.method === 'respond' && c.id === 'cmd1');
    const body = reply!.body;
    expect(body.response_type).toBe('ephemeral');
    const text = blocksText(body.blocks);
    expect(text).toContain('failed to allocate for range 0');
    expect(text).toMatch(/`prod-eu` \*affected\*/);
    expect(text).toMatch(/`staging` \*not affected\*/);
    expect(text).toMatch(/`lab` \*unreachable\*: connection refused/);
    expect(text).toContain('```gcloud container clusters upgrade');
    expect(text).toContain('<https://cloud.google.com/kubernetes-engine/docs/troubleshooting/container-runtime|');
    const share = (body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ACTION_IDS.share);
    expect(share?.value).toMatch(/^[0-9a-f]{24}$/);

    // The share button posts the same answer to the channel and removes the private copy.
    await h.action({
      type: 'block_actions',
      user: { id: 'U0USER001', username: 'alice', team_id: 'T0001' },
      api_app_id: 'A0APP0001',
      token: 'x',
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0INC0001', is_ephemeral: true },
      trigger_id: '1.2.3',
      team: { id: 'T0001', domain: 'fake' },
      channel: { id: 'C0INC0001', name: 'inc-42' },
      response_url: h.fake.responseUrl('share1'),
      actions: [{ type: 'button', action_id: ACTION_IDS.share, block_id: 'k8sfix_share', value: share!.value, action_ts: '1.3', text: { type: 'plain_text', text: 'Post to channel' } }],
    });
    const shared = await h.fake.waitFor((c) => c.method === 'respond' && c.id === 'share1', 2);
    expect(shared[0]!.body.response_type).toBe('in_channel');
    expect(blocksText(shared[0]!.body.blocks)).toContain('failed to allocate for range 0');
    expect(blocksText(shared[0]!.body.blocks)).toContain('Shared by <@U0USER001>');
    expect(shared[1]!.body.delete_original).toBe(true);
  });

  test('help, clusters and a bad flag each get a private answer', async () => {
    await h.command('help', 'help1');
    await h.command('clusters', 'clusters1');
    await h.command('--lang fr oops', 'bad1');
    const [help] = await h.fake.waitFor((c) => c.id === 'help1');
    expect(blocksText(help!.body.blocks)).toContain('/k8sfix --cluster NAME');
    expect(blocksText(help!.body.blocks)).toContain('`prod-eu`, `staging`, `lab`');
    const [list] = await h.fake.waitFor((c) => c.id === 'clusters1');
    expect(blocksText(list!.body.blocks)).toContain('Connected clusters');
    expect(blocksText(list!.body.blocks)).toContain('connection refused');
    const [bad] = await h.fake.waitFor((c) => c.id === 'bad1');
    expect(blocksText(bad!.body.blocks)).toContain('--lang takes en or ko');
  });

  test('--cluster limits the check; an unknown name is pointed out', async () => {
    await h.command(`--cluster staging,nope ${IP_LEAK_PASTE}`, 'only1');
    const [reply] = await h.fake.waitFor((c) => c.id === 'only1');
    const text = blocksText(reply!.body.blocks);
    expect(text).toContain('`staging`');
    expect(text).not.toContain('`prod-eu`');
    expect(text).toContain('Unknown cluster nope');
  });

  test('a response_url answering 429 is retried after Retry-After', async () => {
    h.fake.rateLimit('respond', 1);
    await h.command(IP_LEAK_PASTE, 'limited1');
    await h.fake.waitFor((c) => c.method === 'respond' && c.id === 'limited1');
    expect(h.fake.callsTo('respond:ratelimited', 'limited1')).toHaveLength(1);
  });

  test('a forged signature and a five-minute-old timestamp are rejected, and nothing is answered', async () => {
    const body = slashCommandBody({ text: IP_LEAK_PASTE, response_url: h.fake.responseUrl('forged') });
    const forged = await postSigned(h.eventsUrl, SECRET, body, 'application/x-www-form-urlencoded', { signature: `v0=${'0'.repeat(64)}` });
    const wrongSecret = await postSigned(h.eventsUrl, 'not-the-secret', body, 'application/x-www-form-urlencoded');
    const stale = await postSigned(h.eventsUrl, SECRET, body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 1 });
    const staleEvent = await postSigned(h.eventsUrl, SECRET, eventCallbackBody({ type: 'app_mention', channel: 'C1', user: 'U1', text: 'x', ts: '1.1' }), 'application/json', {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect([forged.status, wrongSecret.status, stale.status, staleEvent.status]).toEqual([401, 401, 401, 401]);
    await h.idle();
    expect(h.fake.callsTo('respond', 'forged')).toHaveLength(0);
  });
});

describe('/k8sfix when something fails', () => {
  test('a failing matcher still gets the user a clear reply', async () => {
    const broken: Matcher = {
      match: () => {
        throw new Error('index corrupted');
      },
      analyze: () => {
        throw new Error('index corrupted');
      },
    };
    const h = await startHarness({ matcher: broken });
    try {
      await h.command(IP_LEAK_PASTE, 'broken1');
      const [reply] = await h.fake.waitFor((c) => c.id === 'broken1');
      expect(blocksText(reply!.body.blocks)).toContain('could not analyse this text');
    } finally {
      await h.stop();
    }
  });

  test('slow clusters: the answer comes first, and is replaced in place when the verdicts arrive', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: ClusterChecker = { ...clusters, collect: async (names) => { await gate; return clusters.collect(names); } };
    const h = await startHarness({ clusters: slow, env: { K8SFIX_CLUSTER_WAIT_MS: '0' } });
    try {
      await h.command(IP_LEAK_PASTE, 'slow1');
      const [first] = await h.fake.waitFor((c) => c.id === 'slow1');
      expect(blocksText(first!.body.blocks)).toContain('Checking 3 clusters');
      expect(first!.body.replace_original).toBe(false);
      release();
      const [, final] = await h.fake.waitFor((c) => c.id === 'slow1', 2);
      expect(final!.body.replace_original).toBe(true);
      expect(blocksText(final!.body.blocks)).toMatch(/`prod-eu` \*affected\*/);
    } finally {
      await h.stop();
    }
  });

  test('a cluster module that throws makes the verdicts unreachable, not the answer fail', async () => {
    const throwing: ClusterChecker = { ...clusters, collect: () => { throw new Error('kubeconfig vanished'); } };
    const h = await startHarness({ clusters: throwing });
    try {
      await h.command(IP_LEAK_PASTE, 'throw1');
      const [reply] = await h.fake.waitFor((c) => c.id === 'throw1');
      expect(blocksText(reply!.body.blocks)).toMatch(/`prod-eu` \*unreachable\*: cluster check failed: Error: kubeconfig vanished/);
    } finally {
      await h.stop();
    }
  });
});

