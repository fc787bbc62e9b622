import { describe, expect, test } from '@jest/globals';
import { isClusterConfigError, loadClusterConfigFromEnv } from '../../src/clusters/index.js';

describe('loadClusterConfigFromEnv', () => {
  test('reads the allowlist, timeout, response cap and TTL', () => {
    expect(
      loadClusterConfigFromEnv({
        K8SFIX_CONTEXTS: ' prod-eu, prod-us ,prod-eu',
        K8SFIX_CLUSTER_TIMEOUT_MS: '2500',
        K8SFIX_CLUSTER_MAX_RESPONSE_BYTES: '33554432',
        K8SFIX_FACTS_TTL_MS: '0',
        KUBECONFIG: '/a:/b',
      }),
    ).toEqual({ contexts: ['prod-eu', 'prod-us'], timeoutMs: 2500, maxResponseBytes: 33554432, cacheTtlMs: 0, kubeconfig: '/a:/b' });
  });

  test('unset variables leave the defaults to the service', () => {
    expect(loadClusterConfigFromEnv({})).toEqual({});
  });

  test.each([
    [{ K8SFIX_CONTEXTS: 'prod-eu,,prod-us' }, 'K8SFIX_CONTEXTS', 'separated by commas only'],
    [{ K8SFIX_CONTEXTS: 'prod eu' }, 'K8SFIX_CONTEXTS', 'contains a space'],
    [{ K8SFIX_CLUSTER_TIMEOUT_MS: '5s' }, 'K8SFIX_CLUSTER_TIMEOUT_MS', 'e.g. K8SFIX_CLUSTER_TIMEOUT_MS=5000'],
    [{ K8SFIX_CLUSTER_TIMEOUT_MS: '10' }, 'K8SFIX_CLUSTER_TIMEOUT_MS', 'from 100 to 120000'],
    [{ K8SFIX_FACTS_TTL_MS: '-1' }, 'K8SFIX_FACTS_TTL_MS', '0 turns the cache off'],
    [{ K8SFIX_CLUSTER_MAX_RESPONSE_BYTES: '16MiB' }, 'K8SFIX_CLUSTER_MAX_RESPONSE_BYTES', 'a whole number of bytes from 1024 to 1073741824'],
    [{ K8SFIX_CLUSTER_MAX_RESPONSE_BYTES: '100' }, 'K8SFIX_CLUSTER_MAX_RESPONSE_BYTES', 'e.g. K8SFIX_CLUSTER_MAX_RESPONSE_BYTES=33554432 (32 MiB'],
  ])('%j is refused with what to fix', (env, variable, hint) => {
    let caught: unknown;
    try {
      loadClusterConfigFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(isClusterConfigError(caught)).toBe(true);
    expect(caught).toMatchObject({ variable, message: expect.stringContaining(hint) });
  });

  test('a token set in the wrong variable is named by its variable, never shown', () => {
    const token = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkJ4cW9ZcEt0Nk1v.eyJpc3MiOiJrdWJlcm5ldGVz';
    for (const variable of ['K8SFIX_CLUSTER_TIMEOUT_MS', 'K8SFIX_CLUSTER_MAX_RESPONSE_BYTES', 'K8SFIX_FACTS_TTL_MS', 'K8SFIX_CONTEXTS']) {
      let caught: unknown;
      try {
        loadClusterConfigFromEnv({ [variable]: variable === 'K8SFIX_CONTEXTS' ? `prod-eu, ${token} staging` : token });
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ variable, message: expect.stringContaining('looks like a token') });
      expect((caught as Error).message).not.toContain(token.slice(0, 12));
    }
  });
});
