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
  /** Real pastes only: known | lookalike | common. */
  kind?: string;
  /** Real pastes only: where the paste was copied from. */
  source?: string;
}

export const EVAL_DIR = join(process.cwd(), 'test', 'eval');
/** Real pastes from public issue trackers, judged on their own (harder) bars. */
export const REAL_EVAL_DIR = join(EVAL_DIR, 'real');

/** Every labelled case in test/eval/*.yaml. */
export function loadEvalSet(dir = EVAL_DIR): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const items = parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    if (!Array.isArray(items)) throw new Error(`${file}: must hold a YAML list of { expect, input, why }`);
    items.forEach((item: { expect?: unknown; input?: unknown; why?: unknown; kind?: unknown; source?: unknown }, index) => {
      if (typeof item?.input !== 'string' || !(item.expect === null || typeof item.expect === 'string')) {
        throw new Error(`${file}[${index}]: needs input (a string) and expect (an entry id or null)`);
      }
      cases.push({
        file,
        index,
        expect: item.expect,
        input: item.input,
        why: typeof item.why === 'string' ? item.why : undefined,
        kind: typeof item.kind === 'string' ? item.kind : undefined,
        source: typeof item.source === 'string' ? item.source : undefined,
      });
    });
  }
  return cases;
}
