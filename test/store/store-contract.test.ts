import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createStore } from '../../src/store/create-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { isStoreUnavailableError, StoreUnavailableError } from '../../src/store/store-unavailable-error.js';
import { freePort, startRedisServer, type RedisServer } from '../support/redis-server.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

// Every store a test opens is closed after it, so no client outlives its test.
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
function track<T extends Store>(store: T): T {
  opened.push(store);
  return store;
}

// One fresh prefix per store keeps Redis tests independent without flushing the shared server.
let prefixes = 0;
const freshPrefix = (): string => `contract-${process.pid}-${++prefixes}:`;

interface Backend {
  name: string;
  open(prefix?: string): Store;
}

const backends: Backend[] = [
  { name: 'MemoryStore', open: () => track(new MemoryStore()) },
  {
    name: 'RedisStore',
    open: (prefix = freshPrefix()) => track(new RedisStore({ url: server.url, keyPrefix: prefix })),
  },
];

describe.each(backends)('Store contract: $name', ({ open }) => {
  it('returns undefined for a key never set', async () => {
    const store = open();
    expect(await store.get('missing')).toBeUndefined();
  });

  it('returns what was set, and a later set replaces it', async () => {
    const store = open();
    await store.set('greeting', 'hello', 10_000);
    expect(await store.get('greeting')).toBe('hello');
    await store.set('greeting', 'hi', 10_000);
    expect(await store.get('greeting')).toBe('hi');
  });

  it('keeps values as exact strings (JSON, unicode, empty)', async () => {
    const store = open();
    const json = JSON.stringify({ pod: 'api-7d9f', reason: 'CrashLoopBackOff ✗' });
    await store.set('json', json, 10_000);
    await store.set('empty', '', 10_000);
    expect(await store.get('json')).toBe(json);
    expect(await store.get('empty')).toBe('');
  });

  it('forgets a value once its time to live has passed', async () => {
    const store = open();
    await store.set('short', 'v', 100);
    expect(await store.get('short')).toBe('v');
    await sleep(160);
    expect(await store.get('short')).toBeUndefined();
  });

  it('restarts the time to live when a key is set again', async () => {
    const store = open();
    await store.set('renewed', 'old', 100);
    await store.set('renewed', 'new', 5_000);
    await sleep(160);
    expect(await store.get('renewed')).toBe('new');
  });

  it('setIfAbsent sets only the first time, keeping the first value', async () => {
    const store = open();
    expect(await store.setIfAbsent('event:1', 'first', 10_000)).toBe(true);
    expect(await store.setIfAbsent('event:1', 'second', 10_000)).toBe(false);
    expect(await store.get('event:1')).toBe('first');
  });

  it('setIfAbsent does not win over a value written by set', async () => {
    const store = open();
    await store.set('taken', 'by-set', 10_000);
    expect(await store.setIfAbsent('taken', 'late', 10_000)).toBe(false);
    expect(await store.get('taken')).toBe('by-set');
  });

  it('setIfAbsent wins again once the earlier value expired (a dedup window ends)', async () => {
    const store = open();
    expect(await store.setIfAbsent('event:2', 'a', 80)).toBe(true);
    await sleep(130);
    expect(await store.setIfAbsent('event:2', 'b', 10_000)).toBe(true);
    expect(await store.get('event:2')).toBe('b');
  });

  it('lets exactly one of 20 concurrent setIfAbsent calls win (Slack retries the same event)', async () => {
    const store = open();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.setIfAbsent('event:dup', `replica-${i}`, 10_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get('event:dup')).toBe(`replica-${results.indexOf(true)}`);
  });

  it('increment counts 1, 2, 3 per key', async () => {
    const store = open();
    expect(await store.increment('rate:alice', 10_000)).toBe(1);
    expect(await store.increment('rate:alice', 10_000)).toBe(2);
    expect(await store.increment('rate:bob', 10_000)).toBe(1);
    expect(await store.increment('rate:alice', 10_000)).toBe(3);
  });

  it('increment loses no count under 20 concurrent calls', async () => {
    const store = open();
    const counts = await Promise.all(Array.from({ length: 20 }, () => store.increment('rate:burst', 10_000)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('increment windows run from the first increment and are not extended by later ones', async () => {
    const store = open();
    expect(await store.increment('rate:window', 300)).toBe(1); // window: t=0..300
    await sleep(180);
    expect(await store.increment('rate:window', 300)).toBe(2); // inside; a refreshed TTL would run to t=480
    await sleep(200);
    expect(await store.increment('rate:window', 300)).toBe(1); // t=380: the first window is over
  });

  it('delete removes a key, and deleting a missing key is fine', async () => {
    const store = open();
    await store.set('gone', 'v', 10_000);
    await store.delete('gone');
    expect(await store.get('gone')).toBeUndefined();
    await expect(store.delete('never-there')).resolves.toBeUndefined();
    expect(await store.setIfAbsent('gone', 'again', 10_000)).toBe(true);
  });

  it('delete removes a log too, and a log written afterwards starts afresh', async () => {
    const store = open();
    expect(await store.appendLog('audit', 0, 'old')).toBe(true);
    await store.delete('audit');
    expect(await store.readLog('audit')).toEqual([]);
    expect(await store.appendLog('audit', 0, 'new')).toBe(true);
    expect(await store.readLog('audit')).toEqual(['new']);
  });

  it('delete resets a counter', async () => {
    const store = open();
    await store.increment('rate:reset', 10_000);
    await store.increment('rate:reset', 10_000);
    await store.delete('rate:reset');
    expect(await store.increment('rate:reset', 10_000)).toBe(1);
  });

  it('track keeps at most cap keys in an index, dropping and deleting the oldest first', async () => {
    const store = open();
    for (const ref of ['a1', 'a2', 'a3', 'a4']) {
      await store.set(`answer:${ref}`, ref, 10_000);
      await store.track('answers:alice', `answer:${ref}`, 3, 10_000);
      await sleep(2); // distinct times, so "oldest" is well defined on Redis too
    }
    expect(await store.get('answer:a1')).toBeUndefined();
    expect(await Promise.all(['a2', 'a3', 'a4'].map((r) => store.get(`answer:${r}`)))).toEqual(['a2', 'a3', 'a4']);
    // Another index is counted on its own; a key in two indexes is dropped by whichever fills first.
    await store.set('answer:b1', 'b1', 10_000);
    await store.track('answers:bob', 'answer:b1', 3, 10_000);
    await store.track('answers:all', 'answer:b1', 1, 10_000);
    await sleep(2);
    await store.track('answers:all', 'answer:a4', 1, 10_000);
    expect(await store.get('answer:b1')).toBeUndefined();
    expect(await store.get('answer:a4')).toBe('a4');
  });

  it('track forgets entries older than its time to live, so expired keys do not count toward the cap', async () => {
    const store = open();
    await store.set('answer:old', 'old', 10_000);
    await store.track('answers:carol', 'answer:old', 1, 80);
    await sleep(130);
    await store.set('answer:new', 'new', 10_000);
    await store.track('answers:carol', 'answer:new', 1, 80);
    // The old entry had left the index by age, so adding one more did not delete a key still set.
    expect(await store.get('answer:new')).toBe('new');
    expect(await store.get('answer:old')).toBe('old');
  });

  it('hashSet adds and replaces fields; hashGetAll returns them all, and {} for a hash never set', async () => {
    const store = open();
    expect(await store.hashGetAll('marks')).toEqual({});
    await store.hashSet('marks', 'a:0:alice', 'right', 10_000);
    await store.hashSet('marks', 'a:0:bob', 'wrong', 10_000);
    await store.hashSet('marks', 'a:0:alice', 'wrong', 10_000);
    expect(await store.hashGetAll('marks')).toEqual({ 'a:0:alice': 'wrong', 'a:0:bob': 'wrong' });
  });

  it('a hash expires ttlMs after its last hashSet, and delete removes it', async () => {
    const store = open();
    await store.hashSet('h', 'f', '1', 150);
    await sleep(100);
    await store.hashSet('h', 'g', '2', 150);
    await sleep(100);
    expect(await store.hashGetAll('h')).toEqual({ f: '1', g: '2' });
    await sleep(120);
    expect(await store.hashGetAll('h')).toEqual({});
    await store.hashSet('h2', 'f', '1', 10_000);
    await store.delete('h2');
    expect(await store.hashGetAll('h2')).toEqual({});
  });

  it('keeps two stores with different prefixes apart', async () => {
    const a = open(freshPrefix());
    const b = open(freshPrefix());
    await a.set('shared-name', 'from-a', 10_000);
    await b.set('shared-name', 'from-b', 10_000);
    expect(await a.increment('count', 10_000)).toBe(1);
    expect(await b.increment('count', 10_000)).toBe(1);
    expect(await b.setIfAbsent('only-a', 'b', 10_000)).toBe(true);
    expect(await a.get('only-a')).toBeUndefined();
    await a.delete('shared-name');
    expect(await a.get('shared-name')).toBeUndefined();
    expect(await b.get('shared-name')).toBe('from-b');
  });

  it('compareAndSet writes only over the expected value, and undefined means "absent"', async () => {
    const store = open();
    expect(await store.compareAndSet('req', 'pending', 'approved', 10_000)).toBe(false);
    expect(await store.get('req')).toBeUndefined();
    expect(await store.compareAndSet('req', undefined, 'pending', 10_000)).toBe(true);
    expect(await store.compareAndSet('req', undefined, 'other', 10_000)).toBe(false);
    expect(await store.compareAndSet('req', 'approved', 'executing', 10_000)).toBe(false);
    expect(await store.compareAndSet('req', 'pending', 'approved', 10_000)).toBe(true);
    expect(await store.get('req')).toBe('approved');
  });

  it('lets exactly one of 20 concurrent compareAndSet calls over the same value win (a double click)', async () => {
    const store = open();
    await store.set('req', 'pending', 10_000);
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => store.compareAndSet('req', 'pending', `approved-by-${i}`, 10_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.get('req')).toBe(`approved-by-${wins.indexOf(true)}`);
  });

  it('appendLog appends only at the expected length, and readLog returns entries in order from a start', async () => {
    const store = open();
    expect(await store.readLog('audit')).toEqual([]);
    expect(await store.appendLog('audit', 0, 'first')).toBe(true);
    expect(await store.appendLog('audit', 0, 'racer')).toBe(false);
    expect(await store.appendLog('audit', 1, 'second {"json":true}')).toBe(true);
    expect(await store.readLog('audit')).toEqual(['first', 'second {"json":true}']);
    expect(await store.readLog('audit', 1)).toEqual(['second {"json":true}']);
  });

  it('appendLog with an expected last entry also refuses a log of the right length that ends otherwise', async () => {
    const store = open();
    expect(await store.appendLog('audit', 0, 'one')).toBe(true);
    expect(await store.appendLog('audit', 1, 'two', 'not one')).toBe(false);
    expect(await store.appendLog('audit', 1, 'two', 'one')).toBe(true);
    expect(await store.appendLog('audit', 2, 'three', 'two')).toBe(true);
    expect(await store.readLog('audit')).toEqual(['one', 'two', 'three']);
    // An empty log has no last entry to match.
    expect(await store.appendLog('empty', 0, 'first', 'anything')).toBe(false);
  });

  it('lets one of 10 concurrent appends at the same length win, so the log has one order', async () => {
    const store = open();
    const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendLog('audit', 0, `entry-${i}`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.readLog('audit')).toEqual([`entry-${wins.indexOf(true)}`]);
  });
});

describe('RedisStore', () => {
  /** Runs an operation that must fail fast; returns the error and how long it took. */
  async function failure(operation: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
    const started = Date.now();
    try {
      await operation;
    } catch (error) {
      return { error, ms: Date.now() - started };
    }
    throw new Error('expected the operation to reject');
  }

  /** Polls until the store answers again, returning how long that took. */
  async function recovered(store: Store, withinMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      try {
        await store.set('probe', 'ok', 10_000);
        return Date.now() - started;
      } catch (error) {
        if (!isStoreUnavailableError(error)) throw error;
        if (Date.now() - started > withinMs) throw new Error(`store did not recover within ${withinMs} ms`);
        await sleep(50);
      }
    }
  }

  it('two clients on one Redis: one compareAndSet wins, and both read one appended log', async () => {
    const prefix = freshPrefix();
    const a = track(new RedisStore({ url: server.url, keyPrefix: prefix }));
    const b = track(new RedisStore({ url: server.url, keyPrefix: prefix }));
    await a.set('req', 'pending', 10_000);
    const [fromA, fromB] = await Promise.all([a.compareAndSet('req', 'pending', 'a', 10_000), b.compareAndSet('req', 'pending', 'b', 10_000)]);
    expect([fromA, fromB].filter(Boolean)).toHaveLength(1);
    expect(await a.appendLog('audit', 0, 'one')).toBe(true);
    expect(await b.appendLog('audit', 0, 'two')).toBe(false);
    expect(await b.appendLog('audit', 1, 'two')).toBe(true);
    expect(await a.readLog('audit')).toEqual(['one', 'two']);
  });

  it('a reader that follows a log gets each newer entry once, whoever appended it, and a log written afresh is read afresh', async () => {
    const prefix = freshPrefix();
    const writer = track(new RedisStore({ url: server.url, keyPrefix: prefix }));
    const reader = track(new RedisStore({ url: server.url, keyPrefix: prefix }));
    expect(await reader.readLog('audit', 0)).toEqual([]);
    for (const [i, entry] of ['one', 'two', 'three'].entries()) expect(await writer.appendLog('audit', i, entry)).toBe(true);
    expect(await reader.readLog('audit', 0)).toEqual(['one', 'two', 'three']);
    expect(await reader.readLog('audit', 3)).toEqual([]);
    expect(await writer.appendLog('audit', 3, 'four')).toBe(true);
    expect(await reader.readLog('audit', 3)).toEqual(['four']);
    // Any other start still reads from the beginning of the log.
    expect(await reader.readLog('audit', 1)).toEqual(['two', 'three', 'four']);
    expect(await reader.readLog('audit', 4)).toEqual([]);
    // Deleted and written again: the entry the reader stopped at is gone, so it reads the new log whole.
    await writer.delete('audit');
    for (const [i, entry] of ['new-1', 'new-2', 'new-3', 'new-4', 'new-5'].entries()) expect(await writer.appendLog('audit', i, entry)).toBe(true);
    expect(await reader.readLog('audit', 4)).toEqual(['new-5']);
  });

  it('prefixes keys with k8sfix: by default', async () => {
    const store = track(new RedisStore({ url: server.url }));
    const raw = track(new RedisStore({ url: server.url, keyPrefix: '' }));
    await store.set('default-prefix', 'v', 10_000);
    expect(await raw.get('k8sfix:default-prefix')).toBe('v');
    await store.delete('default-prefix');
  });

  it('passes Redis reply errors through instead of calling them an outage', async () => {
    const store = open();
    await store.set('not-a-number', 'abc', 10_000);
    const rejection = await failure(store.increment('not-a-number', 10_000));
    expect(isStoreUnavailableError(rejection.error)).toBe(false);
    expect(String(rejection.error)).toMatch(/not an integer/);
  });

  it('fails fast with a clear error, without the password, when Redis is not there at all', async () => {
    const port = await freePort();
    const store = track(new RedisStore({ url: `redis://user:hunter2@127.0.0.1:${port}/0` }));
    for (const operation of [store.get('k'), store.set('k', 'v', 1000), store.increment('k', 1000)]) {
      const { error, ms } = await failure(operation);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(ms).toBeLessThan(1000);
      const unavailable = error as StoreUnavailableError;
      expect(unavailable.code).toBe('k8sfix_store_unavailable');
      expect(unavailable.message).toBe(
        `Redis at redis://127.0.0.1:${port}/0 is unreachable: check REDIS_URL and that Redis is running`,
      );
      expect(JSON.stringify({ ...unavailable, message: unavailable.message, cause: String(unavailable.cause) })).not.toMatch(
        /hunter2/,
      );
    }
  });

  it('rejects quickly while Redis is down and works again, without a restart, when it is back', async () => {
    let own = await startRedisServer();
    const port = own.port;
    const store = track(new RedisStore({ url: own.url, keyPrefix: freshPrefix() }));
    try {
      await store.set('before', 'v', 10_000);
      expect(await store.get('before')).toBe('v');

      await own.stop();
      const operations: Array<[string, () => Promise<unknown>]> = [
        ['get', () => store.get('before')],
        ['set', () => store.set('k', 'v', 1000)],
        ['setIfAbsent', () => store.setIfAbsent('k', 'v', 1000)],
        ['increment', () => store.increment('n', 1000)],
        ['delete', () => store.delete('k')],
      ];
      for (const [name, run] of operations) {
        const { error, ms } = await failure(run());
        expect({ name, unavailable: isStoreUnavailableError(error) }).toEqual({ name, unavailable: true });
        expect(ms).toBeLessThan(1000);
        expect((error as Error).message).toContain(`redis://127.0.0.1:${port}`);
      }

      own = await startRedisServer({ port });
      expect(await recovered(store, 5000)).toBeLessThan(5000);
      // The old server kept nothing (--save ''), and the store is fully usable on the new one.
      expect(await store.get('before')).toBeUndefined();
      expect(await store.setIfAbsent('after', 'v', 10_000)).toBe(true);
      expect(await store.increment('after:n', 10_000)).toBe(1);
    } finally {
      await own.stop();
    }
  });

  it('rejects a command already in flight when Redis dies', async () => {
    const own = await startRedisServer();
    // A long command timeout, so only the dropped connection can explain a quick rejection.
    const store = track(new RedisStore({ url: own.url, keyPrefix: freshPrefix(), commandTimeoutMs: 5000 }));
    try {
      await store.set('k', 'v', 10_000);
      own.pause(); // the next command is written but never answered...
      const pending = failure(store.set('k', 'in-flight', 10_000));
      await sleep(50);
      await own.stop(); // ...then Redis dies under it
      const { error, ms } = await pending;
      expect(isStoreUnavailableError(error)).toBe(true);
      expect(ms).toBeLessThan(1000);
    } finally {
      await own.stop();
    }
  });

  it('times out instead of hanging when Redis stops answering', async () => {
    const own = await startRedisServer();
    const store = track(new RedisStore({ url: own.url, keyPrefix: freshPrefix(), commandTimeoutMs: 300 }));
    try {
      await store.set('k', 'v', 10_000);
      own.pause();
      const { error, ms } = await failure(store.get('k'));
      expect(isStoreUnavailableError(error)).toBe(true);
      expect(ms).toBeLessThan(1000);
      own.resume();
      expect(await store.get('k')).toBe('v');
    } finally {
      own.resume();
      await own.stop();
    }
  });

  it('calls a full Redis (maxmemory, noeviction) unavailable for writes while reads still work', async () => {
    const own = await startRedisServer({ maxmemory: '4mb', maxmemoryPolicy: 'noeviction' });
    const store = track(new RedisStore({ url: own.url, keyPrefix: freshPrefix() }));
    const raw = track(new RedisStore({ url: own.url, keyPrefix: 'filler:' }));
    try {
      await store.set('kept', 'v', 60_000);
      let filled = false;
      for (let i = 0; i < 100 && !filled; i++) {
        try {
          await raw.set(String(i), 'x'.repeat(256 * 1024), 60_000);
        } catch (error) {
          expect(isStoreUnavailableError(error)).toBe(true);
          filled = true;
        }
      }
      expect(filled).toBe(true);
      expect(await store.get('kept')).toBe('v');
      for (const write of [store.set('k', 'v'.repeat(512 * 1024), 1000), store.setIfAbsent('n', 'x'.repeat(512 * 1024), 1000)]) {
        const { error } = await failure(write);
        expect(isStoreUnavailableError(error)).toBe(true);
        expect((error as StoreUnavailableError).reason).toBe('refused');
        expect((error as Error).message).toMatch(/refuses the command \(OOM command not allowed.*check its memory/);
      }
    } finally {
      await own.stop();
    }
  });

  it('rejects every call after close, and close can be called twice', async () => {
    const store = open();
    await store.close();
    await store.close();
    const { error } = await failure(store.get('k'));
    expect(isStoreUnavailableError(error)).toBe(true);
    expect((error as Error).message).toMatch(/closed/);
  });

  function open(): RedisStore {
    return track(new RedisStore({ url: server.url, keyPrefix: freshPrefix() }));
  }
});

describe('createStore', () => {
  it('keeps state in memory when REDIS_URL is unset or empty', () => {
    expect(track(createStore({}))).toBeInstanceOf(MemoryStore);
    expect(track(createStore({ REDIS_URL: '  ' }))).toBeInstanceOf(MemoryStore);
  });

  it('uses Redis when REDIS_URL is set', async () => {
    const store = track(createStore({ REDIS_URL: server.url }));
    expect(store).toBeInstanceOf(RedisStore);
    await store.set('create-store', 'v', 1000);
    expect(await store.get('create-store')).toBe('v');
    await store.delete('create-store');
  });

  it('accepts rediss:// (TLS)', () => {
    expect(track(createStore({ REDIS_URL: 'rediss://127.0.0.1:1' }))).toBeInstanceOf(RedisStore);
  });

  it.each([
    ['another scheme', 'http://admin:hunter2@redis.internal:6379'],
    ['not a URL', 'redis.internal:6379'],
    ['no host', 'redis://'],
  ])('rejects a REDIS_URL that is %s, saying what is expected and not echoing secrets', (_, url) => {
    expect(() => createStore({ REDIS_URL: url })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => createStore({ REDIS_URL: url })).not.toThrow(/hunter2/);
  });
});
