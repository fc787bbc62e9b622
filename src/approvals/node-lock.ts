import type { Store } from '../store/store.js';

/** Longest a lock can outlive a replica that died mid-action; a run is assumed never to take longer. */
export const LOCK_TTL_MS = 15 * 60 * 1000;

const keyOf = (context: string, node: string) => `actions:node-lock:${context}:${node}`;

/** Locks every node of an action for one request; undefined when all were taken, else the node held by another request. */
export async function lockNodes(store: Store, context: string, nodes: readonly string[], requestId: string): Promise<{ busy: string; by: string } | undefined> {
  const taken: string[] = [];
  for (const node of [...new Set(nodes)].sort()) {
    if (await store.setIfAbsent(keyOf(context, node), requestId, LOCK_TTL_MS)) {
      taken.push(node);
      continue;
    }
    const by = (await store.get(keyOf(context, node))) ?? 'another request';
    if (by === requestId) continue;
    await unlockNodes(store, context, taken, requestId);
    return { busy: node, by };
  }
  return undefined;
}

/** Releases the locks this request holds (a lock another request took since is left alone). */
export async function unlockNodes(store: Store, context: string, nodes: readonly string[], requestId: string): Promise<void> {
  for (const node of new Set(nodes)) {
    // Atomic: only this request's own lock is released (expires at once), never one taken by another since.
    await store.compareAndSet(keyOf(context, node), requestId, 'released', 1);
  }
}

/**
 * Takes a lock back for the request that holds it, after the store lost it: true when the request holds it now,
 * false when another request took the node in the meantime.
 */
export async function retakeNodeLock(store: Store, context: string, node: string, requestId: string, ttlMs: number): Promise<boolean> {
  if (await store.setIfAbsent(keyOf(context, node), requestId, ttlMs)) return true;
  return (await store.get(keyOf(context, node))) === requestId;
}
