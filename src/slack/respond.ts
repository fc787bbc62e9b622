import { ResponseUrlError } from './errors/response-url-error.js';

export type FetchFn = typeof globalThis.fetch;

export interface RespondOptions {
  fetch?: FetchFn;
  /** Retries after a 429 (waiting as long as `Retry-After` says, at most 30 s each) or a network error. Default 3. */
  retries?: number;
}

/** A response_url body: a message plus how Slack should place it. */
export interface ResponseUrlBody {
  text: string;
  blocks?: unknown[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
}

/**
 * Posts to a response_url. Slack answers 429 with `Retry-After` when a response_url is used too fast; this
 * waits as asked and tries again, and throws a {@link ResponseUrlError} only when Slack keeps refusing.
 */
export async function postToResponseUrl(url: string, body: ResponseUrlBody, options: RespondOptions = {}): Promise<void> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      if (attempt < retries) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      throw new ResponseUrlError(0, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return;
    if (response.status === 429 && attempt < retries) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await sleep(Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000, 30_000));
      continue;
    }
    if (response.status >= 500 && attempt < retries) {
      await sleep(250 * 2 ** attempt);
      continue;
    }
    throw new ResponseUrlError(response.status, text.slice(0, 200));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
