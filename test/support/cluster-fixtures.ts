import { readFileSync } from 'node:fs';

/** A recorded cluster in test/fixtures/clusters (version, nodes, bare-metal Cluster resources), for the fake API server. */
export function clusterFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/clusters/${name}.json`, import.meta.url), 'utf8')) as T;
}
