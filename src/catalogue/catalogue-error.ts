/** A problem in one catalogue file, named by file and field so its writer can fix it. */
export interface CatalogueProblem {
  /** Path relative to the catalogue directory, e.g. `gke/pod-ip-exhaustion-containerd-ip-leak.yaml`. */
  file: string;
  /** The field path (`affects.conditions[0].ranges[1].to`), `(yaml)` for a syntax error, `(root)` for the file itself. */
  field: string;
  message: string;
}

export function formatProblem(problem: CatalogueProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}

/** Thrown by loadCatalogue when any entry is invalid; `problems` lists every one. */
export class CatalogueError extends Error {
  readonly code = 'K8SFIX_CATALOGUE_INVALID';

  constructor(readonly problems: CatalogueProblem[]) {
    const shown = problems.slice(0, 20).map((p) => `  ${formatProblem(p)}`).join('\n');
    const more = problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : '';
    super(`the catalogue has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${shown}${more}`);
    this.name = 'CatalogueError';
  }
}

export function isCatalogueError(error: unknown): error is CatalogueError {
  return error instanceof CatalogueError;
}
