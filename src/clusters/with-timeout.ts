import { ClusterTimeoutError } from './cluster-timeout-error.js';

/** The promise's outcome, or a `ClusterTimeoutError` after `ms`; `onTimeout` runs then (to abort the requests). */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new ClusterTimeoutError(ms));
    }, ms);
  });
  // The losing request may still reject after an abort; nobody waits for it.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
