import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { ActionRequest } from './types.js';

/** Requests are kept a week after their last change, for anyone reading back what happened. */
const REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const ID_PATTERN = /^req_[a-f0-9]{32}$/;
const MAX_RACES = 20;

const keyOf = (id: string) => `actions:request:${id}`;

/** 128 random bits: an id nobody can guess, so a button value can only name a request that exists. */
export function newRequestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}

export function isRequestId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export async function createRequest(store: Store, request: ActionRequest): Promise<boolean> {
  return store.compareAndSet(keyOf(request.id), undefined, JSON.stringify(request), REQUEST_TTL_MS);
}

export async function loadRequest(store: Store, id: string): Promise<{ request: ActionRequest; raw: string } | undefined> {
  if (!isRequestId(id)) return undefined;
  const raw = await store.get(keyOf(id));
  return raw === undefined ? undefined : { request: JSON.parse(raw) as ActionRequest, raw };
}

/**
 * Changes a request in one atomic step: `change` sees the stored request and returns the next one, or a value
 * of its own to stop with (a refusal). Another writer in between makes it read again and decide afresh.
 */
export async function updateRequest<R>(
  store: Store,
  id: string,
  change: (request: ActionRequest) => { next: ActionRequest } | { stop: R },
): Promise<{ updated: ActionRequest; before: ActionRequest } | { stopped: R } | undefined> {
  for (let race = 0; race < MAX_RACES; race++) {
    const loaded = await loadRequest(store, id);
    if (!loaded) return undefined;
    const decision = change(loaded.request);
    if ('stop' in decision) return { stopped: decision.stop };
    if (await store.compareAndSet(keyOf(id), loaded.raw, JSON.stringify(decision.next), REQUEST_TTL_MS)) {
      return { updated: decision.next, before: loaded.request };
    }
  }
  throw new Error(`request ${id} changed under this replica ${MAX_RACES} times in a row`);
}
