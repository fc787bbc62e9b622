import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { CatalogueProblem } from './catalogue-error.js';
import type { CatalogueEntry } from './types.js';

/** Bumped when the compiled form changes, so an old dist/catalogue.json is never read as a new one. */
const FORMAT = 1;

/**
 * The catalogue validated at build time (`npm run build` writes dist/catalogue.json): parsing and validating
 * 88 YAML files costs more than the rest of a CLI call, and their result only changes when the files do.
 */
export interface CompiledCatalogue {
  format: number;
  /** sha256 of every YAML file's path and content: the compiled form is used only while it matches. */
  fingerprint: string;
  entries: CatalogueEntry[];
  /** The files left out as invalid, warned about at each use as when the YAML is read. */
  problems: CatalogueProblem[];
}

/** dist/catalogue.json beside the package's catalogue/ directory. */
export function compiledCataloguePath(catalogueDir: string): string {
  return join(dirname(catalogueDir), 'dist', 'catalogue.json');
}

/** The sha256 of the sorted YAML files below `dir`, path and content; read synchronously (a few ms for 88 files). */
export function catalogueFingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const path of listYamlFilesSync(dir).sort()) {
    hash.update(relative(dir, path).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function compileCatalogue(entries: CatalogueEntry[], problems: CatalogueProblem[], dir: string): CompiledCatalogue {
  return { format: FORMAT, fingerprint: catalogueFingerprint(dir), entries, problems };
}

/**
 * The compiled catalogue at `path` when it is whole and matches the YAML files of `dir`, else the reason it
 * cannot be used (missing, out of date, unreadable), for a warning.
 */
export function readCompiledCatalogue(path: string, dir: string): { compiled: CompiledCatalogue } | { reason: string; missing: boolean } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { reason: `${path} is missing`, missing: true };
  }
  let compiled: CompiledCatalogue;
  try {
    compiled = JSON.parse(text) as CompiledCatalogue;
  } catch (error) {
    return { reason: `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`, missing: false };
  }
  if (!compiled || compiled.format !== FORMAT || !Array.isArray(compiled.entries) || !Array.isArray(compiled.problems) || typeof compiled.fingerprint !== 'string') {
    return { reason: `${path} is not a compiled catalogue of this version`, missing: false };
  }
  if (compiled.fingerprint !== catalogueFingerprint(dir)) return { reason: `${path} is out of date with ${dir}`, missing: false };
  return { compiled };
}

function listYamlFilesSync(dir: string): string[] {
  const found: string[] = [];
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) found.push(...listYamlFilesSync(path));
    else if (item.isFile() && /\.ya?ml$/.test(item.name)) found.push(path);
  }
  return found;
}
