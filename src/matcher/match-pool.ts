/**
 * Matching off the event loop: a small pool of worker threads, each with its own matcher, and a time budget
 * per paste. The Slack app acknowledges requests, answers health checks and posts other answers while a
 * worker reads a large or hostile paste; a paste past its budget ends its worker (a replacement starts) and
 * gets a clear answer instead of a frozen app.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Catalogue, CatalogueEntry } from '../catalogue/types.js';
import { MatchPoolBusyError } from './errors/match-pool-busy-error.js';
import { MatchTimeoutError } from './errors/match-timeout-error.js';
import type { WorkerReply, WorkerTask } from './match-worker-protocol.js';
import { workerScriptUrl } from './worker-script-url.js';
import type { Analysis, MatchOptions, OffThreadMatcher } from './types.js';

export interface MatchPoolOptions {
  catalogue: Catalogue;
  /** Worker threads. Default 2 (1 on a single CPU). */
  size?: number;
  /** How long one paste may take in a worker before the worker is ended. Default 10000 ms. */
  budgetMs?: number;
  /** Pastes that may wait for a worker; past that, new ones are refused at once. Default 100. */
  maxQueued?: number;
  /** Heap limit of each worker, in MB: a paste cannot take the whole process's memory. Default 512. */
  maxHeapMb?: number;
}

interface Job {
  task: WorkerTask;
  resolve: (analysis: Analysis) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export function createMatchPool(options: MatchPoolOptions): OffThreadMatcher {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
  const budgetMs = options.budgetMs ?? 10_000;
  const maxQueued = options.maxQueued ?? 100;
  const entries: CatalogueEntry[] = options.catalogue.entries;
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const script = workerScriptUrl('match-worker.js', 'matcher');
  const queue: Job[] = [];
  const slots = new Set<Slot>();
  let nextId = 1;
  let closed = false;

  const spawn = (): void => {
    const worker = new Worker(script, {
      workerData: { entries },
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
    });
    const slot: Slot = { worker, ready: false };
    slots.add(slot);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') slot.ready = true;
      else if (slot.job?.task.id === reply.id) {
        const job = settle(slot);
        job?.resolve({ matches: reply.matches.map((match) => ({ ...match, entry: byId.get(match.id)! })), notes: reply.notes, total: reply.total });
      }
      dispatch();
    });
    // A worker that dies (out of memory, a bug) takes only its paste with it; another starts in its place.
    worker.on('error', (error) => replace(slot, new Error(`the matcher failed on this paste (${error.message})`)));
    worker.on('exit', () => replace(slot, new Error('the matcher stopped while reading this paste')));
  };

  const settle = (slot: Slot): Job | undefined => {
    const job = slot.job;
    clearTimeout(slot.timer);
    delete slot.job;
    delete slot.timer;
    return job;
  };

  const replace = (slot: Slot, error: Error): void => {
    if (!slots.delete(slot)) return;
    settle(slot)?.reject(error);
    void slot.worker.terminate();
    if (!closed) spawn();
    dispatch();
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => replace(slot, new MatchTimeoutError(budgetMs)), budgetMs);
      slot.worker.postMessage(job.task);
    }
  };

  for (let i = 0; i < size; i++) spawn();

  return {
    offThread: true,
    analyze(text: string, matchOptions: MatchOptions = {}): Promise<Analysis> {
      if (closed) return Promise.reject(new Error('the matcher pool is closed'));
      if (typeof text !== 'string' || text.trim() === '') return Promise.resolve({ matches: [], notes: [] });
      if (queue.length >= maxQueued) return Promise.reject(new MatchPoolBusyError(queue.length));
      return new Promise<Analysis>((resolve, reject) => {
        const task: WorkerTask = { id: nextId++, text };
        if (matchOptions.top !== undefined) task.top = matchOptions.top;
        if (matchOptions.platforms) task.platforms = [...matchOptions.platforms];
        if (matchOptions.platformsFrom) task.platformsFrom = matchOptions.platformsFrom;
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the matcher pool is closed'));
      const stopping = [...slots];
      slots.clear();
      for (const slot of stopping) settle(slot)?.reject(new Error('the matcher pool is closed'));
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
