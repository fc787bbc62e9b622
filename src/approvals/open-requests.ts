import type { Store } from '../store/store.js';
import type { AuditRecord } from './audit-record.js';
import { AUDIT_LOG } from './audit-trail.js';
import { FINAL_STATES, type RequestState } from './types.js';

/** A request waiting for approval or being run, by the audit trail, and when it expires. */
export interface OpenRequest {
  id: string;
  expiresAt: number;
}

const FINAL = new Set<string>(FINAL_STATES satisfies readonly RequestState[]);

/**
 * Follows the shared audit trail to learn which fix-action requests are open, whichever replica made them, so
 * that a replica which starts, or outlives the one that posted a request, can end it on time. Each call reads
 * only what the trail gained since the last one.
 */
export class OpenRequestsFeed {
  private position = 0;

  constructor(private readonly store: Store) {}

  /**
   * Requests previewed (so waiting for approval, with an expiry) since the last call and not ended since; on
   * the first call, every such request in the trail. Throws when the store cannot be read; the next call then
   * reads the same records again.
   */
  async newlyOpen(): Promise<OpenRequest[]> {
    const lines = await this.store.readLog(AUDIT_LOG, this.position);
    this.position += lines.length;
    const open = new Map<string, number>();
    for (const line of lines) {
      const record = parseRecord(line);
      if (!record) continue;
      const expiresAt = record.event === 'previewed' ? Date.parse(String(record.detail?.['expiresAt'])) : NaN;
      if (Number.isFinite(expiresAt)) open.set(record.requestId, expiresAt);
      else if (record.state !== undefined && FINAL.has(record.state)) open.delete(record.requestId);
    }
    return [...open].map(([id, expiresAt]) => ({ id, expiresAt }));
  }
}

/** A record as the trail holds it, or undefined for a line that is not one (the trail is read, never trusted to parse). */
function parseRecord(line: string): Pick<AuditRecord, 'requestId' | 'event' | 'state' | 'detail'> | undefined {
  try {
    const record = JSON.parse(line) as Partial<AuditRecord> | null;
    if (typeof record?.requestId !== 'string' || typeof record.event !== 'string') return undefined;
    return record as AuditRecord;
  } catch {
    return undefined;
  }
}
