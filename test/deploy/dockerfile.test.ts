/**
 * The image, checked without a Docker engine: the Dockerfile is parsed and its rules checked (multi-stage,
 * production dependencies only, a numeric non-root user, nothing from test/ or bench/), .dockerignore is checked
 * to let in only what the stages copy, and the final stage's file layout is assembled from this checkout's build
 * and run, so a runtime import of something the image leaves out fails here.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { FakeSlackApi } from '../support/fake-slack-api.js';
import { parseDockerfile, type DockerInstruction, type DockerStage } from './parse-dockerfile.js';

const ROOT = process.cwd();
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const final = stages.at(-1)!;
const stageNamed = (name: string) => stages.find((s) => s.name === name);
const all = (stage: DockerStage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
/** COPY's sources (every argument but the destination). */
const sources = (copy: DockerInstruction) => copy.args.slice(0, -1);
const destination = (copy: DockerInstruction) => copy.args.at(-1)!;
const workdir = (stage: DockerStage, before: DockerInstruction) =>
  stage.instructions.filter((i) => i.keyword === 'WORKDIR' && i.line < before.line).at(-1)?.args[0] ?? '/';
const TEST_OR_BENCH = /(^|\/)(test|bench)(\/|$)/;

describe('the Dockerfile', () => {
  test('is multi-stage, and the final image starts from a slim Node 20', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(final.from).toMatch(/^node:20-[\w.-]*slim$/);
    expect(final.name).toBeUndefined();
  });

  test('the final image runs as a numeric non-root user, set before CMD and never switched back', () => {
    const users = all(final, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const last = users.at(-1)!;
    const [uid, gid] = last.args[0]!.split(':');
    // Numeric, or the kubelet cannot check runAsNonRoot.
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).not.toBe(0);
    if (gid !== undefined) expect(Number(gid)).not.toBe(0);
    const cmd = all(final, 'CMD').at(-1)!;
    expect(cmd.line).toBeGreaterThan(last.line);
    expect(cmd.raw.startsWith('[')).toBe(true); // exec form: no shell, and SIGTERM reaches node
    expect(cmd.args).toEqual(['node', 'dist/src/slack/start.js']);
  });

  test('production dependencies only: node_modules comes from a stage that ran npm ci --omit=dev', () => {
    const copies = all(final, 'COPY').filter((c) => sources(c).some((s) => s.endsWith('node_modules')));
    expect(copies).toHaveLength(1);
    const from = stageNamed(copies[0]!.flags.from ?? '');
    expect(from).toBeDefined();
    const installs = all(from!, 'RUN').filter((r) => /\bnpm (ci|install)\b/.test(r.raw));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.raw).toMatch(/\bnpm ci\b.*--omit=dev/);
    // The final stage installs nothing itself.
    expect(all(final, 'RUN').filter((r) => /\bnpm\b/.test(r.raw) && !/\brm\b/.test(r.raw))).toEqual([]);
  });

  test('no tests and no benchmarks: nothing from test/ or bench/ is copied, and only dist/src, dist/handlers and the compiled catalogue leave the build stage', () => {
    const copied = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').map((i) => ({ stage, i })));
    expect(copied.filter(({ i }) => i.keyword === 'ADD')).toEqual([]);
    const offending = copied.flatMap(({ i }) => sources(i).filter((s) => TEST_OR_BENCH.test(s) || s === '.' || s === './' || s === '*'));
    expect(offending).toEqual([]);
    const fromBuild = all(final, 'COPY')
      .filter((c) => c.flags.from && !sources(c).some((s) => s.endsWith('node_modules')))
      .flatMap((c) => sources(c).map((s) => posix.relative(workdir(stageNamed(c.flags.from!)!, all(stageNamed(c.flags.from!)!, 'RUN').at(-1)!), s)));
    // The compiled catalogue is data (the YAML checked and joined at build time), not code from test/ or bench/.
    expect(fromBuild.sort()).toEqual(['dist/catalogue.json', 'dist/handlers', 'dist/src']);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const included = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\/|\/$/g, ''));

  test('is an allowlist that never lets in tests, benchmarks, deploy files, build output or local secrets', () => {
    expect(patterns[0]).toBe('*');
    expect(included.filter((p) => TEST_OR_BENCH.test(p) || /^(deploy|dist|node_modules|\.env|\.git|test-results|\.ci)(\/|$)/.test(p))).toEqual([]);
  });

  test('lets in everything the stages copy from the build context', () => {
    const fromContext = stages.flatMap((stage) => all(stage, 'COPY').filter((c) => !c.flags.from).flatMap(sources));
    const missing = fromContext.map((s) => s.replace(/^\.\//, '').replace(/\/$/, '')).filter((s) => !included.some((p) => s === p || s.startsWith(`${p}/`)));
    expect(missing).toEqual([]);
    // The catalogue's README.md marks the directory the app loads at start, so it must not be filtered out.
    expect(patterns.filter((p) => /\.md$/.test(p) && !p.startsWith('!'))).toEqual([]);
  });
});

describe('the final image\'s files, assembled from this checkout', () => {
  let root: string;
  let image: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'src', 'slack', 'start.js'))) throw new Error('dist/ is not built: run npm run build first (npm test does)');
    root = await mkdtemp(join(tmpdir(), 'k8sfix-image-'));
    image = root;
    for (const copy of all(final, 'COPY')) {
      const dir = workdir(final, copy);
      const dest = join(image, posix.relative('/', posix.resolve(dir, destination(copy))));
      // Docker's rules: a directory's contents land in the destination; a file lands inside it when it ends in '/'.
      const into = destination(copy).endsWith('/') || sources(copy).length > 1;
      for (const source of sources(copy)) {
        const stage = copy.flags.from ? stageNamed(copy.flags.from)! : undefined;
        const local = stage ? posix.relative(workdir(stage, all(stage, 'RUN').at(-1)!), source) : source.replace(/^\.\//, '');
        const isFile = existsSync(join(ROOT, local)) && !statSync(join(ROOT, local)).isDirectory();
        const target = into && isFile ? join(dest, posix.basename(local)) : dest;
        await mkdir(dirname(target), { recursive: true });
        if (local === 'node_modules') {
          // This checkout's node_modules also holds the dev dependencies; which ones production needs is npm's
          // job (--omit=dev), what this checks is that nothing the image leaves out is imported.
          await symlink(join(ROOT, 'node_modules'), target);
        } else if (existsSync(join(ROOT, local))) {
          await cp(join(ROOT, local), target, { recursive: true });
        } else if (stage && all(stage, 'RUN').some((r) => r.raw.includes(`mkdir -p ${local}`))) {
          await mkdir(target, { recursive: true });
        } else {
          throw new Error(`COPY ${source}: ${local} is neither in this checkout nor made by the stage it comes from`);
        }
      }
    }
    // The layout is that of the image's WORKDIR.
    image = join(image, posix.relative('/', workdir(final, all(final, 'CMD').at(-1)!)));
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** A clean environment, as in the container: no kubeconfig, no cluster, nothing from this machine. */
  const containerEnv = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '/usr/bin', HOME: image, NODE_ENV: 'production', ...extra });

  test('holds no test or benchmark file', async () => {
    const { stdout } = await promisify(execFile)('find', ['.', '-path', './node_modules', '-prune', '-o', '-type', 'f', '-print'], { cwd: image });
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('./dist/src/slack/start.js');
    expect(files.filter((f) => TEST_OR_BENCH.test(f.slice(2)) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('the CLI in it names a known issue', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['dist/src/cli/main.js', '--json', 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62'],
      { cwd: image, env: containerEnv() },
    );
    expect((JSON.parse(stdout) as { id: string }[])[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
  });

  test('its CMD loads the catalogue and starts the Slack app', async () => {
    const cmd = all(final, 'CMD').at(-1)!.args;
    // The app checks its token with auth.test before it listens: a local fake Slack answers it.
    const fake = await new FakeSlackApi().start();
    const child = spawn(process.execPath, cmd.slice(1), {
      cwd: image,
      env: containerEnv({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', PORT: '0', K8SFIX_HEALTH_PORT: '0', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'error' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      const started = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line within 60 s; output: ${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const line = output.split('\n').find((l) => l.startsWith('k8sfix: '));
          if (line) {
            clearTimeout(timer);
            resolve(line);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code}: ${output}`));
        });
      });
      expect(started).toMatch(/^k8sfix: \d+ known issues, no clusters connected, listening on port \d+ at \/slack\/events$/);
    } finally {
      child.kill('SIGTERM');
      await fake.stop();
    }
  }, 90_000);
});
