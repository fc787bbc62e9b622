import { describe, expect, test } from '@jest/globals';
import { hashRecord } from '../../src/approvals/audit-record.js';
import { verifyMergedAuditTrail, type TrailSource } from '../../src/approvals/verify-merged-audit-trail.js';
import { twoReplicaTrail } from '../support/two-replica-trail.js';

describe('verifyMergedAuditTrail', () => {
  test("the replicas' files together are one intact chain, whatever the order, with other log lines among them and copies counted once", async () => {
    const { a, b } = await twoReplicaTrail();
    expect(verifyMergedAuditTrail([a, b])).toEqual({ ok: true, records: 6, chains: 1, otherLines: 0 });
    const exported: TrailSource = {
      name: 'export.jsonl',
      lines: [b.lines[2]!, '{"level":30,"msg":"answered a paste"}', ...a.lines.reverse(), b.lines[0]!, b.lines[1]!, a.lines[0]!],
    };
    expect(verifyMergedAuditTrail([exported])).toEqual({ ok: true, records: 6, chains: 1, otherLines: 1 });
  });

  test('one replica\'s file alone is missing the other\'s records, and says which', async () => {
    const { a } = await twoReplicaTrail();
    expect(verifyMergedAuditTrail([a])).toEqual({
      ok: false,
      problem: 'removed',
      message: 'record 5, which record 6 (a.jsonl:3) follows, is in none of the files: it was removed, or a file is missing',
    });
  });

  test('an edited record, a re-hashed one, a cut line and an added one are each named', async () => {
    const { a, b } = await twoReplicaTrail();
    const edit = (line: string, change: (record: Record<string, unknown>) => Record<string, unknown>) => JSON.stringify(change(JSON.parse(line) as Record<string, unknown>));
    const edited = { ...b, lines: b.lines.map((line, i) => (i === 0 ? edit(line, (r) => ({ ...r, actor: 'U0SOMEONEELSE' })) : line)) };
    expect(verifyMergedAuditTrail([a, edited])).toEqual(expect.objectContaining({ ok: false, problem: 'changed', message: 'record 3 (b.jsonl:1) was changed: its content no longer matches its hash' }));
    const rehash = (r: Record<string, unknown>) => {
      const body: Record<string, unknown> = { ...r, actor: 'U0SOMEONEELSE' };
      delete body['hash'];
      return { ...body, hash: hashRecord(body as never) };
    };
    const rehashed = { ...b, lines: b.lines.map((line, i) => (i === 0 ? edit(line, rehash) : line)) };
    expect(verifyMergedAuditTrail([a, rehashed])).toEqual(expect.objectContaining({ ok: false, problem: 'removed' }));
    const cut = { ...b, lines: [b.lines[0]!.slice(0, 40), ...b.lines.slice(1)] };
    expect(verifyMergedAuditTrail([a, cut])).toEqual(expect.objectContaining({ ok: false, problem: 'unreadable', message: 'b.jsonl:1 is not JSON: a record there was changed or cut' }));
    // A record slipped in after record 2, with a valid hash of its own: two records now follow record 2.
    const second = JSON.parse(a.lines[1]!) as { hash: string };
    const body = { seq: 3, at: '2026-12-02T10:00:00.000Z', requestId: 'req_one', event: 'approved', actor: 'U0INTRUDER', prev: second.hash };
    const added = { name: 'added.jsonl', lines: [JSON.stringify({ ...body, hash: hashRecord(body) })] };
    expect(verifyMergedAuditTrail([a, b, added])).toEqual(expect.objectContaining({ ok: false, problem: 'forked' }));
  });

  test('a trail the store lost and restarted reads as two chains, the second starting with trail-restarted', async () => {
    const { a, b } = await twoReplicaTrail('after-4');
    const verdict = verifyMergedAuditTrail([a, b]);
    expect(verdict).toEqual({ ok: true, records: 7, chains: 2, otherLines: 0 });
    expect([...a.lines, ...b.lines].map((line) => (JSON.parse(line) as { event: string }).event)).toContain('trail-restarted');
  });
});
