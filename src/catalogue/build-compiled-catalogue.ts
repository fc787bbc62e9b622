/**
 * `npm run build`, after tsc: validates the package's catalogue/ and writes dist/catalogue.json, which the CLI
 * and the Slack app read instead of the YAML while it matches the files. Invalid files are recorded (and
 * warned about at each use), not fatal: one typo must not break an install.
 */
import { writeFileSync } from 'node:fs';
import { formatProblem } from './catalogue-error.js';
import { compileCatalogue, compiledCataloguePath } from './compiled-catalogue.js';
import { defaultCatalogueDir, loadCatalogue } from './load-catalogue.js';

const dir = defaultCatalogueDir();
const catalogue = await loadCatalogue(dir, { skipInvalid: true, compiled: false });
const path = compiledCataloguePath(dir);
writeFileSync(path, JSON.stringify(compileCatalogue(catalogue.entries, catalogue.problems, dir)));
for (const problem of catalogue.problems) process.stderr.write(`catalogue: warning: ${formatProblem(problem)}\n`);
process.stdout.write(`catalogue: ${catalogue.entries.length} entries compiled to ${path}\n`);
