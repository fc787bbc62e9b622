/** Starts the real Bolt app against the fake Slack, with the real matcher and catalogue. */
import { LogLevel, type Logger } from '@slack/bolt';
import { createObservability, type Observability } from '../../src/observe/observability.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import type { AnyMatcher } from '../../src/matcher/types.js';
import type { ClusterChecker } from '../../src/slack/cluster-checker.js';
import type { FixActionsDeps } from '../../src/slack/fix-actions.js';
import { loadSlackConfig } from '../../src/slack/config.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { realCatalogue } from '../support/catalogue.js';
import { FakeSlackApi, type FakeSlackOptions } from '../support/fake-slack-api.js';
import { eventCallbackBody, interactiveBody, postSigned, slashCommandBody, type SignedResponse, type SignOptions } from '../support/signed-request.js';

export const SECRET = 'test-signing-secret';
export const INCIDENT_CHANNEL = 'C0INC0001';

/** A Bolt logger that keeps what it is told, so tests stay quiet and can read the errors. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  let level = LogLevel.DEBUG;
  const push = (tag: string) => (...msg: unknown[]) => {
    lines.push(`${tag} ${msg.map(String).join(' ')}`);
  };
  return {
    lines,
    debug: () => undefined,
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export interface Harness {
  fake: FakeSlackApi;
  slack: SlackApp;
  logger: ReturnType<typeof memoryLogger>;
  eventsUrl: string;
  /** The health side port: `${healthUrl}/livez`, `/readyz`, `/metrics`. */
  healthUrl: string;
  /** The app's JSON log lines, parsed (only when the harness made the app's observability). */
  logLines: Record<string, unknown>[];
  command(text: string, id: string, fields?: { user_id?: string; channel_id?: string }, sign?: SignOptions): Promise<SignedResponse>;
  event(event: Record<string, unknown>, options?: { eventId?: string; headers?: Record<string, string>; timestamp?: number }): Promise<SignedResponse>;
  action(payload: Record<string, unknown>): Promise<SignedResponse>;
  /** Resolves when every request the app has received is fully processed (listeners included). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  store?: Store;
  clusters?: ClusterChecker;
  /** Another matcher (to inject a failure); the real one over the real catalogue by default. */
  matcher?: AnyMatcher;
  fake?: FakeSlackOptions;
  /** Socket Mode instead of HTTP. */
  socket?: boolean;
  /** Metrics, logs and readiness to use (tests read the JSON log lines through its destination). */
  observe?: Observability;
  /** Fix actions (the actions, their settings and a cluster to run them on). */
  fixActions?: FixActionsDeps;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await new FakeSlackApi({ channels: { C0INC0002: 'inc-db-outage', C0GEN0001: 'general' }, ...options.fake }).start();
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: fake.apiUrl,
    K8SFIX_INCIDENT_CHANNELS: `${INCIDENT_CHANNEL},inc-*`,
    K8SFIX_CHANNEL_RATE_LIMIT: '6',
    // Any free port for /livez, /readyz and /metrics, so suites running at once do not fight over 8081.
    K8SFIX_HEALTH_PORT: '0',
    ...(options.socket ? { SLACK_APP_TOKEN: 'xapp-test-token' } : { SLACK_SIGNING_SECRET: SECRET }),
    ...options.env,
  };
  const config = loadSlackConfig(env);
  const matcher = options.matcher ?? (await realCatalogue()).matcher;
  const logger = memoryLogger();
  const logLines: Record<string, unknown>[] = [];
  // The JSON log lines (one per request, ...) are kept for the tests to read instead of going to stdout.
  const observe = options.observe ?? createObservability({ level: 'info', destination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) } });
  const slack = createSlackApp(config, {
    matcher,
    store: options.store ?? new MemoryStore(),
    logger,
    observe,
    ...(options.clusters ? { clusters: options.clusters } : {}),
    ...(options.fixActions ? { fixActions: options.fixActions } : {}),
  });
  // Count requests in processing: the receiver calls processEvent before it answers Slack, and processEvent
  // awaits the listeners, so "no request in flight" means "the app has posted everything it will post".
  let inFlight = 0;
  const processEvent = slack.app.processEvent.bind(slack.app);
  slack.app.processEvent = async (event) => {
    inFlight++;
    try {
      await processEvent(event);
    } finally {
      inFlight--;
    }
  };
  const idle = async (): Promise<void> => {
    for (let i = 0; i < 100_000 && inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const { port, healthPort } = await slack.start(0);
  const eventsUrl = `http://127.0.0.1:${port ?? 0}/slack/events`;
  return {
    fake,
    slack,
    logger,
    eventsUrl,
    healthUrl: `http://127.0.0.1:${healthPort}`,
    logLines,
    command: (text, id, fields = {}, sign = {}) =>
      postSigned(eventsUrl, SECRET, slashCommandBody({ text, response_url: fake.responseUrl(id), ...fields }), 'application/x-www-form-urlencoded', sign),
    event: (event, opts = {}) =>
      postSigned(eventsUrl, SECRET, eventCallbackBody(event, opts.eventId ? { eventId: opts.eventId } : {}), 'application/json', {
        ...(opts.headers ? { headers: opts.headers } : {}),
        ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
      }),
    action: (payload) => postSigned(eventsUrl, SECRET, interactiveBody(payload), 'application/x-www-form-urlencoded'),
    idle,
    stop: async () => {
      await slack.stop();
      await fake.waitForSocketsClosed();
      await fake.stop();
    },
  };
}

/** A realistic paste: `kubectl describe pod` events showing the containerd pod-IP leak on GKE. */
export const IP_LEAK_PASTE = `Events:
  Type     Reason                  Age                 From     Message
  ----     ------                  ----                ----     -------
  Normal   Scheduled               2m                  default-scheduler  Successfully assigned shop/cart-7d9f8b6c5d-x2x9q to gke-prod-default-pool-1a2b3c4d-9xyz
  Warning  FailedCreatePodSandBox  90s (x12 over 2m)   kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5d41c2a1e0b7": plugin type="gke" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62`;

/** Text of every mrkdwn/plain text object in a message's blocks, joined. */
export function blocksText(blocks: unknown, only?: 'mrkdwn' | 'plain_text'): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if ((obj.type === 'mrkdwn' || obj.type === 'plain_text') && (!only || obj.type === only) && typeof obj.text === 'string') out.push(obj.text);
      for (const value of Object.values(obj)) if (typeof value === 'object') walk(value);
    }
  };
  walk(blocks);
  return out.join('\n');
}
