import { GENESIS_HASH, hashRecord, isAuditRecord, type AuditRecord } from './audit-record.js';

/** The lines of one audit file, and the name to report them by. */
export interface TrailSource {
  name: string;
  lines: readonly string[];
}

export type MergedProblem = 'unreadable' | 'changed' | 'removed' | 'forked';

export type MergedVerdict =
  | { ok: true; records: number; chains: number; otherLines: number }
  | { ok: false; problem: MergedProblem; message: string };

interface Located {
  record: AuditRecord;
  where: string;
}

/**
 * Checks the records of several audit files together, in any order: the files of a deployment's replicas (each holds
 * the records it wrote), or a log collector's export of their output, where audit records sit among other JSON log
 * lines and may be reordered. A copy of a record counts once. Every record must match its hash, and together they
 * must form whole chains from record 1 on: one chain, and one more for each time the shared store lost the trail
 * (the new chain starts with `trail-restarted`). A line that is JSON but no audit record (another log line) is
 * skipped and counted; a line that is not JSON is an error, as a cut record would be.
 */
export function verifyMergedAuditTrail(sources: readonly TrailSource[]): MergedVerdict {
  const byHash = new Map<string, Located>();
  let otherLines = 0;
  for (const source of sources) {
    for (const [i, line] of source.lines.entries()) {
      const where = `${source.name}:${i + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return { ok: false, problem: 'unreadable', message: `${where} is not JSON: a record there was changed or cut` };
      }
      if (!isAuditRecord(parsed)) {
        otherLines++;
        continue;
      }
      const { hash, ...body } = parsed;
      if (hashRecord(body) !== hash) return { ok: false, problem: 'changed', message: `record ${parsed.seq} (${where}) was changed: its content no longer matches its hash` };
      if (!byHash.has(hash)) byHash.set(hash, { record: parsed, where });
    }
  }

  // Each record but a chain's first follows exactly one other; two that follow the same one are a fork.
  const follower = new Map<string, Located>();
  const starts: Located[] = [];
  for (const located of byHash.values()) {
    if (located.record.prev === GENESIS_HASH) {
      if (located.record.seq !== 1) return { ok: false, problem: 'changed', message: `record ${located.record.seq} (${located.where}) claims to start a chain, which only record 1 does` };
      starts.push(located);
      continue;
    }
    const other = follower.get(located.record.prev);
    if (other) {
      return {
        ok: false,
        problem: 'forked',
        message: `records ${other.record.seq} (${other.where}) and ${located.record.seq} (${located.where}) both follow the same record: one of them was changed or added`,
      };
    }
    follower.set(located.record.prev, located);
  }

  const reached = new Set<string>();
  for (const start of starts) {
    let at = start;
    reached.add(at.record.hash);
    for (let next = follower.get(at.record.hash); next; next = follower.get(at.record.hash)) {
      if (next.record.seq !== at.record.seq + 1) {
        return { ok: false, problem: 'changed', message: `record ${next.record.seq} (${next.where}) follows record ${at.record.seq} (${at.where}): the numbering was changed` };
      }
      at = next;
      reached.add(at.record.hash);
    }
  }
  // What no chain reaches follows a record that is in none of the files: name the earliest such gap.
  const cut = [...byHash.values()].filter((located) => !reached.has(located.record.hash) && !byHash.has(located.record.prev)).sort((a, b) => a.record.seq - b.record.seq)[0];
  if (cut && cut.record.seq <= 1) return { ok: false, problem: 'changed', message: `record ${cut.record.seq} (${cut.where}) does not start a chain: it was changed` };
  if (cut) {
    const gap = cut.record.seq - 1;
    return { ok: false, problem: 'removed', message: `record ${gap}, which record ${cut.record.seq} (${cut.where}) follows, is in none of the files: it was removed, or a file is missing` };
  }
  if (reached.size < byHash.size) return { ok: false, problem: 'changed', message: 'some records chain to one another but to no first record: they were changed' };
  return { ok: true, records: byHash.size, chains: starts.length, otherLines };
}
