import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatalogueError, type CatalogueProblem } from './catalogue-error.js';
import { defaultCatalogueDir, loadCatalogue, type LoadedCatalogue, type LoadOptions } from './load-catalogue.js';
import type { CatalogueEntry } from './types.js';

/**
 * The catalogue directories from the environment, the bundled one (or `K8SFIX_CATALOGUE_DIR`, its older name
 * for a replacement) first, then each of `K8SFIX_CATALOGUE_DIRS` (`:`-separated) in order. Each must be a
 * directory; a problem names the variable and the path.
 */
export function catalogueDirsFromEnv(env: NodeJS.ProcessEnv = process.env, first?: string): string[] {
  const base = first ?? (env.K8SFIX_CATALOGUE_DIR?.trim() || defaultCatalogueDir());
  const extra = (env.K8SFIX_CATALOGUE_DIRS ?? '').split(':').map((d) => d.trim()).filter(Boolean);
  const problems: CatalogueProblem[] = [];
  const dirs: string[] = [];
  for (const dir of [base, ...extra]) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      const variable = dir === base ? (first ? '--catalogue' : 'K8SFIX_CATALOGUE_DIR') : 'K8SFIX_CATALOGUE_DIRS';
      problems.push({ file: dir, field: '(root)', message: `${variable} names ${dir}, which is not a directory: fix the path or remove it` });
    } else if (!dirs.some((d) => resolve(d) === resolve(dir))) dirs.push(dir);
  }
  if (problems.length > 0) throw new CatalogueError(problems);
  return dirs;
}

/**
 * Loads several catalogue directories as one catalogue, in order, with the same schema and checks as one.
 * With `skipInvalid`, a broken entry is left out and reported; an id used in two directories is always an error
 * naming both files, since which one should win is the operator's call, not ours.
 */
export async function loadCatalogues(dirs: string[], options: LoadOptions = {}): Promise<LoadedCatalogue> {
  const [first] = dirs;
  if (first === undefined) throw new CatalogueError([{ file: '.', field: '(root)', message: 'no catalogue directory given' }]);
  const entries: CatalogueEntry[] = [];
  const byId = new Map<string, CatalogueEntry>();
  const origin = new Map<string, string>();
  const problems: CatalogueProblem[] = [];
  const warnings: string[] = [];
  const clashes: CatalogueProblem[] = [];
  for (const [i, dir] of dirs.entries()) {
    // Always collected, then thrown together below: lint then names every problem of every directory at once.
    const loaded = await loadCatalogue(dir, { ...options, skipInvalid: true });
    // Problems of later directories name the directory too, so the warning says where to look.
    const where = (file: string): string => (i === 0 ? file : join(dir, file));
    problems.push(...loaded.problems.map((p) => ({ ...p, file: where(p.file) })));
    warnings.push(...loaded.warnings);
    for (const entry of loaded.entries) {
      const file = join(dir, entry.file);
      const earlier = origin.get(entry.id);
      if (earlier !== undefined) {
        clashes.push({ file, field: 'id', message: `"${entry.id}" is also the id of ${earlier}: ids must be unique across the catalogue directories (K8SFIX_CATALOGUE_DIRS); rename one` });
        continue;
      }
      origin.set(entry.id, file);
      byId.set(entry.id, entry);
      entries.push(entry);
    }
  }
  if (clashes.length > 0) throw new CatalogueError(options.skipInvalid ? clashes : [...problems, ...clashes]);
  if (problems.length > 0 && !options.skipInvalid) throw new CatalogueError(problems);
  return { entries, byId, dir: first, problems, warnings };
}
