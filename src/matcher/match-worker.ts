/**
 * One matcher worker thread of the pool (`match-pool.ts`): builds the indexes once from the catalogue it is
 * handed, then answers one paste at a time. The pool ends the thread when a paste takes longer than its budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CatalogueEntry } from '../catalogue/types.js';
import { createMatcher } from './create-matcher.js';
import type { MatchOptions } from './types.js';
import type { WorkerReply, WorkerTask } from './match-worker-protocol.js';

const { entries } = workerData as { entries: CatalogueEntry[] };
const matcher = createMatcher({ entries, byId: new Map(entries.map((entry) => [entry.id, entry])), dir: '' });
const port = parentPort!;

port.on('message', (task: WorkerTask) => {
  const options: MatchOptions = { ...(task.top === undefined ? {} : { top: task.top }), ...(task.platforms ? { platforms: task.platforms } : {}), ...(task.platformsFrom ? { platformsFrom: task.platformsFrom } : {}) };
  const analysis = matcher.analyze(task.text, options);
  // The entries stay behind: the pool has them, and copying every matched entry back would cost more than matching.
  const reply: WorkerReply = {
    type: 'result',
    id: task.id,
    matches: analysis.matches.map(({ entry: _entry, ...match }) => match),
    notes: analysis.notes,
    total: analysis.total ?? analysis.matches.length,
  };
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
