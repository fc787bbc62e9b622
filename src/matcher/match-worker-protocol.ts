import type { Match } from './types.js';

/** A paste sent to a matcher worker. */
export interface WorkerTask {
  id: number;
  text: string;
  top?: number;
  platforms?: string[];
  platformsFrom?: 'deployment' | 'clusters';
}

/** What a worker sends back: that it is ready, or one paste's matches without their catalogue entries. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; matches: Omit<Match, 'entry'>[]; notes: string[]; total: number };
