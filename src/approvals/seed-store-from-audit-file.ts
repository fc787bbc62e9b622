import { existsSync, readFileSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { AUDIT_LOG } from './audit-trail.js';

/**
 * Loads an existing audit file into a fresh store's log, so a run without Redis (the CLI) continues the file's
 * chain instead of starting a second one in the same file.
 */
export async function seedStoreFromAuditFile(store: Store, file: string): Promise<void> {
  if (file === '-' || !existsSync(file)) return;
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  for (const [i, line] of lines.entries()) await store.appendLog(AUDIT_LOG, i, line);
}
