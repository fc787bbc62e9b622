export const RESPONSE_URL_FAILED = 'k8sfix_response_url_failed' as const;

/** Posting to a command's or button's `response_url` failed for good (after the retries Slack asked for). */
export class ResponseUrlError extends Error {
  readonly code = RESPONSE_URL_FAILED;

  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(
      `Slack refused the reply to response_url (HTTP ${status}${detail ? `: ${detail}` : ''}): ` +
        'a response_url works for 30 minutes and 5 replies; the user can run the command again',
    );
    this.name = 'ResponseUrlError';
  }
}

export function isResponseUrlError(error: unknown): error is ResponseUrlError {
  return error instanceof Error && (error as { code?: unknown }).code === RESPONSE_URL_FAILED;
}
