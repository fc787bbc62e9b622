import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realCatalogue } from '../support/catalogue.js';

/** The built binary, as `npm test` builds it before Jest runs. */
const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
const LINE = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function k8sfix(args: string[], stdin?: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, K8SFIX_LANG: '', ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
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
    [[], 'give the error text as an argument or on standard input'],
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

  test('a paste over 1 MB is read up to the cut, with a note', async () => {
    const big = `${LINE}\n${'x'.repeat(1_100_000)}`;
    const { code, stderr } = await k8sfix([], big);
    expect(code).toBe(0);
    expect(stderr).toContain('note: the input has 1,100,');
  });
});
