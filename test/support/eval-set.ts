import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface EvalCase {
  file: string;
  index: number;
  /** The entry that must come first, or null when nothing may match. */
  expect: string | null;
  input: string;
  why?: string;
}

export const EVAL_DIR = join(process.cwd(), 'test', 'eval');

/** Every labelled case in test/eval/*.yaml. */
export function loadEvalSet(dir = EVAL_DIR): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const items = parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    if (!Array.isArray(items)) throw new Error(`${file}: must hold a YAML list of { expect, input, why }`);
    items.forEach((item: { expect?: unknown; input?: unknown; why?: unknown }, index) => {
      if (typeof item?.input !== 'string' || !(item.expect === null || typeof item.expect === 'string')) {
        throw new Error(`${file}[${index}]: needs input (a string) and expect (an entry id or null)`);
      }
      cases.push({ file, index, expect: item.expect, input: item.input, why: typeof item.why === 'string' ? item.why : undefined });
    });
  }
  return cases;
}
