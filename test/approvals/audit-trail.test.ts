import { describe, expect, test } from '@jest/globals';
import { createAuditSink } from '../../src/approvals/audit-sink.js';
import { AUDIT_LOG, createAuditTrail } from '../../src/approvals/audit-trail.js';
import { MemoryStore } from '../../src/store/memory-store.js';

describe('the audit trail', () => {
  test('a last line that is no record (written by something else) refuses the next record with a reason, and writes nothing', async () => {
    const store = new MemoryStore();
    const written: string[] = [];
    const audit = createAuditTrail(store, createAuditSink('-', (text) => void written.push(text)));
    await audit.append({ requestId: 'req_one', event: 'proposed', actor: 'U0REQUESTER', state: 'proposed' });
    await store.appendLog(AUDIT_LOG, 1, 'null');
    await expect(audit.append({ requestId: 'req_one', event: 'previewed', actor: 'k8sfix', state: 'pending' })).rejects.toThrow(
      'the last record of the shared audit trail is not an audit record, so nothing can chain to it; nothing was recorded',
    );
    expect(await store.readLog(AUDIT_LOG)).toHaveLength(2);
    expect(written).toHaveLength(1);
  });
});
