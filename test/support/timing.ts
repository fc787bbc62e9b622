import { performance } from 'node:perf_hooks';

/** The fastest of `runs` timings of `fn`, in ms: what it costs when nothing else on the machine gets in the way. */
export function fastest(runs: number, fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
