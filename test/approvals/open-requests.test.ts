import { describe, expect, test } from '@jest/globals';
import { createAuditSink } from '../../src/approvals/audit-sink.js';
import { AUDIT_LOG, createAuditTrail } from '../../src/approvals/audit-trail.js';
import { OpenRequestsFeed } from '../../src/approvals/open-requests.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { flakyLogStore } from '../support/flaky-log-store.js';

const EXPIRES = '2026-12-02T10:15:00.000Z';
const discard = createAuditSink('-', () => undefined);

/** Writes what the approvals module writes for a request through the real audit trail. */
async function lifecycle(store: MemoryStore, requestId: string, events: [event: string, state: string][]): Promise<void> {
  const audit = createAuditTrail(store, discard);
  for (const [event, state] of events) {
    await audit.append({ requestId, event, actor: 'k8sfix', state, ...(event === 'previewed' ? { detail: { hash: 'h', expiresAt: EXPIRES } } : {}) });
  }
}

describe('OpenRequestsFeed', () => {
  test('names the requests waiting for approval or being run, each once, and never one that ended', async () => {
    const store = new MemoryStore();
    await lifecycle(store, 'req_waiting', [['proposed', 'proposed'], ['previewed', 'pending']]);
    await lifecycle(store, 'req_running', [['proposed', 'proposed'], ['previewed', 'pending'], ['approved', 'approved'], ['executing', 'executing']]);
    await lifecycle(store, 'req_done', [['proposed', 'proposed'], ['previewed', 'pending'], ['executing', 'executing'], ['verified', 'succeeded']]);
    await lifecycle(store, 'req_rejected', [['proposed', 'proposed'], ['previewed', 'pending'], ['rejected', 'rejected']]);
    await lifecycle(store, 'req_plan_failed', [['proposed', 'proposed'], ['plan-failed', 'failed']]);
    const feed = new OpenRequestsFeed(store);
    const at = Date.parse(EXPIRES);
    expect(await feed.newlyOpen()).toEqual([
      { id: 'req_waiting', expiresAt: at },
      { id: 'req_running', expiresAt: at },
    ]);
    // Read again: nothing new.
    expect(await feed.newlyOpen()).toEqual([]);
    // A request posted since is named once; one that ends is not named again.
    await lifecycle(store, 'req_later', [['proposed', 'proposed'], ['previewed', 'pending']]);
    await lifecycle(store, 'req_waiting', [['expired', 'expired']]);
    expect(await feed.newlyOpen()).toEqual([{ id: 'req_later', expiresAt: at }]);
  });

  test('a trail the store lost and began again is read from its start: at once when it outgrows the old one, within the quiet reads when it is shorter', async () => {
    const store = new MemoryStore();
    const feed = new OpenRequestsFeed(store, 2);
    const at = Date.parse(EXPIRES);
    await lifecycle(store, 'req_before', [['proposed', 'proposed'], ['previewed', 'pending'], ['approved', 'approved'], ['executing', 'executing']]);
    expect(await feed.newlyOpen()).toEqual([{ id: 'req_before', expiresAt: at }]);
    // Redis comes back empty; the new trail has one request so far, in fewer records than the feed had read.
    await store.delete(AUDIT_LOG);
    await lifecycle(store, 'req_short', [['proposed', 'proposed'], ['previewed', 'pending']]);
    expect(await feed.newlyOpen()).toEqual([]);
    expect(await feed.newlyOpen()).toEqual([{ id: 'req_short', expiresAt: at }]);
    // Lost again, and the new trail is longer than the one read when the feed next looks.
    await store.delete(AUDIT_LOG);
    await lifecycle(store, 'req_long', [['proposed', 'proposed'], ['previewed', 'pending']]);
    await lifecycle(store, 'req_other', [['proposed', 'proposed'], ['previewed', 'pending']]);
    expect(await feed.newlyOpen()).toEqual([
      { id: 'req_long', expiresAt: at },
      { id: 'req_other', expiresAt: at },
    ]);
  });

  test('skips lines of the trail that are not records', async () => {
    const store = new MemoryStore();
    await lifecycle(store, 'req_waiting', [['proposed', 'proposed'], ['previewed', 'pending']]);
    await store.appendLog(AUDIT_LOG, 2, 'not json');
    await store.appendLog(AUDIT_LOG, 3, '{"event":"previewed"}');
    await store.appendLog(AUDIT_LOG, 4, 'null');
    expect(await new OpenRequestsFeed(store).newlyOpen()).toEqual([{ id: 'req_waiting', expiresAt: Date.parse(EXPIRES) }]);
  });

  test('after a failed read, the next one reads the same records again', async () => {
    const { store, flaky, setDown } = flakyLogStore();
    const feed = new OpenRequestsFeed(flaky);
    expect(await feed.newlyOpen()).toEqual([]);
    await lifecycle(store, 'req_during_outage', [['proposed', 'proposed'], ['previewed', 'pending']]);
    setDown(true);
    await expect(feed.newlyOpen()).rejects.toThrow('store unreachable');
    setDown(false);
    expect(await feed.newlyOpen()).toEqual([{ id: 'req_during_outage', expiresAt: Date.parse(EXPIRES) }]);
  });
});
