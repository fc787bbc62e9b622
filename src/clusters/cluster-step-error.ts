/**
 * A request to a cluster failed; `step` says which one (`list nodes`), `subject` what it reads (`the node list`),
 * `cause` is what client-node threw.
 */
export class ClusterStepError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
    readonly subject: string = step,
  ) {
    super(`${step} failed`);
    this.name = 'ClusterStepError';
  }
}
