/**
 * The thread `createBatchNormalizer` starts: normalises and squeezes batches of a long log, in the order sent,
 * and hashes the squeezed lines for deduplication (a buffer handed over, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { lineHashesOfBatch } from './line-hash.js';
import { normalizeBatch } from './normalize.js';

parentPort?.on('message', (task: { id: number; text: string }) => {
  const text = normalizeBatch(task.text);
  const hashes = lineHashesOfBatch(text);
  parentPort!.postMessage({ id: task.id, text, hashes }, [hashes.buffer as ArrayBuffer]);
});
