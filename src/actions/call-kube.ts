import { ApiException } from '@kubernetes/client-node';
import { ActionError } from './action-error.js';

/** The HTTP status of a failed client-node call (ApiException.code), never parsed from a message. */
export function apiStatusOf(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/** The API server's own message from a Status body, first line only. */
function serverMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const body = typeof error.body === 'string' ? safeParse(error.body) : error.body;
    const message = (body as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string') return message.split('\n')[0]!.slice(0, 300);
  }
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Runs one API call and turns its failure into a coded ActionError: a precondition that no longer holds
 * (409, or 422 from a failed JSON-patch `test`) is `stale`, 404 `not-found`, 403 `forbidden`.
 */
export async function callKube<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toActionError(what, error);
  }
}

/** A failed API call as a coded ActionError (see callKube). */
export function toActionError(what: string, error: unknown): ActionError {
  if (error instanceof ActionError) return error;
  const status = apiStatusOf(error);
  const message = serverMessage(error);
  if (status === 409 || (status === 422 && /test/i.test(message))) {
    return new ActionError('stale', `${what}: the object changed since the plan (${message}); propose the fix again to plan it afresh`);
  }
  if (status === 404) return new ActionError('not-found', `${what}: not found (${message}); it may have been replaced or removed since the plan`);
  if (status === 403) {
    return new ActionError('forbidden', `${what}: forbidden (${message}); grant deploy/components/actions (or the mapped person's RBAC) for this call`);
  }
  return new ActionError('api-error', `${what} failed${status ? ` with HTTP ${status}` : ''}: ${message}`);
}
