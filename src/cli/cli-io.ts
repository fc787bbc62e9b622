/** Where a command writes; the real process streams in main.ts, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A usage mistake: printed with the usage line, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

export const EXIT_MATCH = 0;
export const EXIT_NO_MATCH = 1;
export const EXIT_USAGE = 2;
