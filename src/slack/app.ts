import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger } from '@slack/bolt';
import type { SlackConfig } from './config.js';
import { installRequestGate } from './http/install-request-gate.js';
import { registerListeners } from './listeners/index.js';
import { createServices, type Services, type SlackDeps } from './services.js';

export interface SlackApp {
  app: App;
  services: Services;
  mode: 'socket' | 'http';
  /** Connects (Socket Mode) or listens (HTTP, on `port`, 0 for any free one). Resolves with the HTTP port. */
  start(port?: number): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

const LEVELS: Record<SlackConfig['logLevel'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/**
 * The Bolt app: Socket Mode when an app token is configured, otherwise the HTTP receiver on `/slack/events`, with
 * `/healthz`, behind a gate that verifies each request's signature, refuses timestamps more than five minutes
 * old or ahead and requests already seen, and answers 400 to a signed body the app cannot serve.
 */
export function createSlackApp(config: SlackConfig, deps: SlackDeps): SlackApp {
  const logLevel = LEVELS[config.logLevel];
  const clientOptions = {
    // Rate-limited calls wait for Retry-After and try again; other failures retry a few times, quickly.
    retryConfig: { retries: 5, factor: 2, minTimeout: 200, maxTimeout: 5000 },
    timeout: 15_000,
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
  };
  const loggerOptions = deps.logger ? { logger: deps.logger } : { logLevel };
  const mode = config.appToken ? 'socket' : 'http';
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.appToken as string, installerOptions: { clientOptions }, ...loggerOptions })
      : new HTTPReceiver({
          signingSecret: config.signingSecret as string,
          endpoints: '/slack/events',
          customRoutes: [
            {
              path: '/healthz',
              method: 'GET',
              handler: (_req, res) => {
                res.writeHead(200, { 'content-type': 'text/plain' });
                res.end('ok');
              },
            },
          ],
          ...loggerOptions,
        });
  const app = new App({ token: config.botToken, receiver, clientOptions, ...loggerOptions });
  const logger: Logger = app.logger;
  const services = createServices(config, { ...deps, logger });
  if (receiver instanceof HTTPReceiver) {
    installRequestGate(receiver, { signingSecret: config.signingSecret as string, endpoint: '/slack/events', replays: services.replays, logger });
  }
  registerListeners(app, services);
  app.error(async (error) => {
    logger.error(`k8sfix: unhandled error in a listener (${error.code ?? 'no code'}): ${error.message}`);
  });

  return {
    app,
    services,
    mode,
    async start(port = config.port) {
      if (mode === 'socket') {
        await app.start();
        return {};
      }
      const server = (await app.start(port)) as unknown as { address(): AddressInfo | string | null };
      const address = server.address();
      return { port: typeof address === 'object' && address ? address.port : port };
    },
    async stop() {
      await app.stop();
      await services.store.close();
    },
  };
}
