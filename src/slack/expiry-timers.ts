/** A store that cannot be reached is asked again this often, this many times (ten minutes), before the click decides. */
const RETRY_MS = 30_000;
const MAX_RETRIES = 20;
/** A request not due yet by the store's clock is looked at again no sooner than this. */
const MIN_RECHECK_MS = 1000;

export interface ExpiryTimersOptions {
  now?: () => number;
  onError?: (requestId: string, error: unknown) => void;
  /** Default 30 s. */
  retryMs?: number;
}

/**
 * What to do when a request's time is up: `ended` when it ended now, `again` with a time when it is not due yet
 * (another replica's clock) or the store could not be asked, `done` when there is nothing to do (it was approved,
 * rejected or cancelled first).
 */
export type DueOutcome = { kind: 'ended' } | { kind: 'done' } | { kind: 'again'; at: number; storeDown?: boolean };

/**
 * One timer per open approval request, so the request's message shows "Expired" with its buttons gone when its
 * time is up, not only when somebody clicks it later. The replica that posts a request sets its timer; every
 * replica also sets timers for the open requests it reads in the audit trail (`followOpenRequests`), so a request
 * whose replica stopped still ends on time. Whichever timer or click comes first, the store's compare-and-set
 * ends the request once.
 */
export class ExpiryTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  private readonly now: () => number;
  private readonly onError: (requestId: string, error: unknown) => void;
  private readonly retryMs: number;

  constructor(
    private readonly due: (requestId: string) => Promise<DueOutcome>,
    options: ExpiryTimersOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
    this.retryMs = options.retryMs ?? RETRY_MS;
  }

  schedule(requestId: string, at: number): void {
    this.arm(requestId, at, 0);
  }

  /** True when the request has a timer here. */
  has(requestId: string): boolean {
    return this.timers.has(requestId);
  }

  /** How many requests have a timer. */
  get size(): number {
    return this.timers.size;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(requestId: string, at: number, retries: number): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(requestId));
    // A timer never holds the process open, and setTimeout's largest delay is about 24.8 days.
    const delay = Math.min(Math.max(0, at - this.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers.delete(requestId);
      this.due(requestId).then(
        (outcome) => {
          if (outcome.kind !== 'again') return;
          if (outcome.storeDown && retries >= MAX_RETRIES) return;
          if (outcome.storeDown) this.arm(requestId, this.now() + this.retryMs, retries + 1);
          else this.arm(requestId, Math.max(outcome.at, this.now() + MIN_RECHECK_MS), retries);
        },
        (error: unknown) => this.onError(requestId, error),
      );
    }, delay);
    timer.unref();
    this.timers.set(requestId, timer);
  }
}
