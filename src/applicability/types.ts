/**
 * What a verdict means:
 * - `affected`: every documented version and platform condition that k8sfix can read holds for this cluster
 *   (for node conditions: for at least one node pool). Conditions it cannot read are listed in `checks`, with
 *   the command or place to check each; they do not by themselves make the verdict `unknown`.
 * - `not-affected`: a documented condition is false for every node pool: the version is outside the range or
 *   past the fix, or the cluster runs another platform, runtime or OS.
 * - `unknown`: a fact the decision needs is missing: no nodes listed, the admin cluster not connected when the
 *   condition is about the admin cluster, the source lost the version line, or the version is newer
 *   than anything the document covers and no fix is stated. The reason names the fact and how to provide it.
 */
export type Verdict = 'affected' | 'not-affected' | 'unknown';

/** The answer to "does this known issue apply to this cluster?", with the facts that decided it. */
export interface ApplicabilityResult {
  verdict: Verdict;
  /**
   * Sentences naming the fact that decided the verdict and, for node facts, the pool (`pool win-pool: runs
   * Windows Server 2019 Datacenter`); for `unknown`, which fact is missing and how to provide it. An `affected`
   * answer ends with the `checks`, so a reader of `reasons` alone sees them too.
   */
  reasons: string[];
  /** Conditions k8sfix could not read, each with the command or place to check it by hand. */
  checks: string[];
  /** The node pools whose facts decided the verdict; empty when only cluster facts did. */
  pools: string[];
}

/** Three-valued truth of one condition or of a combination of them. */
export type Truth = 'true' | 'false' | 'unknown';

/**
 * A condition evaluated against one subject (the cluster or one node), with why. `check` marks a condition
 * k8sfix could not read: it counts as holding for the verdict and is listed for a person to check.
 */
export interface Judgement {
  truth: Truth;
  reason: string;
  check?: string;
}
