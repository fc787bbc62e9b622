import { describe, expect, test } from '@jest/globals';
import { createAuditSink } from '../../src/approvals/audit-sink.js';
import { AUDIT_LOG, createAuditTrail } from '../../src/approvals/audit-trail.js';
import { verifyAuditChain } from '../../src/approvals/verify-audit-chain.js';
import { MemoryStore } from '../../src/store/memory-store.js';

describe('the audit trail', () => {
  test('after the store lost it, a writer that last saw the old log never chains onto it, even when the new log has the length it knew', async () => {
    const store = new MemoryStore();
    const discard = createAuditSink('-', () => undefined);
    const a = createAuditTrail(store, discard);
    const b = createAuditTrail(store, discard);
    await a.append({ requestId: 'req_one', event: 'proposed', actor: 'U0REQUESTER', state: 'proposed' });
    await a.append({ requestId: 'req_one', event: 'previewed', actor: 'k8sfix', state: 'pending' });
    await b.append({ requestId: 'req_one', event: 'approved', actor: 'U0APPROVER', state: 'approved' });
    await b.append({ requestId: 'req_one', event: 'executing', actor: 'U0APPROVER', state: 'executing' });
    await store.delete(AUDIT_LOG);
    // b starts the new log (its restart record, then its own): two records, the length a last saw.
    await b.append({ requestId: 'req_one', event: 'executed', actor: 'k8sfix', state: 'executing' });
    await a.append({ requestId: 'req_one', event: 'verified', actor: 'k8sfix', state: 'succeeded' });
    const log = await store.readLog(AUDIT_LOG);
    expect(log.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual(['trail-restarted', 'executed', 'verified']);
    expect(verifyAuditChain(log)).toEqual({ ok: true, records: 3 });
  });

  test('a last line that is no record (written by something else) refuses the next record with a reason, and writes nothing', async () => {
    const store = new MemoryStore();
    const written: string[] = [];
    const audit = createAuditTrail(store, createAuditSink('-', (text) => void written.push(text)));
    await audit.append({ requestId: 'req_one', event: 'proposed', actor: 'U0REQUESTER', state: 'proposed' });
    await store.appendLog(AUDIT_LOG, 1, 'null');
    await expect(audit.append({ requestId: 'req_one', event: 'previewed', actor: 'k8sfix', state: 'pending' })).rejects.toThrow(
      'a record of the shared audit trail is not an audit record, so nothing can chain to it; nothing was recorded',
    );
    expect(await store.readLog(AUDIT_LOG)).toHaveLength(2);
    expect(written).toHaveLength(1);
  });
});
