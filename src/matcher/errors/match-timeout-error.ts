/** A paste took longer than the matcher's time budget; its worker was ended and the paste was not read. */
export class MatchTimeoutError extends Error {
  readonly code = 'match_timeout';

  constructor(readonly budgetMs: number) {
    super(`reading this paste took longer than ${budgetMs} ms and was stopped`);
    this.name = 'MatchTimeoutError';
  }
}

export function isMatchTimeoutError(error: unknown): error is MatchTimeoutError {
  return error instanceof MatchTimeoutError;
}
