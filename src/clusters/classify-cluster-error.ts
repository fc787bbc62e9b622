import { ApiException } from '@kubernetes/client-node';
import { isClusterResponseTooLargeError } from './cluster-response-too-large-error.js';
import { ClusterStepError } from './cluster-step-error.js';
import { isClusterTimeoutError } from './cluster-timeout-error.js';
import { isClusterTooManyPagesError } from './cluster-too-many-pages-error.js';
import { describeParseError } from './describe-parse-error.js';
import { formatBytes } from './format-bytes.js';
import type { ClusterErrorCode } from './types.js';

const RBAC_HINT = 'grant the read-only ClusterRole in deploy/rbac-readonly.yaml';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const ENDLESS_HINT = 'check the API server and any proxy in front of it';
const TLS_PREFIXES = ['ERR_TLS_', 'ERR_SSL_', 'CERT_', 'UNABLE_TO_', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'ERR_OSSL_'];

/**
 * Turns what client-node threw into a code and a reason that says what to do. HTTP answers are told apart by
 * `ApiException.code`, network failures by the system error `code` node-fetch copies; never by message text.
 */
export function classifyClusterError(error: unknown, server: string, timeoutMs: number): { code: ClusterErrorCode; reason: string } {
  if (isClusterTimeoutError(error)) {
    return {
      code: 'timeout',
      reason: `no answer from ${server} within ${timeoutMs} ms: check that the API server is reachable from here (VPN, authorized networks), or raise K8SFIX_CLUSTER_TIMEOUT_MS`,
    };
  }
  const step = error instanceof ClusterStepError ? error.step : 'reach the cluster';
  const subject = error instanceof ClusterStepError ? error.subject : 'its answer';
  const cause = error instanceof ClusterStepError ? error.cause : error;
  // Every view puts the context before the reason (`prod-eu: ...`), so the reason names what was too much.
  if (isClusterResponseTooLargeError(cause)) {
    return {
      code: 'too-large',
      reason:
        `the API server sent more than ${formatBytes(cause.limitBytes)} for ${subject}; k8sfix stopped reading ` +
        '(raise K8SFIX_CLUSTER_MAX_RESPONSE_BYTES if the cluster really is that large)',
    };
  }
  if (isClusterTooManyPagesError(cause)) {
    return {
      code: 'too-many-pages',
      reason:
        cause.why === 'limit'
          ? `the API server kept ${subject} going past ${cause.pages} pages, more than any cluster has; k8sfix stopped asking: ${ENDLESS_HINT}`
          : `the API server sent the same continue token twice for ${subject}, so the list would never end; k8sfix stopped asking after ${cause.pages} pages: ${ENDLESS_HINT}`,
    };
  }
  const status = httpStatus(cause);
  if (status === 401) {
    return {
      code: 'unauthorized',
      reason: `the API server rejected the credentials (401) to ${step}: refresh the token or client certificate of this kubeconfig context (for GKE: gcloud container clusters get-credentials CLUSTER)`,
    };
  }
  if (status === 403) return { code: 'forbidden', reason: `forbidden to ${step}: ${RBAC_HINT}` };
  if (status !== undefined) {
    return { code: 'error', reason: `the API server answered HTTP ${status} to ${step}: check the API server's health, then try again` };
  }
  const systemCode = errorCode(cause);
  if (systemCode && TLS_PREFIXES.some((prefix) => systemCode.startsWith(prefix))) {
    return {
      code: 'tls',
      reason: `TLS verification of ${server} failed (${systemCode}): the server certificate does not match the certificate-authority-data of this kubeconfig context; fetch a fresh kubeconfig for the cluster`,
    };
  }
  if (systemCode && UNREACHABLE.has(systemCode)) {
    return { code: 'unreachable', reason: `cannot reach ${server} (${systemCode}): check the server address in the kubeconfig and the network path (VPN, firewall)` };
  }
  // A parse error (an exec plugin's output, a body that is not JSON) quotes what it parsed: keep its message only.
  const message = describeParseError(cause) ?? (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  return { code: 'error', reason: `cannot ${step}: ${message}` };
}

/** The HTTP status of a client-node ApiException. */
export function httpStatus(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // node-fetch's FetchError carries the system code; a wrapped error may carry it on its cause.
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
