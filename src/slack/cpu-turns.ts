/**
 * Runs CPU-heavy work (the matcher) one job per event-loop turn. Between two jobs Node goes back to the poll
 * phase, so requests that arrived meanwhile are read, verified and acknowledged first: a burst of commands
 * cannot hold an acknowledgement behind everyone else's matching (Slack allows 3 s to acknowledge).
 */
let tail: Promise<unknown> = Promise.resolve();

export function inOwnTurn<T>(job: () => T): Promise<T> {
  const run = tail.then(
    () =>
      new Promise<T>((resolve, reject) => {
        setImmediate(() => {
          try {
            resolve(job());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }),
  );
  tail = run.catch(() => undefined);
  return run;
}
