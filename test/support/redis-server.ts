import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway redis-server on loopback, for integration tests against the real thing. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Kills the server (SIGKILL: Redis "goes away"), waits for it to exit and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a network partition. */
  pause(): void;
  /** Thaws a paused server (SIGCONT). */
  resume(): void;
}

export interface StartRedisServerOptions {
  /** Reuse a port (to bring "the same" Redis back); default a free one. */
  port?: number;
  /** How long to wait for the first PONG. Default 5000 ms. */
  startTimeoutMs?: number;
  /** `--maxmemory`, e.g. `8mb`: with `noeviction`, writes are refused with OOM once it is full, reads still work. */
  maxmemory?: string;
  /** `--maxmemory-policy`, e.g. `noeviction` (Redis's default). */
  maxmemoryPolicy?: 'noeviction' | 'allkeys-lru' | 'volatile-lru' | 'allkeys-random' | 'volatile-ttl';
}

const BINARY = 'redis-server';

export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'k8sfix-redis-'));
  // No shell: every argument reaches redis-server exactly as written, the empty --save included.
  const child = spawn(
    BINARY,
    [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
      ...(options.maxmemory ? ['--maxmemory', options.maxmemory] : []),
      ...(options.maxmemoryPolicy ? ['--maxmemory-policy', options.maxmemoryPolicy] : []),
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const failedToStart = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(`${BINARY} was not found on PATH: install it: apt-get install -y redis-server`)
          : new Error(`${BINARY} could not be started: ${error.message}`),
      );
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`${BINARY} on port ${port} exited (code ${code}, signal ${signal}) before answering PING:\n${output}`));
    });
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (!stopped) {
      stopped = true;
      await kill(child);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.race([waitForPong(port, options.startTimeoutMs ?? 5000), failedToStart]);
  } catch (error) {
    await stop();
    throw error;
  }
  failedToStart.catch(() => undefined); // a later exit (stop) is expected, not a failure
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}

/** A port nothing listens on right now: bind port 0, read what the OS chose, let it go. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not read a free port'))));
    });
  });
}

async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      if (await ping(port)) return;
      last = 'answered, but not with PONG (still loading?)';
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${BINARY} on port ${port} did not answer PING within ${timeoutMs} ms (${last})`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy(new Error('PING timed out')));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(false));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exit;
}
