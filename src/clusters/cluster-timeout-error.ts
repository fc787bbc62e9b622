/** A cluster did not answer within the configured time. */
export class ClusterTimeoutError extends Error {
  readonly code = 'timeout';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'ClusterTimeoutError';
  }
}

export function isClusterTimeoutError(error: unknown): error is ClusterTimeoutError {
  return error instanceof ClusterTimeoutError;
}
