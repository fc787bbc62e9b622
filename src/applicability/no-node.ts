import type { Judgement } from './types.js';

/** The answer for a node condition when the cluster reported no nodes. */
export function noNode(): Judgement {
  return { truth: 'unknown', reason: 'no nodes were reported, so node facts are unknown' };
}
