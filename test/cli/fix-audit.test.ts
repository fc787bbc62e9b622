/**
 * `k8sfix fix` and `k8sfix audit` as a person runs them: list, plan (nothing changes), run --yes (audited in a
 * JSONL file whose chain continues across runs), and audit verify catching an edited, a removed and a
 * reordered record.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashRecord } from '../../src/approvals/audit-record.js';
import { runAuditCommand } from '../../src/cli/commands/audit.js';
import { runFixCommand } from '../../src/cli/commands/fix.js';
import { startActionCluster, type ActionCluster } from '../actions/action-harness.js';
import { daemonSet, node, pod } from '../actions/cluster-objects.js';
import { twoReplicaTrail } from '../support/two-replica-trail.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

let cluster: ActionCluster;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  cluster = await startActionCluster({
    objects: [node('edge-node-1'), node('edge-node-2'), daemonSet('kube-system', 'anetd', 'ds-uid'), pod('kube-system', 'anetd-x7k2p', 'edge-node-1', { kind: 'DaemonSet', name: 'anetd', uid: 'ds-uid' })],
  });
  dir = await mkdtemp(join(tmpdir(), 'k8sfix-cli-audit-'));
  env = { KUBECONFIG: cluster.kubeconfig, K8SFIX_AUDIT_FILE: join(dir, 'audit.jsonl') };
});
afterAll(async () => {
  await cluster?.close();
});

const fix = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
  const { out, io } = capture();
  const code = await runFixCommand(args, io, { env: { ...env, ...extra }, context: { pollMs: 10, verifyTimeoutMs: 2000 } });
  return { code, ...out };
};
const audit = async (args: string[]) => {
  const { out, io } = capture();
  const code = await runAuditCommand(args, io, env);
  return { code, ...out };
};

describe('k8sfix fix', () => {
  test('list shows every action with its risk and parameters; --json is data', async () => {
    const text = await fix(['list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^restart-controller-pod\s+medium\s+Restart a controller-owned pod$/m);
    expect(text.stdout).toMatch(/--param kind=validating\|mutating/);
    const json = JSON.parse((await fix(['list', '--json'])).stdout) as { id: string; risk: string }[];
    expect(json.find((a) => a.id === 'run-node-command')?.risk).toBe('critical');
  });

  test('plan prints the preview and its hash and changes nothing', async () => {
    const result = await fix(['plan', 'cordon-node', '--context', 'abm-edge', '--param', 'node=edge-node-2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^cordon-node on abm-edge \(risk medium\)$/m);
    expect(result.stdout).toMatch(/change {3}PATCH Node edge-node-2 \/spec\/unschedulable: false → true/);
    expect(result.stdout).toMatch(/preview {2}sha256:[a-f0-9]{64}/);
    expect(cluster.resources.applied()).toEqual([]);
  });

  test('usage mistakes exit 2: no --yes on run, a bad parameter, an unknown action, no context', async () => {
    expect((await fix(['run', 'cordon-node', '--context', 'abm-edge', '--param', 'node=edge-node-2'])).code).toBe(2);
    const bad = await fix(['plan', 'cordon-node', '--context', 'abm-edge', '--param', 'node=edge node; reboot']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/node="edge node; reboot" does not match/)]);
    expect((await fix(['plan', 'reboot-everything', '--context', 'abm-edge'])).code).toBe(2);
    expect((await fix(['plan', 'cordon-node', '--param', 'node=edge-node-2'])).code).toBe(2);
    expect(cluster.resources.applied()).toEqual([]);
  });

  test('a refusal exits 1 with the reason; the kill switch stops run', async () => {
    const bare = await fix(['plan', 'uncordon-node', '--context', 'abm-edge', '--param', 'node=edge-node-2']);
    expect([bare.code, bare.stderr]).toEqual([1, 'k8sfix: node edge-node-2 is already schedulable: nothing to change\n']);
    const killed = await fix(['run', 'cordon-node', '--context', 'abm-edge', '--param', 'node=edge-node-2', '--yes'], { K8SFIX_ACTIONS_KILL_SWITCH: 'true' });
    expect(killed.code).toBe(1);
    expect(cluster.resources.applied()).toEqual([]);
  });

  test('run --yes plans, runs, verifies and audits; two runs make one chain in the file', async () => {
    const first = await fix(['run', 'cordon-node', '--context', 'abm-edge', '--param', 'node=edge-node-1', '--yes']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/done: node edge-node-1 is cordoned/);
    const second = await fix(['run', 'uncordon-node', '--context', 'abm-edge', '--param', 'node=edge-node-1', '--yes']);
    expect(second.code).toBe(0);
    expect(cluster.resources.applied().map((m) => `${m.method} ${m.path}`)).toEqual(['PATCH /api/v1/nodes/edge-node-1', 'PATCH /api/v1/nodes/edge-node-1']);
    const verified = await audit(['verify', env.K8SFIX_AUDIT_FILE!]);
    expect(verified).toEqual({ code: 0, stdout: `${env.K8SFIX_AUDIT_FILE}: 10 records, the chain is intact\n`, stderr: '' });
    const shown = await audit(['show']);
    const events = ['proposed', 'previewed', 'executing', 'executed', 'verified'];
    expect(shown.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)[3])).toEqual([...events, ...events]);
  });
});

describe('k8sfix audit verify', () => {
  const original = async () => (await readFile(env.K8SFIX_AUDIT_FILE!, 'utf8')).trim().split('\n');
  const check = async (lines: string[]) => {
    const file = join(dir, `tampered-${Math.random().toString(36).slice(2)}.jsonl`);
    await writeFile(file, `${lines.join('\n')}\n`);
    return audit(['verify', file]);
  };

  test('names an edited record, even when its hash was recomputed the next record no longer chains to it', async () => {
    const lines = await original();
    const edited = lines.map((l, i) => (i === 2 ? l.replace('"actor":"cli:', '"actor":"cli:not-') : l));
    const result = await check(edited);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/the chain is broken \(changed\): record 3 \(line 3\) was changed: its content no longer matches its hash/);
    // An editor who also recomputes the record's hash is caught by the next record's link.
    const { hash: _old, ...body } = JSON.parse(edited[2]!) as Record<string, unknown>;
    const rehashed = [...edited];
    rehashed[2] = JSON.stringify({ ...body, hash: hashRecord(body as never) });
    expect((await check(rehashed)).stdout).toMatch(/\(changed\): record 3 \(line 3\) was changed: record 4 chains to a different hash/);
  });

  test('names a removed record', async () => {
    const lines = await original();
    const result = await check([...lines.slice(0, 6), ...lines.slice(7)]);
    expect(result.stdout).toMatch(/\(removed\): record 7 was removed before line 7/);
    expect(result.code).toBe(1);
  });

  test('names a reordered record', async () => {
    const lines = await original();
    const swapped = [...lines];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    const result = await check(swapped);
    expect(result.stdout).toMatch(/\(reordered\): record 4 \(line 3\) is out of order: record 3 should come first/);
    expect(result.code).toBe(1);
  });

  test("several replicas' files are checked together, in any order; one alone names the record it lacks", async () => {
    const { a, b } = await twoReplicaTrail();
    const fileA = join(dir, 'replica-a.jsonl');
    const fileB = join(dir, 'replica-b.jsonl');
    await writeFile(fileA, `${a.lines.join('\n')}\n`);
    await writeFile(fileB, `${b.lines.join('\n')}\n`);
    expect(await audit(['verify', fileA, fileB])).toEqual({ code: 0, stdout: `${fileA}, ${fileB}: 6 records in one chain, intact\n`, stderr: '' });
    const alone = await audit(['verify', '--any-order', fileA]);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain('the chain is broken (removed): record 5, which record 6 (');
    // A log collector's export: the records of both, reversed, among the app's own JSON log lines.
    const exported = join(dir, 'export.jsonl');
    await writeFile(exported, `${[...a.lines, '{"level":30,"msg":"answered"}', ...b.lines].reverse().join('\n')}\n`);
    const strict = await audit(['verify', exported]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('k8sfix audit verify --any-order FILE checks the chain in any order');
    expect(await audit(['verify', '--any-order', exported])).toEqual({ code: 0, stdout: `${exported}: 6 records in one chain, intact; 1 other log lines skipped\n`, stderr: '' });
  });

  test('a trail the shared store lost and restarted is two chains, each intact', async () => {
    const { a, b } = await twoReplicaTrail('after-4');
    const fileA = join(dir, 'restarted-a.jsonl');
    const fileB = join(dir, 'restarted-b.jsonl');
    await writeFile(fileA, `${a.lines.join('\n')}\n`);
    await writeFile(fileB, `${b.lines.join('\n')}\n`);
    expect((await audit(['verify', fileA, fileB])).stdout).toBe(`${fileA}, ${fileB}: 7 records in 2 chains (the shared trail was lost and restarted 1 time), intact\n`);
  });

  test('the last record removed is not detectable by the chain alone: the count shows it', async () => {
    const lines = await original();
    expect((await check(lines.slice(0, -1))).stdout).toMatch(/9 records, the chain is intact/);
  });
});
