import { describe, expect, test } from '@jest/globals';
import { createAuditSink } from '../../src/approvals/audit-sink.js';
import { createAuditTrail } from '../../src/approvals/audit-trail.js';
import { OpenRequestsFeed } from '../../src/approvals/open-requests.js';
import { ExpiryTimers, type DueOutcome } from '../../src/slack/expiry-timers.js';
import { followOpenRequests } from '../../src/slack/follow-open-requests.js';
import { flakyLogStore } from '../support/flaky-log-store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('followOpenRequests', () => {
  test('gives requests in the trail a timer; while the store is away it reports that once, and catches up when it is back', async () => {
    const { store, flaky, setDown } = flakyLogStore();
    setDown(true);
    const audit = createAuditTrail(store, createAuditSink('-', () => undefined));
    const soon = new Date(Date.now() + 50).toISOString();
    await audit.append({ requestId: 'req_one', event: 'previewed', actor: 'k8sfix', state: 'pending', detail: { expiresAt: soon } });
    const due: string[] = [];
    const timers = new ExpiryTimers(async (id): Promise<DueOutcome> => {
      due.push(id);
      return { kind: 'ended' };
    });
    const errors: unknown[] = [];
    const stop = followOpenRequests(new OpenRequestsFeed(flaky), timers, { everyMs: 20, onError: (error) => errors.push(error) });
    try {
      await sleep(150);
      expect(errors.map(String)).toEqual(['Error: store unreachable']);
      expect(due).toEqual([]);
      setDown(false);
      await sleep(150);
      expect(due).toEqual(['req_one']);
      // It went through the timers, once, although the trail was read several times since.
      await sleep(100);
      expect(due).toEqual(['req_one']);
    } finally {
      stop();
      timers.close();
    }
  });
});
