/**
 * What `npm pack` would publish, read from `npm pack --dry-run --json` on this checkout's build: the compiled
 * library, CLI and Slack app and the catalogue, and neither tests nor benchmarks (dist/test and dist/bench exist
 * after `npm run build`, because bench/ imports test/support/).
 */
import { beforeAll, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const ROOT = process.cwd();
let files: string[];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'index.js'))) throw new Error('dist/ is not built: run npm run build first (npm test does)');
  // --ignore-scripts: "prepare" would build again; the build is already there.
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}, 90_000);

test('ships no test, benchmark or TypeScript source', () => {
  expect(files.filter((f) => /^(dist\/)?(test|bench)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
});

test('ships what package.json points at: the library, its types, the CLI and the Slack app', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string; bin: Record<string, string>; exports: Record<string, string> };
  const entries = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.exports), 'dist/src/slack/start.js'];
  expect(entries.map((e) => e.replace(/^\.\//, '')).filter((e) => !files.includes(e))).toEqual([]);
});

test('ships the whole catalogue, README.md included (it marks the directory the library loads)', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? walk(join(dir, entry)) : [relative(ROOT, join(dir, entry))]));
  const catalogue = walk(join(ROOT, 'catalogue'));
  expect(catalogue).toContain('catalogue/README.md');
  expect(catalogue.filter((f) => !files.includes(f))).toEqual([]);
});
