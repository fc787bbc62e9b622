import { Redis, ReplyError } from 'ioredis';
import type { Store } from './store.js';
import { StoreUnavailableError } from './store-unavailable-error.js';

export interface RedisStoreOptions {
  /** A `redis://` or `rediss://` URL; credentials in it are used but never shown in errors. */
  url: string;
  /** Prepended to every key so several bots (or tests) can share one Redis. Default `k8sfix:`. */
  keyPrefix?: string;
  /** How long a TCP connect may take before it counts as failed. Default 1000 ms. */
  connectTimeoutMs?: number;
  /** How long one command may wait for its reply before failing (guards against silent network loss). Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Upper bound on the pause between background reconnect attempts. Default 1000 ms. */
  maxReconnectDelayMs?: number;
}

// First increment starts the window; PTTL -1 repairs a counter that somehow lost its expiry.
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count`;

// Drops what expired from the index, adds the key (newest), then drops and deletes the oldest over the cap.
// KEYS[1] the index; ARGV: key (unprefixed), now (ms), ttl (ms), cap, key prefix.
const TRACK_SCRIPT = `
local now = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local cap = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
redis.call('ZADD', KEYS[1], now, ARGV[1])
local over = redis.call('ZCARD', KEYS[1]) - cap
if over > 0 then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, over - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, over - 1)
  for _, key in ipairs(oldest) do redis.call('DEL', ARGV[5] .. key) end
end
redis.call('PEXPIRE', KEYS[1], ttl)
return 1`;

// GET and SET in one script, so no other client's write can fall between the comparison and the write.
// ARGV[1] is '1' when the caller expects the key to be absent.
const COMPARE_AND_SET_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
return 1`;

// XLEN and XADD in one script: an entry is added only after exactly the entries its writer has read.
// ARGV: expected length, entry, '1' when the last entry must equal ARGV[4].
const APPEND_LOG_SCRIPT = `
if redis.call('XLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return 0 end
if ARGV[3] == '1' then
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
  if not last or last[2][2] ~= ARGV[4] then return 0 end
end
redis.call('XADD', KEYS[1], '*', 'e', ARGV[2])
return 1`;

/**
 * Replies that mean "this Redis cannot serve right now": out of memory under `noeviction` (reads still work,
 * writes fail), a read-only replica after a failover, snapshots failing, starting up, busy.
 */
const OUTAGE_REPLY = /^(OOM|READONLY|MISCONF|NOREPLICAS|LOADING|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN)\b/;

/**
 * The shared store for several replicas. Commands never queue while Redis is away: they fail at once (or after
 * the first connect attempt) with a {@link StoreUnavailableError}, while the client keeps reconnecting in the
 * background, so the store recovers by itself when Redis returns.
 */
export class RedisStore implements Store {
  private readonly client: Redis;
  private readonly keyPrefix: string;
  private readonly target: string;
  private readonly connectTimeoutMs: number;
  /** Set when a connection attempt failed since the last time the client was ready: Redis is known to be away. */
  private down = false;
  private closed = false;
  private connecting: Promise<void> | undefined;
  /** The latest connection error (refused, timed out, WRONGPASS...), attached as the cause of fast failures. */
  private lastError: Error | undefined;
  /** Per log: how many entries the last read ended at, and the id of that last entry. */
  private readonly logTails = new Map<string, { count: number; lastId: string }>();

  constructor(options: RedisStoreOptions) {
    this.keyPrefix = options.keyPrefix ?? 'k8sfix:';
    this.target = describeRedisUrl(options.url);
    this.connectTimeoutMs = options.connectTimeoutMs ?? 1000;
    const maxReconnectDelayMs = options.maxReconnectDelayMs ?? 1000;
    this.client = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: this.connectTimeoutMs,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      retryStrategy: (attempt) => Math.min(50 * attempt, maxReconnectDelayMs),
      // Replies lost with a dropped connection are failed, not replayed later behind the caller's back.
      autoResendUnfulfilledCommands: false,
      // close() while Redis is away ends a dead socket; don't keep the process alive 2 s (the default) for it.
      disconnectTimeout: 100,
    });
    // Without a listener ioredis prints every failed reconnect; the failures reach callers as StoreUnavailableError.
    this.client.on('error', (error) => {
      this.lastError = error;
      if (this.client.status !== 'ready') this.down = true;
    });
    this.client.on('close', () => {
      this.down = true;
    });
    this.client.on('ready', () => {
      this.down = false;
      this.lastError = undefined;
    });
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.run((redis) => redis.get(this.key(key)));
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.run((redis) => redis.set(this.key(key), value, 'PX', toPx(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.run((redis) => redis.set(this.key(key), value, 'PX', toPx(ttlMs), 'NX'));
    return reply === 'OK';
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const reply = await this.run((redis) => redis.eval(INCREMENT_SCRIPT, 1, this.key(key), toPx(ttlMs)));
    return Number(reply);
  }

  async delete(key: string): Promise<void> {
    await this.run((redis) => redis.del(this.key(key)));
  }

  async track(indexKey: string, key: string, cap: number, ttlMs: number): Promise<void> {
    await this.run((redis) =>
      redis.eval(TRACK_SCRIPT, 1, this.key(indexKey), key, Date.now(), toPx(ttlMs), Math.max(0, Math.floor(cap)), this.keyPrefix),
    );
  }

  async hashSet(key: string, field: string, value: string, ttlMs: number): Promise<void> {
    await this.run((redis) => redis.multi().hset(this.key(key), field, value).pexpire(this.key(key), toPx(ttlMs)).exec());
  }

  async hashGetAll(key: string): Promise<Record<string, string>> {
    return this.run((redis) => redis.hgetall(this.key(key)));
  }

  async compareAndSet(key: string, expected: string | undefined, value: string, ttlMs: number): Promise<boolean> {
    const absent = expected === undefined ? '1' : '0';
    const reply = await this.run((redis) => redis.eval(COMPARE_AND_SET_SCRIPT, 1, this.key(key), absent, expected ?? '', value, toPx(ttlMs)));
    return Number(reply) === 1;
  }

  async appendLog(log: string, expectedLength: number, entry: string, expectedLast?: string): Promise<boolean> {
    const check = expectedLast === undefined ? ['0', ''] : ['1', expectedLast];
    const reply = await this.run((redis) => redis.eval(APPEND_LOG_SCRIPT, 1, this.key(log), expectedLength, entry, ...check));
    return Number(reply) === 1;
  }

  async readLog(log: string, start = 0): Promise<string[]> {
    const key = this.key(log);
    // A reader that follows a log (the audit trail, the open-requests feed) asks from where it stopped: only the
    // newer entries are fetched, from the id of the last one read (XRANGE's start is inclusive, so it comes back first).
    const tail = this.logTails.get(key);
    if (tail && start === tail.count) {
      const entries = await this.run((redis) => redis.xrange(key, tail.lastId, '+'));
      if (entries[0]?.[0] === tail.lastId) return this.remember(key, entries.slice(1), tail.count, start);
    }
    // A first read, another start, or a log that is no longer the one read last time (deleted and written again).
    return this.remember(key, await this.run((redis) => redis.xrange(key, '-', '+')), 0, start);
  }

  /** Notes the last entry of a read (at position `from` + its length) and returns the entries from `start` on. */
  private remember(key: string, entries: [id: string, fields: string[]][], from: number, start: number): string[] {
    const last = entries.at(-1);
    if (last) this.logTails.set(key, { count: from + entries.length, lastId: last[0] });
    return entries.slice(start - from).map(([, fields]) => fields[1] ?? '');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // Fall through: Redis went away while quitting.
      }
    }
    this.client.disconnect();
  }

  private key(key: string): string {
    return this.keyPrefix + key;
  }

  private async run<T>(command: (redis: Redis) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(this.target, { closed: true });
    await this.ready();
    try {
      return await command(this.client);
    } catch (error) {
      // A reply error (wrong type, not an integer) is a bug in the caller, not an outage; a few say Redis can't serve.
      if (error instanceof ReplyError) {
        const message = (error as Error).message;
        if (!OUTAGE_REPLY.test(message)) throw error;
        throw new StoreUnavailableError(this.target, { cause: error, reason: 'refused', detail: message });
      }
      const timedOut = error instanceof Error && /timed out/i.test(error.message);
      throw new StoreUnavailableError(this.target, { cause: error, reason: timedOut ? 'timeout' : 'unreachable' });
    }
  }

  /** Waits for a first or resumed connection, but not when Redis is known to be away: then it fails at once. */
  private async ready(): Promise<void> {
    if (this.client.status === 'ready') return;
    if (this.down || this.client.status === 'end') {
      throw new StoreUnavailableError(this.target, { cause: this.lastError });
    }
    // Callers arriving together share one wait (and one pair of listeners).
    this.connecting ??= this.waitForConnection().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private waitForConnection(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('error', onError);
        this.client.off('end', onEnd);
        if (error) reject(new StoreUnavailableError(this.target, { cause: error }));
        else resolve();
      };
      const onReady = (): void => finish();
      const onError = (error: Error): void => finish(error);
      const onEnd = (): void => finish(new Error('connection ended'));
      const timer = setTimeout(
        () => finish(new Error(`no connection within ${this.connectTimeoutMs} ms`)),
        this.connectTimeoutMs,
      );
      this.client.on('ready', onReady);
      this.client.on('error', onError);
      this.client.on('end', onEnd);
    });
  }
}

/** The URL as safe to show: scheme, host, port and database, without user name or password. */
export function describeRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'an unparseable URL';
  }
  const database = parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : '';
  return `${parsed.protocol}//${parsed.host}${database}`;
}

/** Redis wants a whole, positive number of milliseconds. */
function toPx(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}
