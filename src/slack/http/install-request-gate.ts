import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver, Logger } from '@slack/bolt';
import { parseRequestBody } from './parse-request-body.js';
import { BODY_LIMIT_BYTES, readBody } from './read-body.js';
import type { ReplayGuard } from './replay-guard.js';
import { verifySignature } from './verify-signature.js';

export interface RequestGateOptions {
  signingSecret: string;
  /** The path Bolt serves Slack's requests on. */
  endpoint: string;
  replays: ReplayGuard;
  logger: Logger;
  bodyLimit?: number;
}

/**
 * Puts a gate in front of Bolt's HTTP receiver for Slack's requests: 413 past the body limit, 401 for a bad or
 * missing signature, a timestamp more than five minutes old *or ahead*, or a (timestamp, signature) pair already
 * seen; 400 for a validly signed body that is not the shape of a request the app serves. Only what passes reaches
 * Bolt, which verifies the signature once more. Other paths (`/healthz`) go straight to Bolt.
 *
 * Why a gate and not Bolt's checks alone: Bolt accepts timestamps in the future, keeps no record of requests
 * seen, and reads fields of the parsed body unchecked inside a promise nobody awaits, so a signed `null` ended the
 * process with an unhandled rejection.
 */
export function installRequestGate(receiver: HTTPReceiver, options: RequestGateOptions): void {
  const inner = receiver.requestListener;
  const { logger } = options;
  const refuse = (res: ServerResponse, status: number, why: string): void => {
    logger.warn(`k8sfix: refused a request to ${options.endpoint} (HTTP ${status}): ${why}`);
    if (!res.headersSent) res.writeHead(status, status === 413 ? { connection: 'close' } : {});
    res.end();
  };

  async function gate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, options.bodyLimit ?? BODY_LIMIT_BYTES);
    if (raw === 'too-large') return refuse(res, 413, 'body larger than Slack sends');
    const parsed = parseRequestBody(raw, req.headers['content-type']);
    // Slack's certificate check is unsigned by design; Bolt answers it and drops anything smuggled along.
    if (!(parsed.ok && parsed.kind === 'ssl_check')) {
      const check = verifySignature(options.signingSecret, { timestamp: req.headers['x-slack-request-timestamp'], signature: req.headers['x-slack-signature'] }, raw);
      if (!check.ok) return refuse(res, 401, check.reason);
      if (!(await options.replays.firstSight(check.timestamp, check.signature))) return refuse(res, 401, 'this signed request was already received (a replay)');
      if (!parsed.ok) return refuse(res, 400, `signed, but ${parsed.problem}`);
      if (parsed.kind === 'app_rate_limited') {
        logger.warn('k8sfix: Slack reports that this app passed the Events API rate limit; some events of the last minute were not sent');
        res.writeHead(200);
        res.end();
        return;
      }
    }
    // Bolt reads the body from here instead of the (already consumed) stream.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    inner(req, res);
  }

  receiver.requestListener = (req, res) => {
    let path: string | undefined;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      path = undefined;
    }
    // Not Slack's endpoint: Bolt routes it (or throws synchronously, which its server turns into 404/500).
    if (req.method !== 'POST' || path !== options.endpoint) return inner(req, res);
    gate(req, res).catch((error: unknown) => {
      logger.error(`k8sfix: could not handle a request to ${options.endpoint}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}
