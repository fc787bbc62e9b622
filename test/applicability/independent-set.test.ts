/**
 * The blind applicability sets: cluster facts with the verdict a careful reading of the seed documents gives,
 * each written by a helper who never saw the catalogue's conditions or this code (test/eval/applicability/
 * *.yaml; each file's header gives its first-run figure). Prints each set's agreement rate and every
 * disagreement, and fails when a set is below the bar.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkApplicability } from '../../src/applicability/check-applicability.js';
import type { Verdict } from '../../src/applicability/types.js';
import type { ClusterFacts } from '../../src/clusters/types.js';
import { realCatalogue } from '../support/catalogue.js';

interface Case {
  issue: string;
  expect: Verdict;
  why: string;
  facts: ClusterFacts;
}

/** Agreement the set must reach; see the file header of independent.yaml for the figures. */
const BAR = 0.95;

const DIR = join(process.cwd(), 'test', 'eval', 'applicability');
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.yaml')).sort();

describe('the blind applicability sets', () => {
  test('there are sets to judge by', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(2);
  });

  test.each(FILES)(`%s agrees with the documents' reading on at least ${BAR * 100} % of the cases`, async (file) => {
    const cases = parse(readFileSync(join(DIR, file), 'utf8')) as Case[];
    const { catalogue } = await realCatalogue();
    const misses: string[] = [];
    let agree = 0;
    cases.forEach((c, index) => {
      const entry = catalogue.byId.get(c.issue);
      if (!entry) {
        misses.push(`#${index} ${c.issue}: no such catalogue entry`);
        return;
      }
      const result = checkApplicability(entry, c.facts);
      if (result.verdict === c.expect) agree++;
      else misses.push(`#${index} ${c.issue}: expected ${c.expect}, got ${result.verdict}\n    why: ${c.why}\n    k8sfix: ${result.reasons.join(' | ')}`);
    });
    const rate = agree / cases.length;
    console.log(`${file}: ${agree}/${cases.length} agree (${(rate * 100).toFixed(1)} %)\n${misses.join('\n')}`);
    expect(rate).toBeGreaterThanOrEqual(BAR);
  });
});
