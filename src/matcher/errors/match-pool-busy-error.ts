/** Every matcher worker is busy and the queue is full: the paste was not read, and nothing else is held up. */
export class MatchPoolBusyError extends Error {
  readonly code = 'match_busy';

  constructor(readonly queued: number) {
    super(`k8sfix is reading ${queued} other pastes right now`);
    this.name = 'MatchPoolBusyError';
  }
}

export function isMatchPoolBusyError(error: unknown): error is MatchPoolBusyError {
  return error instanceof MatchPoolBusyError;
}
