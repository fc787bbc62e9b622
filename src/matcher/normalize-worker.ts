/** The thread `createBatchNormalizer` starts: normalises and squeezes batches of a long log, in the order sent. */
import { parentPort } from 'node:worker_threads';
import { normalizeBatch } from './normalize.js';

parentPort?.on('message', (task: { id: number; text: string }) => {
  parentPort!.postMessage({ id: task.id, text: normalizeBatch(task.text) });
});
