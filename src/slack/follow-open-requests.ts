import type { OpenRequestsFeed } from '../approvals/open-requests.js';
import type { ExpiryTimers } from './expiry-timers.js';

/** How often a replica reads the audit trail for requests other replicas posted. */
export const FOLLOW_EVERY_MS = 60_000;

export interface FollowOptions {
  everyMs?: number;
  /** Called on the first failed read after a good one (a Redis outage is reported once, not every minute). */
  onError?: (error: unknown) => void;
}

/**
 * Gives every open request a timer on this replica: those in the trail when it starts (posted before a restart or
 * a deploy), then, every minute, those other replicas posted since. A request whose replica stops still says
 * "Expired", or ends as interrupted, on time. Returns a stop function.
 */
export function followOpenRequests(feed: OpenRequestsFeed, timers: ExpiryTimers, options: FollowOptions = {}): () => void {
  let reading = false;
  let failing = false;
  const read = async (): Promise<void> => {
    if (reading) return;
    reading = true;
    try {
      for (const request of await feed.newlyOpen()) if (!timers.has(request.id)) timers.schedule(request.id, request.expiresAt);
      failing = false;
    } catch (error) {
      if (!failing) options.onError?.(error);
      failing = true;
    } finally {
      reading = false;
    }
  };
  void read();
  const interval = setInterval(() => void read(), options.everyMs ?? FOLLOW_EVERY_MS);
  interval.unref();
  return () => clearInterval(interval);
}
