/**
 * Team runbook entries: K8SFIX_CATALOGUE_DIRS adds directories after the bundled catalogue, with the same schema
 * and lint, read by the CLI (and by `npm start`, see test/slack/start.test.ts).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCatalogueError, type CatalogueProblem } from '../../src/catalogue/catalogue-error.js';
import { defaultCatalogueDir, loadCatalogue } from '../../src/catalogue/load-catalogue.js';
import { catalogueDirsFromEnv, loadCatalogues } from '../../src/catalogue/load-catalogues.js';

const BUNDLED_FILE = join('gke', 'pod-ip-exhaustion-containerd-ip-leak.yaml');
const EXAMPLE = readFileSync(join(defaultCatalogueDir(), BUNDLED_FILE), 'utf8');
const TEAM_ERROR = 'sprocket-operator: reconcile of widget pool failed: frobnication quota exhausted for tenant acme-payments';
const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A team entry: the example reshaped into an issue of the team's own operator. */
function teamEntry(id: string): string {
  return EXAMPLE.replace('id: pod-ip-exhaustion-containerd-ip-leak', `id: ${id}`)
    .replace(/signatures:\n  - "[^\n]*"/, `signatures:\n  - "sprocket-operator: reconcile of widget pool failed: frobnication quota exhausted for tenant <any>"`)
    .replace(/title:\n  en: "[^\n]*"/, 'title:\n  en: "Sprocket operator: frobnication quota exhausted"');
}

function teamDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8sfix-team-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

async function problemsOf(load: () => Promise<unknown>): Promise<CatalogueProblem[]> {
  try {
    await load();
  } catch (error) {
    if (isCatalogueError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected a CatalogueError');
}

function k8sfix(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', K8SFIX_LANG: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

describe('several catalogue directories', () => {
  test('the bundled catalogue first, then each of K8SFIX_CATALOGUE_DIRS in order', async () => {
    const a = teamDir({ 'gke/team-sprocket-quota.yaml': teamEntry('team-sprocket-quota') });
    const b = teamDir({ 'gke/team-sprocket-quota-b.yaml': teamEntry('team-sprocket-quota-b') });
    const dirsRead = catalogueDirsFromEnv({ K8SFIX_CATALOGUE_DIRS: `${a}:${b}` });
    expect(dirsRead).toEqual([defaultCatalogueDir(), a, b]);
    const bundled = await loadCatalogue();
    const all = await loadCatalogues(dirsRead);
    expect(all.entries.length).toBe(bundled.entries.length + 2);
    expect(all.entries.slice(-2).map((e) => e.id)).toEqual(['team-sprocket-quota', 'team-sprocket-quota-b']);
    expect(all.byId.get('team-sprocket-quota')?.title.en).toBe('Sprocket operator: frobnication quota exhausted');
  });

  test('an id that is already in an earlier directory is an error naming both files, even when skipping broken entries', async () => {
    const team = teamDir({ [BUNDLED_FILE]: EXAMPLE });
    const problems = await problemsOf(() => loadCatalogues(catalogueDirsFromEnv({ K8SFIX_CATALOGUE_DIRS: team }), { skipInvalid: true }));
    expect(problems).toEqual([
      {
        file: join(team, BUNDLED_FILE),
        field: 'id',
        message: `"pod-ip-exhaustion-containerd-ip-leak" is also the id of ${join(defaultCatalogueDir(), BUNDLED_FILE)}: ids must be unique across the catalogue directories (K8SFIX_CATALOGUE_DIRS); rename one`,
      },
    ]);
  });

  test('a directory that does not exist is named with its variable', async () => {
    const problems = await problemsOf(async () => catalogueDirsFromEnv({ K8SFIX_CATALOGUE_DIRS: '/nonexistent/team-runbooks' }));
    expect(problems).toEqual([
      { file: '/nonexistent/team-runbooks', field: '(root)', message: 'K8SFIX_CATALOGUE_DIRS names /nonexistent/team-runbooks, which is not a directory: fix the path or remove it' },
    ]);
  });

  test('a broken team entry is reported with its directory, file and field; the rest load', async () => {
    const team = teamDir({
      'gke/team-sprocket-quota.yaml': teamEntry('team-sprocket-quota'),
      'gke/team-broken.yaml': teamEntry('team-broken').replace('product: gke', 'product: eks'),
    });
    const loaded = await loadCatalogues(catalogueDirsFromEnv({ K8SFIX_CATALOGUE_DIRS: team }), { skipInvalid: true });
    expect(loaded.byId.has('team-sprocket-quota')).toBe(true);
    expect(loaded.byId.has('team-broken')).toBe(false);
    expect(loaded.problems).toContainEqual(expect.objectContaining({ file: join(team, 'gke/team-broken.yaml'), field: 'product' }));
  });

  test('the CLI reads K8SFIX_CATALOGUE_DIRS: lint checks the team entries, a match names them, K8SFIX_CATALOGUE_DIR still works', async () => {
    const team = teamDir({ 'gke/team-sprocket-quota.yaml': teamEntry('team-sprocket-quota') });
    const lint = await k8sfix(['catalogue', 'lint'], { K8SFIX_CATALOGUE_DIRS: team });
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(new RegExp(`^catalogue OK: \\d+ entries in ${defaultCatalogueDir()}, ${team}\\n$`));
    const match = await k8sfix(['--json', TEAM_ERROR], { K8SFIX_CATALOGUE_DIRS: team });
    expect(match.code).toBe(0);
    expect((JSON.parse(match.stdout) as { id: string }[])[0]?.id).toBe('team-sprocket-quota');
    // The older single-directory variable replaces the bundled one, as before.
    const only = await k8sfix(['catalogue', 'list', '--json'], { K8SFIX_CATALOGUE_DIR: team });
    expect((JSON.parse(only.stdout) as { id: string }[]).map((e) => e.id)).toEqual(['team-sprocket-quota']);

    const broken = teamDir({ 'gke/team-broken.yaml': teamEntry('team-broken').replace('remediation:', 'remediaton:') });
    const bad = await k8sfix(['catalogue', 'lint'], { K8SFIX_CATALOGUE_DIRS: broken });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${join(broken, 'gke/team-broken.yaml')}: remediaton: `);
  });
});
