import type { Store } from '../store/store.js';

/** Slack retries an event for about an hour at most; keep its id a little longer. */
const EVENT_TTL_MS = 2 * 60 * 60 * 1000;
/** One annotation per issue per thread, for as long as an incident thread stays active. */
const THREAD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Deduplication on the shared store, so several replicas answer each event and each issue in a thread once. */
export class Deduper {
  constructor(private readonly store: Store) {}

  /** True the first time an event id is seen; Slack's retries (same `event_id`) get false. */
  async firstDelivery(eventId: string): Promise<boolean> {
    return this.store.setIfAbsent(`slack:event:${eventId}`, '1', EVENT_TTL_MS);
  }

  /** Claims the issues not yet annotated in this thread; returns the ids this call claimed, in order. */
  async claimIssues(channel: string, threadTs: string, ids: string[]): Promise<string[]> {
    const claimed: string[] = [];
    for (const id of ids) {
      if (await this.store.setIfAbsent(threadKey(channel, threadTs, id), '1', THREAD_TTL_MS)) claimed.push(id);
    }
    return claimed;
  }

  /** Gives claims back (the reply was not posted, so a later message may annotate these issues). */
  async releaseIssues(channel: string, threadTs: string, ids: string[]): Promise<void> {
    await Promise.allSettled(ids.map((id) => this.store.delete(threadKey(channel, threadTs, id))));
  }
}

function threadKey(channel: string, threadTs: string, id: string): string {
  return `slack:thread:${channel}:${threadTs}:${id}`;
}
