/** A request to a cluster failed; `step` says which one (`list nodes`), `cause` is what client-node threw. */
export class ClusterStepError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step} failed`);
    this.name = 'ClusterStepError';
  }
}
