import Fuse from 'fuse.js';
import { performance } from 'node:perf_hooks';
import { loadCatalogue } from '../src/catalogue/load-catalogue.js';
import { createMatcher } from '../src/matcher/create-matcher.js';
import { median } from './stats.js';

const ERROR_LINE = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';

/** Realistic node and pod log lines that match nothing, with the error buried in the middle. */
function logOf(bytes: number): string {
  const templates = [
    (i: number) => `Nov 23 10:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')} gke-prod-pool-1-abcd containerd[812]: time="2026-11-23T10:00:01.${i}Z" level=info msg="ImageCreate event name:\\"docker.io/library/nginx:1.25.${i % 9}\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
    (i: number) => `I1123 10:00:${String(i % 60).padStart(2, '0')}.123456    1702 kubelet.go:2445] "SyncLoop (PLEG): event for pod" pod="shop/cart-7d9f8b6c5d-x2x9q" event={"ID":"${i}","Type":"ContainerStarted"}`,
    (i: number) => `{"level":"info","ts":"2026-11-23T10:00:01.${i}Z","logger":"controller","msg":"Reconciling deployment","namespace":"team-${i % 40}","name":"api-${i}"}`,
    (i: number) => `  Normal   Pulled     ${i % 90}s   kubelet  Container image "registry.k8s.io/pause:3.9" already present on machine`,
    (i: number) => `E1123 10:00:01.${i}    1702 pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"api\\" with CrashLoopBackOff: \\"back-off 5m0s restarting failed container=api pod=api-${i}\\"" pod="prod/api-${i}"`,
  ];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = i === 200 ? `  Warning  FailedCreatePodSandBox  kubelet  ${ERROR_LINE}` : templates[i % templates.length]!(i);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, bytes);
}


function time(runs: number, fn: () => unknown): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Prints the matcher's median time per input size beside a naive baseline (Fuse over whole lines). */
export async function runMatcherBench(): Promise<void> {
  // K8SFIX_BENCH_CATALOGUE measures another catalogue directory (for example the catalogue before a change).
  const catalogue = await loadCatalogue(process.env.K8SFIX_BENCH_CATALOGUE || undefined);
  const matcher = createMatcher(catalogue);
  const inputs: [string, string, number][] = [
    ['one-line error', ERROR_LINE, 500],
    ['40 KB paste', logOf(40 * 1024), 50],
    ['1 MB log', logOf(1024 * 1024), 10],
  ];
  const targets: Record<string, number> = { 'one-line error': 1, '40 KB paste': 10, '1 MB log': 200 };

  // The naive baseline: every catalogue phrase in one Fuse index, every input line handed to it whole.
  const phrases = catalogue.entries.flatMap((entry) => [...entry.signatures, ...entry.symptoms.en, ...entry.symptoms.ko]);
  const fuse = new Fuse(phrases, { includeScore: true, threshold: 0.4, ignoreLocation: true });
  const BASELINE_BUDGET_MS = 5_000;
  const naive = (text: string): { ms: number; estimated: boolean } => {
    const lines = text.split('\n');
    const start = performance.now();
    let done = 0;
    for (const line of lines) {
      fuse.search(line, { limit: 1 });
      done++;
      if (performance.now() - start > BASELINE_BUDGET_MS) break;
    }
    const elapsed = performance.now() - start;
    return { ms: (elapsed * lines.length) / done, estimated: done < lines.length };
  };

  console.log(`matcher (${catalogue.entries.length} catalogue entries), median of repeated runs, node ${process.version}`);
  console.log('input            k8sfix median   target     found   naive Fuse-over-lines');
  for (const [name, text, runs] of inputs) {
    const ms = time(runs, () => matcher.match(text));
    const found = matcher.match(text)[0]?.id === 'pod-ip-exhaustion-containerd-ip-leak' ? 'yes' : 'NO';
    const baseline = naive(text);
    const baselineText = `${baseline.estimated ? '~' : ''}${baseline.ms.toFixed(baseline.ms < 10 ? 2 : 0)} ms${baseline.estimated ? ' (extrapolated)' : ''}`;
    const verdict = ms < targets[name]! ? 'ok' : 'OVER';
    console.log(`${name.padEnd(16)} ${`${ms.toFixed(3)} ms`.padEnd(15)} < ${String(targets[name]).padEnd(4)} ms ${verdict.padEnd(4)} ${found.padEnd(7)} ${baselineText}`);
  }
}
