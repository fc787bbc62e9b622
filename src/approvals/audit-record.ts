import { canonicalJson, sha256 } from '../actions/hash-preview.js';

/** The hash the first record chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What happened to a request: proposed, previewed, approved, blocked, stale, executing, executed, verified, ... */
export interface AuditEvent {
  requestId: string;
  event: string;
  /** Who did it (Slack user id, `cli:<user>`), or `k8sfix` for its own steps. */
  actor: string;
  /** The state the request is in after this event. */
  state?: string;
  detail?: Record<string, unknown>;
}

/** One line of the trail; `hash` covers every other field, `prev` is the hash of the record before. */
export interface AuditRecord extends AuditEvent {
  seq: number;
  at: string;
  prev: string;
  hash: string;
}

export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  return sha256(canonicalJson(record));
}

/** True for a value shaped like an audit record: it has the fields that chain it (seq, hash, prev). */
export function isAuditRecord(value: unknown): value is AuditRecord {
  const record = value as Partial<AuditRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.seq === 'number' && typeof record.hash === 'string' && typeof record.prev === 'string';
}

/** The record a line of a trail holds, or undefined for a line that is not JSON or not a record. */
export function parseAuditRecord(line: string): AuditRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isAuditRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
