/** Fix-action settings that cannot be used; each problem names the variable and a valid value. */
export class ActionsConfigError extends Error {
  override readonly name = 'ActionsConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`fix-action settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function isActionsConfigError(error: unknown): error is ActionsConfigError {
  return error instanceof ActionsConfigError;
}
