import type { Store } from '../store/store.js';

const HOUR_MS = 60 * 60 * 1000;
const MAX_RACES = 20;

/** One disruptive action taken from a cluster's budget. */
export interface BudgetEntry {
  at: number;
  id: string;
}

const keyOf = (context: string) => `actions:budget:${context}`;

/** Whether an entry still counts against the budget: it was taken in the last 60 minutes. */
export const countsNow = (entry: BudgetEntry, now: number): boolean => entry.at > now - HOUR_MS;

const recentOf = (raw: string | undefined, now: number): BudgetEntry[] => ((raw ? JSON.parse(raw) : []) as BudgetEntry[]).filter((e) => countsNow(e, now));

/**
 * Takes one disruptive action from a cluster's budget: at most `perHour` in any 60 minutes (a sliding window).
 * True when taken. Refused attempts take nothing, so a blocked request does not eat the budget.
 */
export async function takeFromBudget(store: Store, context: string, perHour: number, requestId: string, now: number): Promise<boolean> {
  for (let race = 0; race < MAX_RACES; race++) {
    const current = await store.get(keyOf(context));
    const recent = recentOf(current, now);
    if (recent.length >= perHour) return false;
    const next = JSON.stringify([...recent, { at: now, id: requestId }]);
    if (await store.compareAndSet(keyOf(context), current, next, HOUR_MS)) return true;
  }
  throw new Error(`the disruption budget of ${context} changed under this replica ${MAX_RACES} times in a row`);
}

/** Puts entries back into a budget the store lost (those of the last hour that it does not hold already). */
export async function restoreBudgetEntries(store: Store, context: string, entries: readonly BudgetEntry[], now: number): Promise<void> {
  for (let race = 0; race < MAX_RACES; race++) {
    const current = await store.get(keyOf(context));
    const recent = recentOf(current, now);
    const missing = entries.filter((entry) => countsNow(entry, now) && !recent.some((held) => held.id === entry.id));
    if (missing.length === 0) return;
    const next = JSON.stringify([...recent, ...missing].sort((a, b) => a.at - b.at));
    if (await store.compareAndSet(keyOf(context), current, next, HOUR_MS)) return;
  }
  throw new Error(`the disruption budget of ${context} changed under this replica ${MAX_RACES} times in a row`);
}
