export const FILE_READ_FAILED = 'k8sfix_file_read_failed' as const;

/**
 * A shared file could not be read; the message is user-facing and says why. `binary` only when the type Slack
 * gave or the bytes themselves show it is not text; `no-access` when Slack would not show k8sfix the file
 * (Slack Connect stubs, missing scope, a file from a channel the bot is not in).
 */
export class FileReadError extends Error {
  readonly code = FILE_READ_FAILED;

  constructor(
    readonly fileName: string,
    readonly reason: 'too-large' | 'binary' | 'no-access' | 'download-failed' | 'untrusted-url',
    message: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

export function isFileReadError(error: unknown): error is FileReadError {
  return error instanceof Error && (error as { code?: unknown }).code === FILE_READ_FAILED;
}
