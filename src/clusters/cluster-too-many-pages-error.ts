/**
 * A paged list did not end: the API server kept sending `continue` tokens past the page limit, or sent a token it
 * had sent before (the list would loop forever). k8sfix stops asking rather than spin on requests.
 */
export class ClusterTooManyPagesError extends Error {
  readonly code = 'too-many-pages';
  constructor(
    /** The kubeconfig context that sent it. */
    readonly context: string,
    /** Pages read before k8sfix stopped. */
    readonly pages: number,
    /** `limit`: more than the page limit; `repeated-token`: a continue token came back a second time. */
    readonly why: 'limit' | 'repeated-token',
  ) {
    super(
      why === 'limit'
        ? `${context}: the list went on past ${pages} pages; k8sfix stopped asking`
        : `${context}: the API server sent a continue token it had sent before (after ${pages} pages); k8sfix stopped asking`,
    );
    this.name = 'ClusterTooManyPagesError';
  }
}

export function isClusterTooManyPagesError(error: unknown): error is ClusterTooManyPagesError {
  return error instanceof ClusterTooManyPagesError;
}
