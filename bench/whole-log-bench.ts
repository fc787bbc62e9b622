/**
 * The CLI as a user runs it, as a whole process (start-up, catalogue, reading and matching): one error line as
 * an argument, and log files of 40 KB, 1 MB, 10 MB and 100 MB with the error near the END (logs are newest-last).
 * Beside each: a plain line-by-line scan of the same file in Node (readline, counting lines) and `node -e 0`,
 * in the same run. Targets: a file at most 10x its plain scan; one line at most 3x `node -e 0`.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ordinaryLog } from '../test/support/pathological-inputs.js';
import { median } from './stats.js';

const ERROR_LINE = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';
const EXPECTED = 'pod-ip-exhaustion-containerd-ip-leak';
const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'src', 'cli', 'main.js');
const SCAN = join(HERE, 'line-scan.js');
const REPORT_RSS = pathToFileURL(join(HERE, 'report-max-rss.js')).href;
const RUNS = Number(process.env.K8SFIX_BENCH_RUNS || 3);

interface Run {
  ms: number;
  rssMiB: number;
  stdout: string;
  code: number;
}

/** Runs `node ARGS` (no shell), returning its wall time, its own peak RSS and what it printed. */
function runNode(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT_RSS, ...args], { stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
    let stdout = '';
    let rss = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (rss += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, rssMiB: Number(rss.trim()) / 1024, stdout, code: code ?? -1 }));
  });
}


/** A log of `bytes` ordinary lines, written in 1 MB slices, with the error among its last lines. */
function writeLog(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  const slice = 1024 * 1024;
  let written = 0;
  for (let part = 0; written < bytes - 400; part++) {
    // Each slice numbers its lines differently, so slices are not copies of each other (nothing dedupes away).
    const text = `${ordinaryLog(Math.min(slice, bytes - 400 - written)).replace(/\d+/g, (n) => String(Number(n) + part * 7919))}\n`;
    const buffer = Buffer.from(text).subarray(0, Math.max(0, bytes - 400 - written));
    writeSync(fd, buffer);
    written += buffer.length;
  }
  writeSync(fd, `\n  Warning  FailedCreatePodSandBox  90s (x12 over 2m)  kubelet  ${ERROR_LINE}\nI1123 10:00:01.000001    1702 kubelet.go:2445] "SyncLoop (PLEG): event for pod" pod="shop/cart-7d9f8b6c5d-x2x9q"\n`);
  closeSync(fd);
}

/** Alternates A and B RUNS times (after one warm-up of each), so drift in the machine's speed hits both. */
async function paired(a: string[], b: string[]): Promise<{ a: Run[]; b: Run[] }> {
  await runNode(a);
  await runNode(b);
  const runs = { a: [] as Run[], b: [] as Run[] };
  for (let i = 0; i < RUNS; i++) {
    runs.a.push(await runNode(a));
    runs.b.push(await runNode(b));
  }
  return runs;
}

export async function runWholeLogBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'k8sfix-bench-'));
  try {
    console.log(`whole process, median of ${RUNS} paired runs (node ${process.version}); the error is in the last lines`);
    console.log('input          found  k8sfix      peak RSS   baseline                   ratio   target');
    const row = (name: string, found: boolean, cli: Run[], base: Run[], baseName: string, target: number): void => {
      const ms = median(cli.map((r) => r.ms));
      const baseMs = median(base.map((r) => r.ms));
      const ratio = ms / baseMs;
      const rss = median(cli.map((r) => r.rssMiB));
      console.log(
        `${name.padEnd(14)} ${(found ? 'yes' : 'NO').padEnd(6)} ${`${ms.toFixed(0)} ms`.padEnd(11)} ${`${rss.toFixed(0)} MiB`.padEnd(10)} ${`${baseName} ${baseMs.toFixed(0)} ms`.padEnd(26)} ${`${ratio.toFixed(1)}x`.padEnd(7)} <= ${target}x ${ratio <= target ? 'ok' : 'OVER'}`,
      );
    };

    const oneLine = await paired([CLI, '--json', ERROR_LINE], ['-e', '0']);
    row('one line', oneLine.a.every((r) => r.stdout.includes(EXPECTED)), oneLine.a, oneLine.b, 'node -e 0', 3);

    const sizes: [string, number][] = [['40 KB', 40 * 1024], ['1 MB', 1024 * 1024], ['10 MB', 10 * 1024 * 1024], ['100 MB', 100 * 1024 * 1024]];
    const onlySizes = process.env.K8SFIX_BENCH_SIZES?.split(',');
    for (const [name, bytes] of sizes) {
      if (onlySizes && !onlySizes.includes(name.replace(' ', ''))) continue;
      const path = join(dir, `${name.replace(' ', '')}.log`);
      writeLog(path, bytes);
      const runs = await paired([CLI, '--json', path], [SCAN, path]);
      const found = runs.a.every((r) => (JSON.parse(r.stdout) as { id: string }[])[0]?.id === EXPECTED);
      row(`${name} log`, found, runs.a, runs.b, 'line scan', 10);
      rmSync(path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runWholeLogBench();
