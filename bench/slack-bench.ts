/**
 * The Slack app under load: 50 concurrent, correctly signed `/k8sfix` commands over real HTTP to the real Bolt
 * app (real matcher and catalogue, memory store, no cluster queries), answered to a local fake of Slack.
 * Measures the time to the acknowledgement (HTTP 200) and to the answer posted on response_url.
 * Targets: acknowledgement p99 < 300 ms, answer p50 < 500 ms.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { LogLevel } from '@slack/bolt';
import { loadCatalogue } from '../src/catalogue/load-catalogue.js';
import { createMatcher } from '../src/matcher/create-matcher.js';
import { createSlackApp } from '../src/slack/app.js';
import { loadSlackConfig } from '../src/slack/config.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeSlackApi } from '../test/support/fake-slack-api.js';
import { postSigned, slashCommandBody } from '../test/support/signed-request.js';
import { percentile } from './stats.js';

const SECRET = 'bench-signing-secret';
const CONCURRENCY = 50;
const ROUNDS = 4;

const PASTES = [
  `Warning  FailedCreatePodSandBox  90s (x12 over 2m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5d41c2a1e0b7": plugin type="gke" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62`,
  `Failed to pull image "registry.internal:5000/app:1.2": rpc error: code = Unknown desc = failed to pull and unpack image: failed to resolve reference: failed to do request: Head "https://registry.internal:5000/v2/app/manifests/1.2": x509: certificate signed by unknown authority`,
  'my pod keeps restarting and I do not know why',
];


/**
 * Slack's side (the fake Web API, response URLs and the 50 clients) runs in a worker thread, as Slack runs on
 * other machines: the app's event loop then carries only the app.
 */
export async function runSlackBench(): Promise<void> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'slack' } });
  const messages = new EventEmitter();
  worker.on('message', (m: { type: string }) => messages.emit(m.type, m));
  const next = <T>(type: string) => new Promise<T>((resolve) => messages.once(type, resolve));
  const { apiUrl } = await next<{ apiUrl: string }>('ready');
  const config = loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, LOG_LEVEL: 'error', K8SFIX_HEALTH_PORT: '0' });
  const matcher = createMatcher(await loadCatalogue());
  const slack = createSlackApp(config, { matcher, store: new MemoryStore() });
  slack.app.logger.setLevel(LogLevel.ERROR);
  const { port } = await slack.start(0);
  worker.postMessage({ type: 'go', url: `http://127.0.0.1:${port}/slack/events` });
  const { acks, answers, failures } = await next<{ acks: number[]; answers: number[]; failures: number }>('done');
  await slack.stop();
  await worker.terminate();
  const fmt = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`\nslack: ${ROUNDS} rounds of ${CONCURRENCY} concurrent signed /k8sfix commands (no cluster queries), ${failures} failed`);
  console.log(`  acknowledgement  p50 ${fmt(percentile(acks, 50))}  p99 ${fmt(percentile(acks, 99))}  (target p99 < 300 ms)`);
  console.log(`  posted answer    p50 ${fmt(percentile(answers, 50))}  p99 ${fmt(percentile(answers, 99))}  (target p50 < 500 ms)`);
}

/** The worker: fake Slack plus the clients sending signed commands. */
async function slackSide(): Promise<void> {
  const fake = await new FakeSlackApi().start();
  parentPort!.postMessage({ type: 'ready', apiUrl: fake.apiUrl });
  const url = await new Promise<string>((resolve) => parentPort!.once('message', (m: { url: string }) => resolve(m.url)));
  const acks: number[] = [];
  const answers: number[] = [];
  let failures = 0;
  let n = 0;
  const one = async (record: boolean): Promise<void> => {
    const id = `bench-${n++}`;
    const body = slashCommandBody({ text: PASTES[n % PASTES.length]!, response_url: fake.responseUrl(id) });
    const started = performance.now();
    const answered = fake.waitFor((c) => c.method === 'respond' && c.id === id, 1, 30_000).then(() => performance.now() - started);
    const ack = await postSigned(url, SECRET, body, 'application/x-www-form-urlencoded');
    if (ack.status !== 200) failures++;
    const answerMs = await answered;
    if (record) {
      acks.push(ack.ms);
      answers.push(answerMs);
    }
  };
  // Warm-up (JIT, auth.test, the locale cache, keep-alive connections): one unrecorded round.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => one(false)));
  for (let round = 0; round < ROUNDS; round++) await Promise.all(Array.from({ length: CONCURRENCY }, () => one(true)));
  parentPort!.postMessage({ type: 'done', acks, answers, failures });
}

if (!isMainThread && (workerData as { role?: string })?.role === 'slack') await slackSide();
else if (import.meta.url === `file://${process.argv[1]}`) await runSlackBench();
