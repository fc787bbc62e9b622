/**
 * Broken kubeconfigs full of secrets (bearer tokens, client-key-data, a password), several at once as KUBECONFIG
 * lists them. The parser's code frame and the names it quotes used to reach `/k8sfix clusters`, which any Slack
 * user can run, and the log: two broken files together showed a whole token. Each way a reader sees the reasons
 * is checked here: the collector's reports, the `k8sfix clusters` CLI (table and JSON, stdout and stderr), and
 * `/k8sfix clusters` in the real Bolt app (the reply and the app's log).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseDocument } from 'yaml';
import { createClusterFactsService, describeParseError, formatClustersTable, type ClusterReport } from '../../src/clusters/index.js';
import { clusterCheckerFromEnv } from '../../src/slack/cluster-checker-from-env.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { createTestCertificates, startFakeCluster, writeKubeconfig, type FakeCluster } from '../support/fake-kube-api-server.js';
import { blocksText, startHarness } from '../slack/harness.js';
import { clusterFixture } from '../support/cluster-fixtures.js';

const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

// Made-up secrets in the shapes real kubeconfigs hold them.
const BEARER = 'sha256~Qm9vLrT3xWkPz8sJf2Hn5cVb1YdAe7GiUo4';
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkJ4cW9ZcEt0Nk1v.eyJpc3MiOiJrdWJlcm5ldGVz';
const PASSWORD = 'Tr0ub4dor-Horse-Battery-9';
const TAGGED = 'Xk9qPw7sSecretTagToken';
const CLIENT_KEY = Buffer.from('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBx7fQk2Ws9dLr4pVn8Jt3Hy6Zc1Ua5Ob0Ie2Mg7Kf\n-----END EC PRIVATE KEY-----\n').toString('base64');
const SECRETS = [BEARER, JWT, PASSWORD, TAGGED, CLIENT_KEY];

const head = (user: string) => `apiVersion: v1
kind: Config
clusters:
- name: broken-cluster
  cluster:
    server: https://127.0.0.1:9
contexts:
- name: broken
  context: {cluster: broken-cluster, user: ${user}}
users:
`;

/** Each file breaks right next to a secret, where a code frame would show it. */
const BROKEN: Record<string, { text: string; says: RegExp }> = {
  'indent.yaml': {
    text: `${head('u1')}- name: u1\n  user:\n    token: ${BEARER}\n   client-key-data: ${CLIENT_KEY}\n`,
    says: /bad indentation of a mapping entry at line 14, column 4/,
  },
  'alias.yaml': {
    // An unquoted password that starts with `*` is a YAML alias; js-yaml names it in its reason.
    text: `${head('u2')}- name: u2\n  user:\n    username: admin\n    password: *${PASSWORD}\n`,
    says: /unidentified alias … at line 14, column \d+/,
  },
  'tag.yaml': {
    text: `${head('u3')}- name: u3\n  user:\n    token: !${TAGGED} ${BEARER}\n`,
    says: /unknown tag … at line 13, column \d+/,
  },
  'json-config.json': {
    text: `{"apiVersion":"v1","kind":"Config","users":[{"name":"u4","user":{"token":"${JWT}" "client-key-data":"${CLIENT_KEY}"}}]}`,
    says: /missed comma between flow collection entries at line 1, column \d+/,
  },
  'tabs.yaml': {
    text: `${head('u5')}- name: u5\n  user:\n\tclient-key-data: ${CLIENT_KEY}\n\ttoken: ${JWT}\n`,
    says: /tab characters must not be used in indentation at line 13, column 1/,
  },
  'duplicate.yaml': {
    text: `${head('u6')}- name: u6\n  user:\n    password: ${PASSWORD}\n    password: ${PASSWORD}x\n    token: ${BEARER}\n`,
    says: /duplicated mapping key at line 14, column 5/,
  },
};

/** Fails naming the first secret of which any 8-character run appears in `text`. */
function expectNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const piece = secret.slice(i, i + 8);
      if (text.includes(piece)) throw new Error(`${where} shows "${piece}", part of a secret:\n${text}`);
    }
  }
}

let dir = '';
let kubeconfig = '';
let healthy: FakeCluster;

beforeAll(async () => {
  const certs = await createTestCertificates();
  const gke = clusterFixture<object>('gke-cos-and-windows');
  healthy = await startFakeCluster({ token: 'gke-token', ...gke }, certs);
  dir = await mkdtemp(join(tmpdir(), 'k8sfix-broken-kubeconfig-'));
  const good = await writeKubeconfig(dir, 'good.yaml', certs.caCert, [{ name: 'gke-prod', server: healthy.url, token: 'gke-token' }]);
  const broken: string[] = [];
  for (const [file, { text }] of Object.entries(BROKEN)) {
    await writeFile(join(dir, file), text);
    broken.push(join(dir, file));
  }
  kubeconfig = [broken[0]!, good, ...broken.slice(1)].join(delimiter);
});

afterAll(async () => {
  await healthy.close();
  await rm(dir, { recursive: true, force: true });
});

describe('broken kubeconfigs with secrets in them', () => {
  test('the collector reports each broken file with the parser message and position, and no secret', async () => {
    const reports = await createClusterFactsService({ kubeconfig, inCluster: false, store: new MemoryStore() }).collect();
    expect(reports.map((r) => [r.context, r.ok ? 'ok' : r.code])).toEqual([
      ...Object.keys(BROKEN).map((file) => [join(dir, file), 'error']),
      ['gke-prod', 'ok'],
    ]);
    for (const [file, { says }] of Object.entries(BROKEN)) {
      const report = reports.find((r) => r.context === join(dir, file)) as Extract<ClusterReport, { ok: false }>;
      expect(report.reason).toMatch(new RegExp(`^cannot read kubeconfig ${escapeRegExp(join(dir, file))}: `));
      expect(report.reason).toMatch(says);
      expect(report.reason).toMatch(/: fix the file or remove it from KUBECONFIG$/);
      expect(report.reason).not.toContain('\n');
    }
    expectNoSecret(JSON.stringify(reports), 'the reports');
    expectNoSecret(formatClustersTable(reports), 'the clusters table');
  });

  test('k8sfix clusters (table and --json) prints the reasons and no secret on stdout or stderr', async () => {
    for (const args of [['clusters'], ['clusters', '--json']]) {
      const { code, stdout, stderr } = await cli(args, { KUBECONFIG: kubeconfig });
      expect(code).toBe(1);
      expect(stdout).toContain('bad indentation of a mapping entry at line 14, column 4');
      expect(stdout).toContain('gke-prod');
      expectNoSecret(stdout, `k8sfix ${args.join(' ')} stdout`);
      expectNoSecret(stderr, `k8sfix ${args.join(' ')} stderr`);
    }
  });

  test('/k8sfix clusters in Slack shows the reasons and no secret, in the reply or the log', async () => {
    const store = new MemoryStore();
    const clusters = clusterCheckerFromEnv({ kubeconfig }, store);
    const h = await startHarness({ clusters: clusters!, store });
    try {
      await h.command('clusters', 'clusters-secrets');
      const [reply] = await h.fake.waitFor((c) => c.id === 'clusters-secrets');
      const text = blocksText(reply!.body.blocks);
      expect(text).toContain('unidentified alias');
      expect(text).toContain('gke-prod');
      expectNoSecret(JSON.stringify(reply!.body), 'the Slack reply');
      expectNoSecret(JSON.stringify(h.fake.calls), 'every call the app made to Slack');
      expectNoSecret(h.logger.lines.join('\n'), 'the app log');
    } finally {
      await h.stop();
    }
  });
});

describe('describeParseError keeps what the parser said and where, never what it parsed', () => {
  test.each([
    ['a tag the yaml package cannot resolve', `token: !${TAGGED} x\n`, /^Unresolved tag at line 1, column 8 \(TAG_RESOLVE_FAILED\)$/],
    ['an escape sequence the yaml package rejects', `token: "${BEARER}\\q"\n`, /^Invalid escape sequence … at line 1, column \d+ \(BAD_DQ_ESCAPE\)$/],
    ['bad indentation in the yaml package', `user:\n  token: ${BEARER}\n client-key-data: ${CLIENT_KEY}\n`, /at line 3, column \d+ \(\w+\)$/],
  ])('%s', (_, text, expected) => {
    const doc = parseDocument(text);
    const caught = doc.errors[0] ?? doc.warnings[0];
    // The raw message shows the secret; what k8sfix passes on does not.
    expect(String((caught as Error).message)).toMatch(new RegExp(`${escapeRegExp(BEARER.slice(0, 8))}|${TAGGED}|${CLIENT_KEY.slice(0, 8)}`));
    const described = describeParseError(caught);
    expect(described).toMatch(expected);
    expectNoSecret(described!, 'the description');
  });

  test.each([
    [`"${JWT}`],
    [`{"token": ${BEARER}}`],
    [`["x", ${PASSWORD}]`],
    [`tok"en":"${JWT}"`],
  ])('JSON.parse of %s', (text) => {
    let caught: unknown;
    try {
      JSON.parse(text);
    } catch (error) {
      caught = error;
    }
    const described = describeParseError(caught);
    expect(described).toMatch(/JSON/);
    expectNoSecret(described!, 'the description');
  });

  test('anything else is not a parse error', () => {
    expect(describeParseError(new Error('ENOENT: no such file or directory'))).toBeUndefined();
    expect(describeParseError('a string')).toBeUndefined();
  });
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, K8SFIX_CONTEXTS: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
