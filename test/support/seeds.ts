import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The seed documents the catalogue is built from: `shared/seeds/` beside the repository (as CI lays it out),
 * or K8SFIX_SEEDS_DIR.
 */
export function seedsDir(): string {
  const dir = process.env.K8SFIX_SEEDS_DIR || join(process.cwd(), '..', 'shared', 'seeds');
  if (!existsSync(join(dir, 'README.md'))) {
    throw new Error(`the seed documents are not at ${dir}: clone the repository next to shared/ or set K8SFIX_SEEDS_DIR`);
  }
  return dir;
}
