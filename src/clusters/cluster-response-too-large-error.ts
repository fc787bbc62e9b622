import { formatBytes } from './format-bytes.js';

/**
 * A cluster's API server sent more bytes in one answer than `K8SFIX_CLUSTER_MAX_RESPONSE_BYTES`; k8sfix closed
 * the connection at that point instead of holding an answer that may never end.
 */
export class ClusterResponseTooLargeError extends Error {
  readonly code = 'too-large';
  constructor(
    /** The kubeconfig context that sent it. */
    readonly context: string,
    /** The request, `GET /api/v1/nodes`, without the query (a continue token is the server's, not ours to log). */
    readonly request: string,
    readonly limitBytes: number,
  ) {
    super(`${context}: the API server sent more than ${formatBytes(limitBytes)} in answer to ${request}; k8sfix stopped reading`);
    this.name = 'ClusterResponseTooLargeError';
  }
}

export function isClusterResponseTooLargeError(error: unknown): error is ClusterResponseTooLargeError {
  return error instanceof ClusterResponseTooLargeError;
}
