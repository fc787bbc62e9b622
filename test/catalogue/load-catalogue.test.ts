import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCatalogueError, type CatalogueProblem } from '../../src/catalogue/catalogue-error.js';
import { defaultCatalogueDir, loadCatalogue } from '../../src/catalogue/load-catalogue.js';

const EXAMPLE = readFileSync(join(defaultCatalogueDir(), 'gke', 'pod-ip-exhaustion-containerd-ip-leak.yaml'), 'utf8');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A catalogue directory holding the example entry, edited by `edit`, under gke/<name>.yaml. */
function catalogueWith(edit: (yaml: string) => string, name = 'pod-ip-exhaustion-containerd-ip-leak'): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8sfix-catalogue-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'gke'));
  writeFileSync(join(dir, 'gke', `${name}.yaml`), edit(EXAMPLE));
  return dir;
}

async function problemsOf(dir: string): Promise<CatalogueProblem[]> {
  try {
    await loadCatalogue(dir);
  } catch (error) {
    if (isCatalogueError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected the catalogue to be rejected');
}

describe('loadCatalogue validation names the file and the field', () => {
  test('the unedited example loads', async () => {
    const catalogue = await loadCatalogue(catalogueWith((yaml) => yaml));
    expect(catalogue.entries.map((e) => e.id)).toEqual(['pod-ip-exhaustion-containerd-ip-leak']);
  });

  test('a misspelt field', async () => {
    const problems = await problemsOf(catalogueWith((yaml) => yaml.replace('remediation:', 'remediaton:')));
    expect(problems).toEqual(expect.arrayContaining([
      { file: 'gke/pod-ip-exhaustion-containerd-ip-leak.yaml', field: 'remediaton', message: expect.stringContaining('unknown field') },
      { file: 'gke/pod-ip-exhaustion-containerd-ip-leak.yaml', field: 'remediation', message: 'is missing (a list)' },
    ]));
  });

  test('an unquoted version that YAML reads as a number', async () => {
    const problems = await problemsOf(catalogueWith((yaml) => yaml.replace('{ from: "1.24", to: "1.24.6-gke.1500" }', '{ from: 1.24, to: "1.24.6-gke.1500" }')));
    expect(problems).toEqual([
      { file: 'gke/pod-ip-exhaustion-containerd-ip-leak.yaml', field: 'affects.conditions[0].ranges[0].from', message: expect.stringContaining('quoted version string') },
    ]);
  });

  test('a product that does not exist and a missing Korean title', async () => {
    const problems = await problemsOf(catalogueWith((yaml) => yaml.replace('product: gke', 'product: eks').replace(/\n  ko: "포드에 failed[^\n]*/, '')));
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['product', 'title.ko']));
  });

  test('a YAML syntax error gives the line', async () => {
    const problems = await problemsOf(catalogueWith((yaml) => yaml.replace('product: gke', 'product: [gke')));
    expect(problems[0]).toMatchObject({ file: 'gke/pod-ip-exhaustion-containerd-ip-leak.yaml', field: '(yaml)', message: expect.stringMatching(/^line \d+, column \d+: /) });
  });

  test('an id that differs from the file name, and a signature too generic to tell issues apart', async () => {
    const dir = catalogueWith((yaml) => yaml.replace('- "failed to allocate for range 0: no IP addresses available in range set: <ip-range>"', '- "error: <any>"'), 'renamed');
    const problems = await problemsOf(dir);
    expect(problems.map((p) => [p.field, p.message])).toEqual(expect.arrayContaining([
      ['id', expect.stringContaining('differs from the file name')],
      ['signatures[0]', expect.stringContaining('characters outside placeholders')],
    ]));
  });

  test('two files with one id', async () => {
    const dir = catalogueWith((yaml) => yaml);
    mkdirSync(join(dir, 'nks'));
    writeFileSync(join(dir, 'nks', 'pod-ip-exhaustion-containerd-ip-leak.yaml'), EXAMPLE.replace('product: gke', 'product: nks'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ field: 'id', message: expect.stringContaining('also the id of') }));
  });

  test('skipInvalid keeps the good entries and reports the bad one', async () => {
    const dir = catalogueWith((yaml) => yaml);
    writeFileSync(join(dir, 'gke', 'broken.yaml'), 'id: broken\ntitle: [');
    const catalogue = await loadCatalogue(dir, { skipInvalid: true });
    expect(catalogue.entries.map((e) => e.id)).toEqual(['pod-ip-exhaustion-containerd-ip-leak']);
    expect(catalogue.problems[0]).toMatchObject({ file: 'gke/broken.yaml', field: '(yaml)' });
  });

  test('an empty directory is an error, not an empty catalogue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sfix-empty-'));
    dirs.push(dir);
    const problems = await problemsOf(dir);
    expect(problems[0]?.message).toContain('no *.yaml entries');
  });
});
