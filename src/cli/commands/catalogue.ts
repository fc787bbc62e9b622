import { formatProblem, isCatalogueError } from '../../catalogue/catalogue-error.js';
import { catalogueDirsFromEnv, loadCatalogues } from '../../catalogue/load-catalogues.js';
import { PRODUCT_NAMES, type Lang } from '../../catalogue/types.js';
import { UsageError, type CliIo } from '../cli-io.js';

/** `k8sfix catalogue lint|list`: check every entry, or list them (of --catalogue DIR, else K8SFIX_CATALOGUE_DIR, else the package's). */
export async function runCatalogueCommand(args: string[], lang: Lang, envDir: string | undefined, io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  let dir = envDir;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--catalogue' && rest[i + 1] !== undefined) dir = rest[++i];
    else if (rest[i]!.startsWith('--catalogue=') && rest[i]!.length > '--catalogue='.length) dir = rest[i]!.slice('--catalogue='.length);
    else if (rest[i] === '--json') json = true;
    else throw new UsageError(`unknown argument for catalogue ${sub ?? ''}: ${rest[i]}`);
  }
  if (sub === 'lint') {
    try {
      const dirs = catalogueDirsFromEnv(process.env, dir);
      // Lint reads and validates the YAML itself, never the compiled form.
      const catalogue = await loadCatalogues(dirs, { compiled: false });
      io.stdout(`catalogue OK: ${catalogue.entries.length} entries in ${dirs.join(', ')}\n`);
      return 0;
    } catch (error) {
      if (!isCatalogueError(error)) throw error;
      for (const problem of error.problems) io.stdout(`${formatProblem(problem)}\n`);
      io.stderr(`k8sfix: the catalogue has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}\n`);
      return 1;
    }
  }
  if (sub === 'list') {
    const catalogue = await loadCatalogues(catalogueDirsFromEnv(process.env, dir));
    if (json) {
      const rows = catalogue.entries.map((e) => ({ id: e.id, product: e.product, title: e.title, sources: e.sources }));
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const byProduct = new Map<string, string[]>();
    for (const entry of catalogue.entries) {
      const rows = byProduct.get(entry.product) ?? [];
      rows.push(`  ${entry.id.padEnd(64)} ${entry.title[lang]}`);
      byProduct.set(entry.product, rows);
    }
    for (const [product, rows] of byProduct) {
      io.stdout(`${PRODUCT_NAMES[product as keyof typeof PRODUCT_NAMES]} (${rows.length})\n${rows.join('\n')}\n\n`);
    }
    io.stdout(`${catalogue.entries.length} known issues\n`);
    return 0;
  }
  throw new UsageError('use "k8sfix catalogue lint" or "k8sfix catalogue list [--json]"');
}
