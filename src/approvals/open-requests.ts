import type { Store } from '../store/store.js';
import { parseAuditRecord, type AuditRecord } from './audit-record.js';
import { AUDIT_LOG } from './audit-trail.js';
import { FINAL_STATES, type RequestState } from './types.js';

/** A request waiting for approval or being run, by the audit trail, and when it expires. */
export interface OpenRequest {
  id: string;
  expiresAt: number;
}

const FINAL = new Set<string>(FINAL_STATES satisfies readonly RequestState[]);

/** When nothing new came this many reads in a row, the feed also checks that the trail is still as long as it was. */
const LENGTH_CHECK_EVERY = 10;

/**
 * Follows the shared audit trail to learn which fix-action requests are open, whichever replica made them, so
 * that a replica which starts, or outlives the one that posted a request, can end it on time. Each call reads
 * only what the trail gained since the last one. A trail the store lost and began again (a Redis that restarted
 * empty) is read again from its start: at once when the new records do not follow the last one read, or within
 * ten quiet reads when the new trail is still shorter than the old.
 */
export class OpenRequestsFeed {
  private position = 0;
  private lastHash: string | undefined;
  private quietReads = 0;

  constructor(
    private readonly store: Store,
    private readonly lengthCheckEvery = LENGTH_CHECK_EVERY,
  ) {}

  /**
   * Requests previewed (so waiting for approval, with an expiry) since the last call and not ended since; on
   * the first call, every such request in the trail. Throws when the store cannot be read; the next call then
   * reads the same records again.
   */
  async newlyOpen(): Promise<OpenRequest[]> {
    let lines = await this.store.readLog(AUDIT_LOG, this.position);
    if (await this.trailBeganAgain(lines)) {
      this.position = 0;
      lines = await this.store.readLog(AUDIT_LOG, 0);
    }
    this.position += lines.length;
    const open = new Map<string, number>();
    for (const line of lines) {
      const record = parseRecord(line);
      if (!record) continue;
      this.lastHash = record.hash;
      const expiresAt = record.event === 'previewed' ? Date.parse(String(record.detail?.['expiresAt'])) : NaN;
      if (Number.isFinite(expiresAt)) open.set(record.requestId, expiresAt);
      else if (record.state !== undefined && FINAL.has(record.state)) open.delete(record.requestId);
    }
    return [...open].map(([id, expiresAt]) => ({ id, expiresAt }));
  }

  /** True when the trail is not the one read so far: its new records follow another, or it is shorter. */
  private async trailBeganAgain(newer: readonly string[]): Promise<boolean> {
    if (newer.length > 0) {
      this.quietReads = 0;
      const prev = parseRecord(newer[0]!)?.prev;
      return this.lastHash !== undefined && prev !== undefined && prev !== this.lastHash;
    }
    if (this.position === 0 || ++this.quietReads % this.lengthCheckEvery !== 0) return false;
    return (await this.store.readLog(AUDIT_LOG, this.position - 1)).length === 0;
  }
}

/** A request's record as the trail holds it, or undefined for a line that is not one (the trail is read, never trusted to parse). */
function parseRecord(line: string): AuditRecord | undefined {
  const record = parseAuditRecord(line);
  return record && typeof record.requestId === 'string' && typeof record.event === 'string' ? record : undefined;
}
