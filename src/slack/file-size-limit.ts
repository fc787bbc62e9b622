import { FileReadError } from './errors/file-read-error.js';

/**
 * The one place that decides whether a shared file is too large to read, whether the size comes from Slack's
 * file object (`declared`) or from counting the bytes of the download (`read`, for a file whose size Slack did
 * not give or gave wrong). Throws the user-facing {@link FileReadError}.
 */
export function checkFileSize(name: string, bytes: number, maxBytes: number, how: 'declared' | 'read'): void {
  if (bytes <= maxBytes) return;
  const limit = formatBytes(maxBytes);
  throw new FileReadError(
    name,
    'too-large',
    how === 'declared'
      ? `skipped ${name}: it is ${formatBytes(bytes)}, over the ${limit} limit (K8SFIX_MAX_FILE_BYTES); paste the lines around the error instead`
      : `skipped ${name}: it is over the ${limit} limit (K8SFIX_MAX_FILE_BYTES); paste the lines around the error instead`,
  );
}

function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.round(n / 1000)} KB`;
}
