import type { Store } from '../store/store.js';
import { GENESIS_HASH, hashRecord, type AuditEvent, type AuditRecord } from './audit-record.js';
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
  /** The last record this writer had seen of a log the store has since lost, until the new log records it. */
  let lost: { seq: number; hash: string } | undefined;

  async function catchUp(): Promise<void> {
    const newer = await store.readLog(LOG, length);
    if (newer.length > 0) {
      length += newer.length;
      head = hashOf(newer[newer.length - 1]!);
      return;
    }
    // Nothing past what this writer saw, yet its append was refused: the log is shorter than it was. The store lost
    // it (a Redis without persistence restarted, or evicted it), so the trail goes on from the log as it is now.
    const all = await store.readLog(LOG);
    if (all.length >= length) return;
    lost ??= { seq: length, hash: head };
    length = all.length;
    head = all.length > 0 ? hashOf(all[all.length - 1]!) : GENESIS_HASH;
  }

  /** Appends one record at the current head; true when the store took it. */
  async function appendAtHead(event: AuditEvent): Promise<AuditRecord | undefined> {
    const body: Omit<AuditRecord, 'hash'> = { seq: length + 1, at: new Date(now()).toISOString(), ...event, prev: head };
    const record: AuditRecord = { ...body, hash: hashRecord(body) };
    const line = JSON.stringify(record);
    if (!(await store.appendLog(LOG, length, line))) return undefined;
    length += 1;
    head = record.hash;
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

/** The hash of a record of the log, which the next record chains to. */
function hashOf(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    record = undefined;
  }
  const hash = (record as Partial<AuditRecord> | null | undefined)?.hash;
  if (typeof hash !== 'string') throw new Error('the last record of the shared audit trail is not an audit record, so nothing can chain to it; nothing was recorded');
  return hash;
}
