import type { EventEmitter } from 'node:events';
import type { App } from '@slack/bolt';
import type { PinoLogger } from '../observe/logger.js';
import type { Readiness } from '../observe/readiness.js';
import { SlackTokenRejectedError, tokenRejectionOf } from './errors/slack-token-rejected-error.js';
import type { SlackFetchHooks } from './slack-fetch.js';

export interface SlackConnectionOptions {
  app: App;
  mode: 'socket' | 'http';
  readiness: Readiness;
  logger: PinoLogger;
  /** The Socket Mode client, whose connected / disconnected events say whether the socket is up. */
  socketClient?: EventEmitter;
  /** First pause between attempts at start; doubles up to maxDelayMs. Default 1000. */
  firstDelayMs?: number;
  /** Default 30000. */
  maxDelayMs?: number;
  /** After this long unreachable at start, warn once and keep retrying in the background. Default 60000. */
  graceMs?: number;
}

/**
 * Whether k8sfix can talk to Slack, for /readyz, and the start-up that gets it there. At start the bot token is
 * checked with auth.test: a token Slack rejects ends the start with one line saying what to fix (no stack trace,
 * no retry: a crash loop would not fix it), while Slack being unreachable is retried with back-off for as long as
 * it takes, with /livez up and /readyz saying why. Later, a call that gets no answer marks Slack unreachable
 * until auth.test answers again.
 */
export class SlackConnection implements SlackFetchHooks {
  private initialized = false;
  private socketUp = false;
  private unreachableReason: string | undefined;
  private rejected: string | undefined;
  private stopped = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private probeDelayMs: number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: SlackConnectionOptions) {
    this.firstDelayMs = options.firstDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.probeDelayMs = this.firstDelayMs;
    options.socketClient?.on('connected', () => {
      this.socketUp = true;
      this.publish();
    });
    const down = (): void => {
      this.socketUp = false;
      this.publish();
    };
    // 'close' is the socket going away; the client says 'reconnecting' only when its retry starts, seconds later.
    options.socketClient?.on('close', down);
    options.socketClient?.on('disconnected', down);
    options.socketClient?.on('reconnecting', down);
    this.publish();
  }

  /** Checks the bot token, then starts the receiver; retries while Slack is unreachable. Rejects with SlackTokenRejectedError. */
  async connect(startReceiver: () => Promise<void>): Promise<void> {
    const began = Date.now();
    const graceMs = this.options.graceMs ?? 60_000;
    let delay = this.firstDelayMs;
    let warned = false;
    for (;;) {
      if (this.stopped) throw new Error('k8sfix: stopped before Slack was reached');
      try {
        if (!this.initialized) {
          await this.options.app.init();
          this.initialized = true;
          this.publish();
        }
        await startReceiver();
        return;
      } catch (error) {
        const rejection = tokenRejectionOf(error);
        if (rejection) throw new SlackTokenRejectedError(this.initialized ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN', rejection);
        const code = (error as { code?: unknown }).code;
        if (code === 'EADDRINUSE' || code === 'EACCES') throw error;
        this.unreachableReason = describe(error);
        this.publish();
        const log = { reason: this.unreachableReason, retryInMs: delay };
        if (!warned && Date.now() - began >= graceMs) {
          warned = true;
          this.options.logger.warn(log, `k8sfix: Slack still unreachable after ${Math.round((Date.now() - began) / 1000)} s; retrying in the background`);
        } else this.options.logger.info(log, 'k8sfix: Slack unreachable at start; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, this.maxDelayMs);
      }
    }
  }

  reachable(): void {
    if (this.unreachableReason === undefined) return;
    this.unreachableReason = undefined;
    this.probeDelayMs = this.firstDelayMs;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    if (this.initialized) this.options.logger.info('k8sfix: Slack is reachable again');
    this.publish();
  }

  unreachable(reason: string): void {
    const first = this.unreachableReason === undefined;
    this.unreachableReason = reason;
    this.publish();
    // At start the connect loop retries; afterwards a background auth.test finds out when Slack is back.
    if (this.initialized && first) {
      this.options.logger.warn({ reason }, 'k8sfix: Slack unreachable; retrying with back-off');
      this.scheduleProbe();
    }
  }

  tokenRejected(method: string, error: string): void {
    if (!this.initialized) return; // the connect loop reports it
    const variable = method === 'apps.connections.open' ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
    const rejected = new SlackTokenRejectedError(variable, error).message.replace(/^k8sfix cannot start: /, '');
    // Every call with the token fails the same way from now on: said once, not once per message or reconnect.
    if (rejected === this.rejected) return;
    this.rejected = rejected;
    this.options.logger.error(`k8sfix: ${this.rejected}`);
    this.publish();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.probeTimer);
  }

  private scheduleProbe(): void {
    if (this.stopped || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      this.options.app.client.auth.test().then(
        () => this.reachable(),
        () => {
          this.probeDelayMs = Math.min(this.probeDelayMs * 2, this.maxDelayMs);
          if (this.unreachableReason !== undefined) this.scheduleProbe();
        },
      );
    }, this.probeDelayMs);
    this.probeTimer.unref();
  }

  private publish(): void {
    const { readiness, mode } = this.options;
    if (this.rejected) readiness.set('slack', false, this.rejected);
    else if (this.unreachableReason !== undefined) readiness.set('slack', false, `Slack unreachable: ${this.unreachableReason}; retrying`);
    else if (!this.initialized) readiness.set('slack', false, 'checking the bot token with auth.test');
    else if (mode === 'socket' && !this.socketUp) readiness.set('slack', false, 'Socket Mode connection not open (connecting or reconnecting)');
    else readiness.set('slack', true, mode === 'socket' ? 'connected over Socket Mode' : 'bot token accepted; Slack reachable');
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const original = (error as { original?: unknown }).original;
  const inner = original instanceof Error ? `: ${original.message}` : '';
  return `${error.message}${inner}`.slice(0, 300);
}
