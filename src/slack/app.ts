import type { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type Logger } from '@slack/bolt';
import { boltLogger } from '../observe/bolt-logger.js';
import { countStoreErrors } from '../observe/count-store-errors.js';
import { HEALTH_PATHS, handleHealthRequest } from '../observe/health-routes.js';
import { instrumentMatcher } from '../observe/instrument-matcher.js';
import { createObservability, type Observability } from '../observe/observability.js';
import { RedisStore } from '../store/redis-store.js';
import type { SlackConfig } from './config.js';
import { installRequestGate } from './http/install-request-gate.js';
import { registerListeners } from './listeners/index.js';
import { observeRequests } from './observe-requests.js';
import { createFixActions } from './fix-actions.js';
import { createServices, type Services, type SlackDeps } from './services.js';
import { SlackConnection } from './slack-connection.js';
import { instrumentSlackFetch } from './slack-fetch.js';

export interface SlackApp {
  app: App;
  services: Services;
  mode: 'socket' | 'http';
  observe: Observability;
  /**
   * Opens the health port (`healthPort`, default K8SFIX_HEALTH_PORT), checks the bot token with auth.test, then
   * connects (Socket Mode) or listens (HTTP, on `port`, 0 for any free one). Retries while Slack is unreachable;
   * rejects with a SlackTokenRejectedError when Slack refuses a token. Resolves with the ports.
   */
  start(port?: number, healthPort?: number): Promise<{ port?: number; healthPort: number }>;
  stop(): Promise<void>;
}

/**
 * The Bolt app: Socket Mode when an app token is configured, otherwise the HTTP receiver on `/slack/events`, with
 * `/healthz`, behind a gate that verifies each request's signature, refuses timestamps more than five minutes
 * old or ahead and requests already seen, and answers 400 to a signed body the app cannot serve.
 */
export function createSlackApp(config: SlackConfig, deps: SlackDeps): SlackApp {
  const observe = deps.observe ?? createObservability({ level: config.logLevel });
  const { metrics, readiness } = observe;
  let connection: SlackConnection | undefined;
  const clientOptions = {
    // Rate-limited calls wait for Retry-After and try again; other failures retry a few times, quickly.
    // (p-retry reads onFailedAttempt; the Web API's type does not list it.)
    retryConfig: {
      retries: 5,
      factor: 2,
      minTimeout: 200,
      maxTimeout: 5000,
      onFailedAttempt: (error: Error & { retriesLeft?: number }) => {
        if ((error.retriesLeft ?? 0) > 0) metrics.slackApiRetries.inc({ reason: /rate limit/i.test(error.message) ? 'ratelimited' : 'failed' });
      },
    },
    timeout: 15_000,
    // Every Web API call of every client (Bolt's, Socket Mode's) goes through here: errors counted, reachability seen.
    fetch: instrumentSlackFetch(globalThis.fetch, metrics, {
      reachable: () => connection?.reachable(),
      unreachable: (reason) => connection?.unreachable(reason),
      tokenRejected: (method, error) => connection?.tokenRejected(method, error),
    }),
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
  };
  const loggerOptions = { logger: deps.logger ?? boltLogger(observe.logger) };
  const mode = config.appToken ? 'socket' : 'http';
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.appToken as string, installerOptions: { clientOptions }, ...loggerOptions })
      : new HTTPReceiver({
          signingSecret: config.signingSecret as string,
          endpoints: '/slack/events',
          // The health paths on the events port too (the side port serves them as well); /healthz is /livez.
          customRoutes: HEALTH_PATHS.map((path) => ({
            path,
            method: 'GET',
            handler: (req, res) => void handleHealthRequest(req, res, readiness, metrics),
          })),
          ...loggerOptions,
        });
  // Initialised in start(), so a token Slack rejects is one clear line rather than an unhandled rejection.
  const app = new App({ token: config.botToken, receiver, clientOptions, deferInitialization: true, ...loggerOptions });
  const logger: Logger = app.logger;
  connection = new SlackConnection({
    app,
    mode,
    readiness,
    logger: observe.logger,
    ...(receiver instanceof SocketModeReceiver ? { socketClient: receiver.client as unknown as EventEmitter } : {}),
  });
  readiness.set('catalogue', true, 'loaded');
  const store = countStoreErrors(deps.store, metrics);
  if (deps.store instanceof RedisStore) {
    // Read through the store itself, not the local fallback: readiness says whether Redis answers.
    readiness.addProbe('redis', async () => {
      await store.get('readyz');
      return { ok: true, detail: 'reachable' };
    });
  }
  const services = createServices(config, { ...deps, store, logger, observe, matcher: instrumentMatcher(deps.matcher, metrics) });
  if (deps.fixActions?.config.enabled) {
    // `store` is the shared store itself (only counted), never services.store's local fallback: actions fail closed.
    // One process's memory is lost only with the runs it holds, so only Redis, which can restart empty under
    // running fixes, makes locks and the budget wait for a new store to settle.
    const settle = deps.fixActions.storeSettleMs ?? (deps.store instanceof RedisStore ? undefined : 0);
    services.fix = createFixActions({ ...deps.fixActions, ...(settle !== undefined ? { storeSettleMs: settle } : {}) }, store, app.client, logger, metrics);
  }
  app.use(observeRequests(observe));
  if (receiver instanceof HTTPReceiver) {
    installRequestGate(receiver, { signingSecret: config.signingSecret as string, endpoint: '/slack/events', replays: services.replays, logger });
  }
  registerListeners(app, services);
  app.error(async (error) => {
    logger.error(`k8sfix: unhandled error in a listener (${error.code ?? 'no code'}): ${error.message}`);
  });

  let listening = false;
  return {
    app,
    services,
    mode,
    observe,
    async start(port = config.port, healthPort = config.healthPort) {
      const health = await observe.health.listen(healthPort);
      let httpPort: number | undefined;
      await connection.connect(async () => {
        if (mode === 'socket') {
          await app.start();
        } else {
          const server = (await app.start(port)) as unknown as { address(): AddressInfo | string | null };
          const address = server.address();
          httpPort = typeof address === 'object' && address ? address.port : port;
        }
        listening = true;
      });
      await services.fix?.groups.probe(services.fix.config.approvers.groupIds);
      return httpPort === undefined ? { healthPort: health } : { port: httpPort, healthPort: health };
    },
    async stop() {
      connection.stop();
      if (listening) await app.stop();
      await observe.health.close();
      services.fix?.close();
      await services.store.close();
    },
  };
}
