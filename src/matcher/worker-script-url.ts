import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker thread's script in src/matcher (`match-worker.js`, `normalize-worker.js`): the one beside this module
 * when it runs built, else the build's. Under ts-jest this module runs as TypeScript, which a worker thread
 * cannot load, so the build that `npm test` makes first is used. `what` names the worker in the error.
 */
export function workerScriptUrl(file: string, what: string): URL {
  const sibling = new URL(`./${file}`, import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = new URL(`../../dist/src/matcher/${file}`, import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`the ${what} worker script is missing: run npm run build first`);
}
