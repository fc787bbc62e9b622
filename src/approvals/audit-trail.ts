import type { Store } from '../store/store.js';
import { GENESIS_HASH, hashRecord, parseAuditRecord, type AuditEvent, type AuditRecord } from './audit-record.js';
import type { AuditSink } from './audit-sink.js';

/** The store log the trail is kept in. */
export const AUDIT_LOG = 'actions:audit';
const LOG = AUDIT_LOG;
const MAX_RACES = 50;

export interface AuditTrail {
  /** Appends one record to the shared store's stream, then to the durable sink; throws when the store cannot take it. */
  append(event: AuditEvent): Promise<AuditRecord>;
  /** Every record in the shared store, oldest first. */
  read(): Promise<AuditRecord[]>;
}

/**
 * The append-only, hash-chained trail. Each record carries the hash of the one before; the store appends a
 * record only when the stream is exactly as long as the writer last saw it, so replicas writing at once still
 * produce one chain (the loser reads the new head and tries again).
 */
export function createAuditTrail(store: Store, sink: AuditSink, now: () => number = Date.now): AuditTrail {
  let length = 0;
  let head = GENESIS_HASH;
  /** The last line of the log as this writer last saw it: an append also checks it, not only the length. */
  let last: string | undefined;
  /** The last record this writer had seen of a log the store has since lost, until the new log records it. */
  let lost: { seq: number; hash: string } | undefined;

  const follow = (count: number, lastLine: string | undefined): void => {
    length = count;
    last = lastLine;
    head = lastLine === undefined ? GENESIS_HASH : linksOf(lastLine).hash;
  };

  async function catchUp(): Promise<void> {
    const newer = await store.readLog(LOG, length);
    if (newer.length > 0 && linksOf(newer[0]!).prev === head) {
      follow(length + newer.length, newer[newer.length - 1]);
      return;
    }
    // The log is not the one this writer followed: it is shorter, or it goes on from another record. The store lost
    // it (a Redis without persistence restarted, or evicted it) and it was written again, so the trail goes on from
    // the log as it is now.
    const all = await store.readLog(LOG);
    if (all.length === length && all[all.length - 1] === last) return;
    if (length > 0) lost ??= { seq: length, hash: head };
    follow(all.length, all[all.length - 1]);
  }

  /** Appends one record at the current head; true when the store took it. */
  async function appendAtHead(event: AuditEvent): Promise<AuditRecord | undefined> {
    const body: Omit<AuditRecord, 'hash'> = { seq: length + 1, at: new Date(now()).toISOString(), ...event, prev: head };
    const record: AuditRecord = { ...body, hash: hashRecord(body) };
    const line = JSON.stringify(record);
    if (!(await store.appendLog(LOG, length, line, last))) return undefined;
    follow(length + 1, line);
    sink.write(line);
    return record;
  }

  return {
    async append(event) {
      for (let race = 0; race < MAX_RACES; race++) {
        // A new log begins by saying that an earlier one was lost and where this writer last saw it end; the
        // records before are in the audit files (K8SFIX_AUDIT_FILE) of the replicas that wrote them.
        if (lost && length === 0) {
          const restarted = await appendAtHead({ requestId: '-', event: 'trail-restarted', actor: 'k8sfix', detail: { reason: 'the shared store lost the audit trail (Redis restarted without persistence, or evicted it)', lastSeen: lost } });
          if (!restarted) {
            await catchUp();
            continue;
          }
        }
        lost = undefined;
        const record = await appendAtHead(event);
        if (record) return record;
        await catchUp();
      }
      throw new Error(`the audit trail changed under this writer ${MAX_RACES} times in a row; nothing was recorded`);
    },
    async read() {
      return (await store.readLog(LOG)).map((line) => JSON.parse(line) as AuditRecord);
    },
  };
}

/** A record's own hash and the hash it chains to, read from a line of the log. */
function linksOf(line: string): { hash: string; prev: string } {
  const record = parseAuditRecord(line);
  if (!record) throw new Error('a record of the shared audit trail is not an audit record, so nothing can chain to it; nothing was recorded');
  return record;
}
