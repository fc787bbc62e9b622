import type { Store } from '../store/store.js';

const WINDOW_MS = 60_000;

/**
 * At most `limit` unasked replies per channel per minute, counted on the shared store across replicas, so a
 * log flood in an incident channel does not become a reply flood. Asked-for answers (commands, mentions) are
 * never limited here.
 */
export class ChannelRateLimiter {
  constructor(
    private readonly store: Store,
    private readonly limit: number,
  ) {}

  /** Counts one reply and says whether it may be posted. */
  async allow(channel: string): Promise<boolean> {
    const count = await this.store.increment(`slack:rate:${channel}`, WINDOW_MS);
    return count <= this.limit;
  }
}
