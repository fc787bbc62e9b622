/** The code carried by every {@link StoreUnavailableError}, so handlers can branch without parsing messages. */
export const STORE_UNAVAILABLE = 'k8sfix_store_unavailable' as const;

/**
 * Why the store cannot serve: it cannot be reached, it answers but refuses the command (out of memory under
 * `noeviction`, a read-only replica after a failover, still loading), it did not answer in time, or this process
 * closed it. Reads may still work while writes are refused, so callers treat every kind as "unavailable".
 */
export type StoreUnavailableReason = 'unreachable' | 'refused' | 'timeout' | 'closed';

/**
 * The shared store cannot serve a call. Raised quickly instead of letting a call hang, so a listener can still
 * answer the user; the store keeps reconnecting and works again once its backend is back.
 * The message names the target with any credentials removed, and says what to check.
 */
export class StoreUnavailableError extends Error {
  readonly code = STORE_UNAVAILABLE;
  readonly reason: StoreUnavailableReason;

  /**
   * @param target where the store points, already free of credentials (e.g. `redis://127.0.0.1:6390`)
   * @param options.cause the underlying client error
   * @param options.closed true when the store was closed by this process rather than lost
   * @param options.reason what went wrong (default unreachable, or closed)
   * @param options.detail the backend's own words for a refusal (e.g. `OOM command not allowed ...`)
   */
  constructor(
    readonly target: string,
    options: { cause?: unknown; closed?: boolean; reason?: StoreUnavailableReason; detail?: string } = {},
  ) {
    const reason = options.closed ? 'closed' : (options.reason ?? 'unreachable');
    super(messageFor(target, reason, options.detail), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreUnavailableError';
    this.reason = reason;
  }
}

function messageFor(target: string, reason: StoreUnavailableReason, detail: string | undefined): string {
  switch (reason) {
    case 'closed':
      return `Redis store for ${target} is closed: it was shut down by this process and cannot be used again`;
    case 'refused':
      return (
        `Redis at ${target} refuses the command (${(detail ?? 'no detail').split('\n')[0]?.slice(0, 160)}): ` +
        'check its memory (maxmemory, or a maxmemory-policy that evicts), that REDIS_URL points at the primary, and its log'
      );
    case 'timeout':
      return `Redis at ${target} did not answer in time: check the network to it and its load`;
    case 'unreachable':
      return `Redis at ${target} is unreachable: check REDIS_URL and that Redis is running`;
  }
}

export function isStoreUnavailableError(error: unknown): error is StoreUnavailableError {
  return (
    error instanceof StoreUnavailableError ||
    (error instanceof Error && (error as { code?: unknown }).code === STORE_UNAVAILABLE)
  );
}
