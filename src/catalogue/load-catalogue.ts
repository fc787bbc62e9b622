import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogueError, type CatalogueProblem } from './catalogue-error.js';
import { compiledCataloguePath, readCompiledCatalogue } from './compiled-catalogue.js';
import type { Catalogue, CatalogueEntry } from './types.js';
import { validateEntry } from './validate-entry.js';

export interface LoadOptions {
  /**
   * Keep the valid entries and report the invalid ones in `problems` instead of throwing (for a running bot,
   * where one bad file must not take the others down). Default: false, throw a CatalogueError.
   */
  skipInvalid?: boolean;
  /**
   * For the package's own catalogue, use dist/catalogue.json (validated at build time) while it matches the
   * YAML files. Default: true. Another directory is always read and validated from its YAML.
   */
  compiled?: boolean;
}

export interface LoadedCatalogue extends Catalogue {
  /** Problems of the entries that were left out (only with skipInvalid). */
  problems: CatalogueProblem[];
  /** Why the compiled catalogue could not be used (out of date, corrupt), when it was not; the YAML was read instead. */
  warnings: string[];
}

/** Catalogue files larger than this are refused rather than parsed. */
const MAX_ENTRY_BYTES = 256 * 1024;

/** The `catalogue/` directory shipped with the package, found from this module's location. */
export function defaultCatalogueDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'catalogue');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find the catalogue/ directory of the k8sfix package: pass its path to loadCatalogue(dir)');
}

function packagedCatalogueDir(): string | undefined {
  try {
    return defaultCatalogueDir();
  } catch {
    return undefined;
  }
}

/**
 * Loads and validates every `*.yaml` entry below `dir` (default: the package's own catalogue, read from its
 * compiled form when that is up to date).
 */
export async function loadCatalogue(dir?: string, options: LoadOptions = {}): Promise<LoadedCatalogue> {
  const packaged = dir === undefined ? defaultCatalogueDir() : packagedCatalogueDir();
  const root = dir ?? packaged!;
  const warnings: string[] = [];
  if (packaged && options.compiled !== false && resolve(root) === resolve(packaged)) {
    const read = readCompiledCatalogue(compiledCataloguePath(packaged), packaged);
    if ('compiled' in read) {
      const { entries, problems } = read.compiled;
      if (problems.length > 0 && !options.skipInvalid) throw new CatalogueError(problems);
      return { entries, byId: new Map(entries.map((entry) => [entry.id, entry])), dir: root, problems, warnings };
    }
    // Missing is the ordinary state of a source checkout before its first build: no warning for that.
    if (!read.missing) warnings.push(`${read.reason}; reading the YAML files instead (run "npm run build" to compile them)`);
  }
  return { ...(await loadYamlCatalogue(root, options)), warnings };
}

/** Loads and validates every `*.yaml` entry below `dir`. */
async function loadYamlCatalogue(dir: string, options: LoadOptions): Promise<Omit<LoadedCatalogue, 'warnings'>> {
  // Loaded only here: the yaml parser alone costs a CLI call more than matching does.
  const { parseDocument } = await import('yaml');
  const files = (await listYamlFiles(dir)).sort();
  if (files.length === 0) throw new CatalogueError([{ file: '.', field: '(root)', message: `no *.yaml entries found in ${dir}` }]);
  const problems: CatalogueProblem[] = [];
  const entries: CatalogueEntry[] = [];
  const byId = new Map<string, CatalogueEntry>();

  for (const path of files) {
    const file = relative(dir, path).split(sep).join('/');
    const text = await readFile(path, 'utf8');
    if (text.length > MAX_ENTRY_BYTES) {
      problems.push({ file, field: '(root)', message: `file is ${text.length} bytes; entries are limited to ${MAX_ENTRY_BYTES}` });
      continue;
    }
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const line = error.linePos?.[0];
        problems.push({ file, field: '(yaml)', message: `${line ? `line ${line.line}, column ${line.col}: ` : ''}${error.message.split('\n')[0]}` });
      }
      continue;
    }
    const { entry, problems: fieldProblems } = validateEntry(doc.toJS(), file);
    for (const problem of fieldProblems) problems.push({ file, ...problem });
    if (!entry) continue;
    const clash = byId.get(entry.id);
    if (clash) {
      problems.push({ file, field: 'id', message: `"${entry.id}" is also the id of ${clash.file}` });
      continue;
    }
    byId.set(entry.id, entry);
    entries.push(entry);
  }

  if (problems.length > 0 && !options.skipInvalid) throw new CatalogueError(problems);
  return { entries, byId, dir, problems };
}

async function listYamlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const items = await readdir(dir, { withFileTypes: true });
  for (const item of items) {
    const path = join(dir, item.name);
    if (item.isDirectory()) found.push(...(await listYamlFiles(path)));
    else if (item.isFile() && /\.ya?ml$/.test(item.name)) found.push(path);
  }
  return found;
}
