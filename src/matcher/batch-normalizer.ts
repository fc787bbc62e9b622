import { Worker } from 'node:worker_threads';
import { normalizeBatch } from './normalize.js';
import { workerScriptUrl } from './worker-script-url.js';

/** A batch normalised and squeezed; from the worker, with `lineHash` of each of its lines too. */
export interface NormalisedBatch {
  squeezed: string;
  hashes?: Float64Array;
}

/** Normalises batches of a long input (see PendingBatch): the answer now, or later from another thread. */
export interface BatchNormalizer {
  /** A batch normalised and squeezed (`normalizeBatch`), with the lines' hashes when the worker answered. */
  normalizeAndHash(joined: string): NormalisedBatch | Promise<NormalisedBatch>;
  /** Batches the worker thread answered (the rest were normalised on the caller's thread). */
  readonly offThread: number;
  close(): void;
}

export interface BatchNormalizerOptions {
  /** Characters read on the caller's thread before the worker starts. Default 4,000,000. */
  offThreadAfterChars?: number;
  /** The worker's script; default the one built beside this module. Tests give a failing one. */
  workerScript?: URL;
  /** The worker's old-space limit in MB (default 128): a worker that runs out ends, and its batches are done here. */
  maxWorkerHeapMb?: number;
}

/** Below this many characters a log is read on the caller's thread: a worker costs more than it saves. */
const OFF_THREAD_AFTER_CHARS = 4_000_000;

/**
 * Normalising is about half the work of reading a long log, and it needs nothing but the text: past the first
 * few MB it runs on a worker thread while this thread reads on and searches the windows already made. If the
 * worker cannot start or dies, every batch it held (and every later one) is normalised here instead, so the
 * answer is the same either way.
 */
export function createBatchNormalizer(options: BatchNormalizerOptions = {}): BatchNormalizer {
  const threshold = options.offThreadAfterChars ?? OFF_THREAD_AFTER_CHARS;
  let read = 0;
  let worker: Worker | undefined;
  let failed = false;
  let nextId = 0;
  let offThread = 0;
  const waiting = new Map<number, { text: string; resolve: (batch: NormalisedBatch) => void }>();

  const giveUp = (): void => {
    failed = true;
    for (const { text, resolve } of waiting.values()) resolve({ squeezed: normalizeBatch(text) });
    waiting.clear();
    void worker?.terminate();
    worker = undefined;
  };
  const start = (): Worker | undefined => {
    try {
      const started = new Worker(options.workerScript ?? workerScriptUrl('normalize-worker.js', 'normaliser'), { resourceLimits: { maxOldGenerationSizeMb: options.maxWorkerHeapMb ?? 128 } });
      started.on('message', (reply: { id: number; text: string; hashes?: Float64Array }) => {
        const waiter = waiting.get(reply.id);
        if (!waiter) return;
        waiting.delete(reply.id);
        offThread++;
        waiter.resolve(reply.hashes instanceof Float64Array ? { squeezed: reply.text, hashes: reply.hashes } : { squeezed: reply.text });
      });
      started.on('error', giveUp);
      started.on('exit', () => {
        if (waiting.size > 0) giveUp();
      });
      // Not unref'd: while batches are out, the worker is what keeps the process waiting for them. `close()` ends it.
      return started;
    } catch {
      failed = true;
      return undefined;
    }
  };

  return {
    get offThread() {
      return offThread;
    },
    normalizeAndHash(joined: string): NormalisedBatch | Promise<NormalisedBatch> {
      read += joined.length;
      if (failed || read < threshold) return { squeezed: normalizeBatch(joined) };
      worker ??= start();
      const running = worker;
      if (!running) return { squeezed: normalizeBatch(joined) };
      return new Promise<NormalisedBatch>((resolve) => {
        const id = nextId++;
        waiting.set(id, { text: joined, resolve });
        running.postMessage({ id, text: joined });
      });
    },
    close(): void {
      const running = worker;
      worker = undefined;
      if (running) void running.terminate();
    },
  };
}
