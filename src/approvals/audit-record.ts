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
