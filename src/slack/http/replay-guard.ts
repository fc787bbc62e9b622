import { createHash } from 'node:crypto';
import type { Store } from '../../store/store.js';
import { MAX_CLOCK_SKEW_SEC } from './verify-signature.js';

/**
 * Refuses a signed request seen before. A signature is valid for as long as its timestamp is within Slack's
 * window, so a captured `/k8sfix` or button click could be sent again within it; each (timestamp, signature) pair
 * is recorded on the shared store until its timestamp leaves the window (plus a minute), so a replay is refused
 * on every replica. Slack's own retries carry a new timestamp and signature: they pass here and are dropped by
 * event id later. While the shared store is away the record lives in this replica's memory.
 */
export class ReplayGuard {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time this pair is seen. */
  async firstSight(timestamp: number, signature: string): Promise<boolean> {
    const ttlMs = (timestamp + MAX_CLOCK_SKEW_SEC) * 1000 - this.now() + 60_000;
    const digest = createHash('sha256').update(`${timestamp}:${signature}`).digest('hex');
    return this.store.setIfAbsent(`slack:request:${digest}`, '1', Math.max(1000, ttlMs));
  }
}
