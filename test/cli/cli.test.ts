import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realCatalogue } from '../support/catalogue.js';
import { ordinaryLog } from '../support/pathological-inputs.js';

/** The built binary, as `npm test` builds it before Jest runs. */
const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
const LINE = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8sfix-cli-'));
  dirs.push(dir);
  return dir;
}

function k8sfix(args: string[], stdin?: string, env: Record<string, string> = {}, bin = BIN): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env: { ...process.env, K8SFIX_LANG: '', K8SFIX_CATALOGUE_DIR: '', K8SFIX_PLATFORMS: '', ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

describe('the k8sfix command line', () => {
  test('an error as an argument: title, confidence, evidence, fix and source; exit 0', async () => {
    const { code, stdout } = await k8sfix([LINE]);
    expect(code).toBe(0);
    expect(stdout).toContain('1. Pods fail with');
    // A bare line says nothing of where it ran: medium at most (the matcher's context rule).
    expect(stdout).toMatch(/medium confidence \(0\.\d\d\) · Google Kubernetes Engine \(GKE\) · pod-ip-exhaustion-containerd-ip-leak/);
    expect(stdout).toContain(`evidence (line 1, signature): ${LINE}`);
    expect(stdout).toContain('fix:\n     1. Free the leaked addresses on the affected node');
    expect(stdout).toContain('$ gcloud container clusters upgrade');
    expect(stdout).toContain('source: https://cloud.google.com/kubernetes-engine/docs/troubleshooting/container-runtime');
  });

  test('a log on standard input', async () => {
    const { code, stdout } = await k8sfix([], `line one\nline two\n  Warning  FailedCreatePodSandBox  kubelet  ${LINE}\n`);
    expect(code).toBe(0);
    expect(stdout).toContain('evidence (line 3, signature)');
  });

  test('--json gives the matches with remediation', async () => {
    const { code, stdout } = await k8sfix(['--json', LINE]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({
      id: 'pod-ip-exhaustion-containerd-ip-leak',
      confidence: 'medium',
      evidence: expect.arrayContaining([expect.objectContaining({ kind: 'signature', lineNumber: 1 })]),
      remediation: expect.arrayContaining([expect.objectContaining({ commands: expect.any(Array) })]),
    });
    expect(typeof json[0]!.score).toBe('number');
    expect((json[0]!.evidence as Array<{ kind: string }>)[0]!.kind).toBe('signature');
  });

  test('--lang ko prints the Korean title and steps', async () => {
    const { stdout } = await k8sfix(['--lang', 'ko', LINE]);
    expect(stdout).toContain('1. 포드에 failed to allocate for range 0');
    expect(stdout).toContain('해결 방법:');
  });

  test('--top limits the matches', async () => {
    const { catalogue } = await realCatalogue();
    const paste = catalogue.entries.filter((e) => e.signatures.length > 0).slice(0, 4).map((e) => e.examples[0]).join('\n');
    const { stdout } = await k8sfix(['--json', '--top', '2'], paste);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(2);
  });

  test('nothing matched: a hint on what to paste, exit 1', async () => {
    const { code, stdout } = await k8sfix(['Readiness probe failed: HTTP probe failed with statuscode: 503']);
    expect(code).toBe(1);
    expect(stdout).toContain('No known issue matched. Paste the exact error line');
  });

  test.each([
    [['--top', 'many', LINE], '--top takes a whole number from 1 to 50, not "many"'],
    [['--lang', 'fr', LINE], '--lang takes en or ko, not "fr"'],
    [['--frobnicate', LINE], 'unknown option --frobnicate'],
    [['--context', 'a', '--all-contexts', LINE], 'give either --context NAME or --all-contexts, not both'],
    [[], 'give the error text as an argument, a log file, or on standard input'],
  ])('bad usage %j: a clear message, exit 2', async (args, message) => {
    const { code, stderr } = await k8sfix(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage:');
  });

  test('catalogue lint passes on the shipped catalogue', async () => {
    const { code, stdout } = await k8sfix(['catalogue', 'lint']);
    expect(stdout).toMatch(/^catalogue OK: \d+ entries/);
    expect(code).toBe(0);
  });

  test('catalogue lint names the file and field of a typo, exit 1; matching still works with the other entries', async () => {
    const { catalogue } = await realCatalogue();
    const dir = mkdtempSync(join(tmpdir(), 'k8sfix-cli-'));
    dirs.push(dir);
    cpSync(catalogue.dir, dir, { recursive: true });
    writeFileSync(join(dir, 'gke', 'typo.yaml'), 'id: typo\nproduct: gke\ntitel: {en: x, ko: y}\n');
    const lint = await k8sfix(['catalogue', 'lint', '--catalogue', dir]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('gke/typo.yaml: titel: unknown field');
    expect(lint.stdout).toContain('gke/typo.yaml: title: is missing (needs en and ko)');
    const match = await k8sfix(['--catalogue', dir, LINE]);
    expect(match.code).toBe(0);
    expect(match.stderr).toContain('warning: skipped gke/typo.yaml');
    expect(match.stdout).toContain('pod-ip-exhaustion-containerd-ip-leak');
  });

  test('catalogue list shows every entry under its product', async () => {
    const { catalogue } = await realCatalogue();
    const { code, stdout } = await k8sfix(['catalogue', 'list']);
    expect(code).toBe(0);
    for (const entry of catalogue.entries) expect(stdout).toContain(entry.id);
    expect(stdout).toContain('Anthos clusters on bare metal (');
    expect(stdout).toContain('NHN Kubernetes Service (NKS) (');
    expect(stdout).toContain(`${catalogue.entries.length} known issues`);
  });

  test('a 5 MB log with the error in its last lines is read whole, as a file and on standard input; the note gives its true size', async () => {
    const dir = tempDir();
    const log = `${ordinaryLog(5 * 1024 * 1024)}\n  Warning  FailedCreatePodSandBox  kubelet  ${LINE}\nI1123 10:00:01.000001    1702 kubelet.go:2445] "SyncLoop (PLEG): event for pod"\n`;
    const lines = log.split('\n').length - 1;
    const path = join(dir, 'node.log');
    writeFileSync(path, log);
    const note = `note: read the whole input: ${Buffer.byteLength(log).toLocaleString('en')} bytes, ${lines.toLocaleString('en')} lines`;
    for (const run of [await k8sfix([path]), await k8sfix([], log), await k8sfix(['-'], log)]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`evidence (line ${lines - 1}, signature): Warning  FailedCreatePodSandBox  kubelet  ${LINE}`);
      expect(run.stderr).toContain(note);
    }
  });

  test('the evidence of a long line shows the part that matched', async () => {
    const long = `Warning  FailedCreatePodSandBox  90s (x12 over 2m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5d41c2a1e0b7": plugin type="gke" ${'annotation="team=payments" '.repeat(12)}failed (add): ${LINE}`;
    const { stdout } = await k8sfix([long]);
    expect(stdout).toMatch(/evidence \(line 1, signature\): ….*failed to allocate for range 0: no IP addresses available in range set: 10\.48\.131\.1-10\.48\.131\.62/);
  });

  test('FILE arguments are read in order as one log; a text argument stays text; -- forces text; a missing .log is an error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.log'), 'I1123 kubelet.go:2445] "SyncLoop (PLEG): event for pod"');
    writeFileSync(join(dir, 'b.log'), `  Warning  FailedCreatePodSandBox  kubelet  ${LINE}\n`);
    const files = await k8sfix([join(dir, 'a.log'), join(dir, 'b.log')]);
    expect(files.code).toBe(0);
    expect(files.stdout).toContain('evidence (line 2, signature)');
    const text = await k8sfix(['--', join(dir, 'b.log')]);
    expect(text.code).toBe(1);
    const missing = await k8sfix([join(dir, 'missing.log')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read ${join(dir, 'missing.log')}: no such file`);
  });

  test('--top=2 and --lang=ko forms', async () => {
    const { catalogue } = await realCatalogue();
    const paste = catalogue.entries.filter((e) => e.signatures.length > 0).slice(0, 4).map((e) => e.examples[0]).join('\n');
    const top = await k8sfix(['--json', '--top=2'], paste);
    expect((JSON.parse(top.stdout) as unknown[]).length).toBe(2);
    const ko = await k8sfix(['--lang=ko', LINE]);
    expect(ko.stdout).toContain('해결 방법:');
    const bad = await k8sfix(['--top=', LINE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--top= needs a value');
  });

  test('--help anywhere prints the usage, exit 0; --version prints the package version', async () => {
    for (const args of [['--help'], [LINE, '--help'], ['--json', '-h', LINE], ['catalogue', 'lint', '--help']]) {
      const { code, stdout } = await k8sfix(args);
      expect(code).toBe(0);
      expect(stdout).toContain('usage:');
    }
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    const version = await k8sfix(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`k8sfix ${pkg.version}\n`);
  });

  test('a reader that closes the pipe early (| head) ends k8sfix quietly, exit 0', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'catalogue', 'list', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      // Read the first chunk, then close our end as head does.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (exit) => resolve({ code: exit, stderr: err }));
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('Korean input gets Korean hints and steps; K8SFIX_LANG=ko too; --lang wins', async () => {
    const noMatch = await k8sfix(['포드가 계속 재시작돼요 왜 그런지 모르겠어요']);
    expect(noMatch.code).toBe(1);
    expect(noMatch.stdout).toContain('일치하는 알려진 문제가 없습니다');
    const match = await k8sfix([`노드에서 포드가 안 떠요: ${LINE}`]);
    expect(match.stdout).toContain('해결 방법:');
    const env = await k8sfix([LINE], undefined, { K8SFIX_LANG: 'ko' });
    expect(env.stdout).toContain('해결 방법:');
    const flag = await k8sfix(['--lang', 'en', `노드에서 포드가 안 떠요: ${LINE}`]);
    expect(flag.stdout).toContain('fix:');
  });

  test('an invalid K8SFIX_LANG is an error that names it, exit 2', async () => {
    const { code, stderr } = await k8sfix([LINE], undefined, { K8SFIX_LANG: 'fr' });
    expect(code).toBe(2);
    expect(stderr).toContain('K8SFIX_LANG takes en or ko, not "fr"');
  });

  test('K8SFIX_PLATFORMS says where the deployment runs: an upstream cause on another platform says so; an unknown name is exit 2', async () => {
    const onEks = await k8sfix([LINE], undefined, { K8SFIX_PLATFORMS: 'eks' });
    expect(onEks.code).toBe(0);
    expect(onEks.stdout).toContain('pod-ip-exhaustion-containerd-ip-leak');
    expect(onEks.stdout).toMatch(/note: .*the same on eks/);
    const bad = await k8sfix([LINE], undefined, { K8SFIX_PLATFORMS: 'gke,moon' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('K8SFIX_PLATFORMS has "moon"');
  });

  test('--platform places a platform issue whose message any cluster prints; it wins over K8SFIX_PLATFORMS; an unknown name is exit 2', async () => {
    const bpf = 'Error while reloading endpoint BPF program: program tail_nodeport_nat_ingress_ipv4: load program: argument list too long: BPF program is too large';
    const unplaced = await k8sfix([bpf]);
    expect(unplaced.code).toBe(1);
    expect(unplaced.stderr).toMatch(/not reported: .*Ubuntu 18\.04\.6.*nothing places the paste on Anthos clusters on bare metal/);
    const placed = await k8sfix(['--platform', 'anthos-bare-metal', bpf], undefined, { K8SFIX_PLATFORMS: 'gke' });
    expect(placed.code).toBe(0);
    expect(placed.stdout).toContain('ubuntu-18-04-6-ga-kernel-bpf-program-too-large');
    expect(placed.stdout).toContain('this deployment serves Anthos clusters on bare metal');
    const bad = await k8sfix(['--platform=gke,moon', bpf]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--platform takes gke,');
    expect(bad.stderr).toContain('not "moon"');
  });

  test('K8SFIX_CATALOGUE_DIR is the catalogue the CLI matches with and lints', async () => {
    const { catalogue } = await realCatalogue();
    const dir = tempDir();
    cpSync(catalogue.dir, dir, { recursive: true });
    writeFileSync(join(dir, 'gke', 'typo.yaml'), 'id: typo\nproduct: gke\ntitel: {en: x, ko: y}\n');
    const match = await k8sfix([LINE], undefined, { K8SFIX_CATALOGUE_DIR: dir });
    expect(match.code).toBe(0);
    expect(match.stderr).toContain('warning: skipped gke/typo.yaml');
    const lint = await k8sfix(['catalogue', 'lint'], undefined, { K8SFIX_CATALOGUE_DIR: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('gke/typo.yaml: titel: unknown field');
  });

  test('a stale or corrupt dist/catalogue.json falls back to the YAML files with a warning; the matches stay the same', async () => {
    // A copy of the built package, so its compiled catalogue can be broken without touching the real one.
    const root = tempDir();
    cpSync(join(process.cwd(), 'dist'), join(root, 'dist'), { recursive: true });
    cpSync(join(process.cwd(), 'catalogue'), join(root, 'catalogue'), { recursive: true });
    cpSync(join(process.cwd(), 'package.json'), join(root, 'package.json'));
    symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
    const bin = join(root, 'dist', 'src', 'cli', 'main.js');
    const fresh = await k8sfix(['--json', LINE], undefined, {}, bin);
    expect(fresh.stderr).toBe('');
    writeFileSync(join(root, 'dist', 'catalogue.json'), '{"format":1,');
    const corrupt = await k8sfix(['--json', LINE], undefined, {}, bin);
    expect(corrupt.stderr).toContain('catalogue.json is not valid JSON');
    expect(corrupt.stderr).toContain('reading the YAML files instead');
    expect(corrupt.stdout).toBe(fresh.stdout);
    cpSync(join(process.cwd(), 'dist', 'catalogue.json'), join(root, 'dist', 'catalogue.json'));
    const gke = join(root, 'catalogue', 'gke', 'pod-ip-exhaustion-containerd-ip-leak.yaml');
    writeFileSync(gke, `${readFileSync(gke, 'utf8')}\n# edited after the build\n`);
    const stale = await k8sfix(['--json', LINE], undefined, {}, bin);
    expect(stale.stderr).toContain('catalogue.json is out of date');
    expect(stale.stdout).toBe(fresh.stdout);
  });
});
