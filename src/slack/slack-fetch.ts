import type { Metrics } from '../observe/metrics.js';
import { tokenRejectionOf } from './errors/slack-token-rejected-error.js';

type FetchFn = typeof globalThis.fetch;

export interface SlackFetchHooks {
  /** Slack answered (any HTTP status): it is reachable. */
  reachable(): void;
  /** The request did not get an answer (DNS, refused, reset, timeout). */
  unreachable(reason: string): void;
  /** Slack answered `ok: false` with an error meaning the token is no longer accepted. */
  tokenRejected?(method: string, error: string): void;
}

/**
 * The fetch every Slack Web API client uses (Bolt's, Socket Mode's): counts failed calls by method and error and
 * tells the connection state whether Slack answered. Passed as the clients' `fetch` option, so it sees every
 * call, its retries included, without touching the clients.
 */
export function instrumentSlackFetch(base: FetchFn, metrics: Metrics, hooks: SlackFetchHooks): FetchFn {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = methodOf(url);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      metrics.slackApiErrors.inc({ method, error: 'request_error' });
      hooks.unreachable(error instanceof Error ? describe(error) : String(error));
      throw error;
    }
    hooks.reachable();
    if (response.status === 429) metrics.slackApiErrors.inc({ method, error: 'ratelimited' });
    else if (response.status !== 200) metrics.slackApiErrors.inc({ method, error: `http_${response.status}` });
    else if (response.headers.get('content-type')?.includes('json')) {
      const body = (await response.clone().json().catch(() => undefined)) as { ok?: unknown; error?: unknown } | undefined;
      if (body?.ok === false) {
        const error = typeof body.error === 'string' ? body.error.slice(0, 64) : 'unknown';
        metrics.slackApiErrors.inc({ method, error });
        if (tokenRejectionOf({ data: { error } })) hooks.tokenRejected?.(method, error);
      }
    }
    return response;
  };
}

/** `https://slack.com/api/chat.postMessage` → `chat.postMessage`; only API-like names, so labels stay few. */
function methodOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    return /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(last) ? last : 'other';
  } catch {
    return 'other';
  }
}

function describe(error: Error): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
