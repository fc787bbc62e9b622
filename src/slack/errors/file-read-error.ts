export const FILE_READ_FAILED = 'k8sfix_file_read_failed' as const;

/** A shared file could not be read (too large, not text, or the download failed); the reason is user-facing. */
export class FileReadError extends Error {
  readonly code = FILE_READ_FAILED;

  constructor(
    readonly fileName: string,
    readonly reason: 'too-large' | 'not-text' | 'download-failed' | 'untrusted-url',
    message: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

export function isFileReadError(error: unknown): error is FileReadError {
  return error instanceof Error && (error as { code?: unknown }).code === FILE_READ_FAILED;
}
