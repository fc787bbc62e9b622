/** The code carried by every {@link StoreUnavailableError}, so handlers can branch without parsing messages. */
export const STORE_UNAVAILABLE = 'k8sfix_store_unavailable' as const;

/**
 * The shared store cannot be reached (or was closed). Raised quickly instead of letting a call hang, so a
 * listener can still answer the user; the store keeps reconnecting and works again once its backend is back.
 * The message names the target with any credentials removed, and says what to check.
 */
export class StoreUnavailableError extends Error {
  readonly code = STORE_UNAVAILABLE;

  /**
   * @param target where the store points, already free of credentials (e.g. `redis://127.0.0.1:6390`)
   * @param options.cause the underlying client error
   * @param options.closed true when the store was closed by this process rather than lost
   */
  constructor(
    readonly target: string,
    options: { cause?: unknown; closed?: boolean } = {},
  ) {
    super(
      options.closed
        ? `Redis store for ${target} is closed: it was shut down by this process and cannot be used again`
        : `Redis at ${target} is unreachable: check REDIS_URL and that Redis is running`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'StoreUnavailableError';
  }
}

export function isStoreUnavailableError(error: unknown): error is StoreUnavailableError {
  return (
    error instanceof StoreUnavailableError ||
    (error instanceof Error && (error as { code?: unknown }).code === STORE_UNAVAILABLE)
  );
}
