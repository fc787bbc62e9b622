import { createAuditSink } from '../../src/approvals/audit-sink.js';
import { AUDIT_LOG, createAuditTrail } from '../../src/approvals/audit-trail.js';
import { MemoryStore } from '../../src/store/memory-store.js';

/**
 * Two replicas writing one request's trail on a shared store, each with its own file, as a deployment does; with
 * `after-4`, the store loses the trail after the fourth record (a Redis that restarted empty).
 */
export async function twoReplicaTrail(lose?: 'after-4') {
  const store = new MemoryStore();
  const files = { a: [] as string[], b: [] as string[] };
  const sink = (lines: string[]) => createAuditSink('-', (text) => void lines.push(text.trimEnd()));
  const a = createAuditTrail(store, sink(files.a));
  const b = createAuditTrail(store, sink(files.b));
  const events: [typeof a, string][] = [[a, 'proposed'], [a, 'previewed'], [b, 'approved'], [b, 'executing'], [b, 'executed'], [a, 'verified']];
  for (const [i, [trail, event]] of events.entries()) {
    if (lose === 'after-4' && i === 4) await store.delete(AUDIT_LOG);
    await trail.append({ requestId: 'req_one', event, actor: 'k8sfix', state: 'pending' });
  }
  return { a: { name: 'a.jsonl', lines: files.a }, b: { name: 'b.jsonl', lines: files.b } };
}
