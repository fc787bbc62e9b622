/** A setting k8sfix read from the environment is wrong; `message` says which variable and how to fix it. */
export class ClusterConfigError extends Error {
  readonly code = 'invalid-cluster-config';
  constructor(
    /** The environment variable at fault, e.g. `K8SFIX_CLUSTER_TIMEOUT_MS`. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterConfigError';
  }
}

export function isClusterConfigError(error: unknown): error is ClusterConfigError {
  return error instanceof ClusterConfigError;
}
