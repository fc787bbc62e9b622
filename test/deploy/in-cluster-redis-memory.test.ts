/**
 * The in-cluster Redis (deploy/base/redis/statefulset.yaml) run as its manifest says, with a small memory cap:
 * when it is full, it must drop cached state (answers, facts, every key with a time to live) and keep the audit
 * trail, a stream without one that fix actions chain their records on.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { AUDIT_LOG } from '../../src/approvals/audit-trail.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { startRedisServer, type RedisServer, type StartRedisServerOptions } from '../support/redis-server.js';

interface StatefulSet {
  spec: { template: { spec: { containers: { name: string; command: string[] }[] } } };
}

async function manifestPolicy(): Promise<string> {
  const manifest = parse(await readFile(new URL('../../deploy/base/redis/statefulset.yaml', import.meta.url), 'utf8')) as StatefulSet;
  const command = manifest.spec.template.spec.containers.find((c) => c.name === 'redis')!.command;
  return command[command.indexOf('--maxmemory-policy') + 1]!;
}

describe('the in-cluster Redis when its memory is full', () => {
  let server: RedisServer;
  let store: RedisStore;
  beforeAll(async () => {
    const policy = (await manifestPolicy()) as StartRedisServerOptions['maxmemoryPolicy'];
    server = await startRedisServer({ maxmemory: '4mb', ...(policy ? { maxmemoryPolicy: policy } : {}) });
    store = new RedisStore({ url: server.url, keyPrefix: 'k8sfix:' });
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  test('cached answers are evicted to make room, and the audit trail keeps every record', async () => {
    const records = Array.from({ length: 50 }, (_, i) => JSON.stringify({ seq: i + 1, requestId: `req_${i}`, event: 'previewed', pad: 'x'.repeat(200) }));
    for (const [i, record] of records.entries()) expect(await store.appendLog(AUDIT_LOG, i, record)).toBe(true);
    // About 48 MB of stored answers into 4 MB: every write is taken, the oldest answers make way.
    const answer = 'a'.repeat(8_000);
    for (let i = 0; i < 6_000; i++) await store.set(`slack:answer:${i}`, answer, 24 * 60 * 60 * 1000);
    expect(await store.get('slack:answer:0')).toBeUndefined();
    expect(await store.get('slack:answer:5999')).toBe(answer);
    expect(await store.readLog(AUDIT_LOG)).toEqual(records);
  });
});
