/** Why an action refused or failed; every code says what the person should do next in `message`. */
export type ActionErrorCode =
  | 'invalid-params'
  | 'unknown-action'
  | 'disabled'
  | 'refused'
  | 'not-found'
  | 'stale'
  | 'conflict'
  | 'forbidden'
  | 'api-error';

export class ActionError extends Error {
  override readonly name = 'ActionError';
  constructor(
    readonly code: ActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isActionError(error: unknown): error is ActionError {
  return error instanceof ActionError;
}
