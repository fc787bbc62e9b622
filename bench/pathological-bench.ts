import { loadCatalogue } from '../src/catalogue/load-catalogue.js';
import { createMatcher } from '../src/matcher/create-matcher.js';
import { ordinaryLog, pathologicalInputs } from '../test/support/pathological-inputs.js';
import { fastest } from '../test/support/timing.js';


/**
 * For each size, the matcher's time on ordinary log text and on the slowest pathological input of the same
 * size, and their ratio (the pathological-input suite fails above 20×).
 */
export async function runPathologicalBench(): Promise<void> {
  const catalogue = await loadCatalogue(process.env.K8SFIX_BENCH_CATALOGUE || undefined);
  const matcher = createMatcher(catalogue);
  const signatures = catalogue.entries.flatMap((entry) => entry.signatures);
  console.log('pathological inputs: the slowest against ordinary log text of the same size (fastest of 3 runs each)');
  console.log('size      ordinary     worst        ratio   worst input');
  for (const [label, chars] of [['40 KB', 40 * 1024], ['1 MB', 1024 * 1024]] as const) {
    const ordinary = ordinaryLog(chars);
    matcher.match(ordinary);
    const base = fastest(3, () => matcher.match(ordinary));
    let worst = { name: '', ms: 0 };
    for (const input of pathologicalInputs(chars, signatures)) {
      const ms = fastest(3, () => matcher.match(input.text));
      if (ms > worst.ms) worst = { name: input.name, ms };
    }
    const line = `${label.padEnd(9)} ${`${base.toFixed(1)} ms`.padEnd(12)} ${`${worst.ms.toFixed(1)} ms`.padEnd(12)} ${`${(worst.ms / base).toFixed(1)}×`.padEnd(7)} ${worst.name}`;
    console.log(line);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runPathologicalBench();
