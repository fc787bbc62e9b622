import type { Store } from '../store/store.js';

const HOUR_MS = 60 * 60 * 1000;
const MAX_RACES = 20;

/**
 * Takes one disruptive action from a cluster's budget: at most `perHour` in any 60 minutes (a sliding window).
 * True when taken. Refused attempts take nothing, so a blocked request does not eat the budget.
 */
export async function takeFromBudget(store: Store, context: string, perHour: number, requestId: string, now: number): Promise<boolean> {
  const key = `actions:budget:${context}`;
  for (let race = 0; race < MAX_RACES; race++) {
    const current = await store.get(key);
    const recent = ((current ? JSON.parse(current) : []) as { at: number; id: string }[]).filter((e) => e.at > now - HOUR_MS);
    if (recent.length >= perHour) return false;
    const next = JSON.stringify([...recent, { at: now, id: requestId }]);
    if (await store.compareAndSet(key, current, next, HOUR_MS)) return true;
  }
  throw new Error(`the disruption budget of ${context} changed under this replica ${MAX_RACES} times in a row`);
}
