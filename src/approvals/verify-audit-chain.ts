import { GENESIS_HASH, hashRecord, type AuditRecord } from './audit-record.js';

export type ChainProblem = 'unreadable' | 'changed' | 'removed' | 'reordered';

export type ChainVerdict =
  | { ok: true; records: number }
  | { ok: false; problem: ChainProblem; line: number; seq?: number; message: string };

/**
 * Checks a trail's lines in order: each record's own hash, its place (seq), and that it chains to the record
 * before. Names the first record that was changed, removed or reordered.
 */
export function verifyAuditChain(lines: readonly string[]): ChainVerdict {
  const records: (AuditRecord | undefined)[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      records.push(JSON.parse(line) as AuditRecord);
    } catch {
      return { ok: false, problem: 'unreadable', line: i + 1, message: `line ${i + 1} is not a JSON record: it was changed or cut` };
    }
  }
  const seqs = new Set(records.map((r) => r?.seq));
  let prevHash = GENESIS_HASH;
  let expected = 1;
  for (const [i, record] of records.entries()) {
    const line = i + 1;
    if (!record || typeof record.seq !== 'number' || typeof record.hash !== 'string') {
      return { ok: false, problem: 'unreadable', line, message: `line ${line} is not an audit record` };
    }
    const { hash, ...body } = record;
    if (hashRecord(body) !== hash) {
      return { ok: false, problem: 'changed', line, seq: record.seq, message: `record ${record.seq} (line ${line}) was changed: its content no longer matches its hash` };
    }
    if (record.seq > expected) {
      if (seqs.has(expected)) {
        return { ok: false, problem: 'reordered', line, seq: record.seq, message: `record ${record.seq} (line ${line}) is out of order: record ${expected} should come first` };
      }
      const gap = record.seq - 1 === expected ? `record ${expected} was` : `records ${expected} to ${record.seq - 1} were`;
      return { ok: false, problem: 'removed', line, seq: expected, message: `${gap} removed before line ${line}` };
    }
    if (record.seq < expected) {
      return { ok: false, problem: 'reordered', line, seq: record.seq, message: `record ${record.seq} (line ${line}) is out of order: it comes after record ${expected - 1}` };
    }
    if (record.prev !== prevHash) {
      return i === 0
        ? { ok: false, problem: 'changed', line, seq: record.seq, message: `record ${record.seq} (line ${line}) does not start the chain` }
        : { ok: false, problem: 'changed', line: line - 1, seq: record.seq - 1, message: `record ${record.seq - 1} (line ${line - 1}) was changed: record ${record.seq} chains to a different hash` };
    }
    prevHash = hash;
    expected = record.seq + 1;
  }
  return { ok: true, records: records.length };
}
