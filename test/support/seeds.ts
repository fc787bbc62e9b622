import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Requirement } from './requirement.js';

/** Where the seed documents were looked for, and whether they are there (as a {@link Requirement}). */
export type SeedDocuments = Requirement & { dir: string };

/**
 * The seed documents the catalogue is built from: `shared/seeds/` beside the repository (as CI lays it out),
 * or K8SFIX_SEEDS_DIR. A plain clone has neither; the tests that read them are then skipped with this reason
 * (see test/support/requirement.ts), and .ci/run, which has them, fails on any skip.
 */
export function seedDocuments(): SeedDocuments {
  const dir = process.env.K8SFIX_SEEDS_DIR || join(process.cwd(), '..', 'shared', 'seeds');
  if (existsSync(join(dir, 'README.md'))) return { met: true, dir };
  return { met: false, dir, reason: `source documents not found at ${dir} (set K8SFIX_SEEDS_DIR)` };
}
