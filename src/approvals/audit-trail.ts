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

  async function catchUp(): Promise<void> {
    const newer = await store.readLog(LOG, length);
    if (newer.length === 0) return;
    length += newer.length;
    head = (JSON.parse(newer[newer.length - 1]!) as AuditRecord).hash;
  }

  return {
    async append(event) {
      for (let race = 0; race < MAX_RACES; race++) {
        const body: Omit<AuditRecord, 'hash'> = { seq: length + 1, at: new Date(now()).toISOString(), ...event, prev: head };
        const record: AuditRecord = { ...body, hash: hashRecord(body) };
        const line = JSON.stringify(record);
        if (await store.appendLog(LOG, length, line)) {
          length += 1;
          head = record.hash;
          sink.write(line);
          return record;
        }
        await catchUp();
      }
      throw new Error(`the audit trail changed under this writer ${MAX_RACES} times in a row; nothing was recorded`);
    },
    async read() {
      return (await store.readLog(LOG)).map((line) => JSON.parse(line) as AuditRecord);
    },
  };
}
