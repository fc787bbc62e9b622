import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realCatalogue } from '../support/catalogue.js';
import { testIf } from '../support/requirement.js';
import { seedDocuments } from '../support/seeds.js';

const { catalogue, matcher } = await realCatalogue();
const seeds = seedDocuments();

describe('the shipped catalogue', () => {
  test('loads with no problems and covers every product of the seeds', () => {
    expect(catalogue.problems).toEqual([]);
    const products = new Set(catalogue.entries.map((entry) => entry.product));
    for (const product of ['gke', 'nks', 'anthos-bare-metal']) expect(products).toContain(product);
  });

  test.each(catalogue.entries.map((entry) => [entry.id, entry] as const))(
    '%s: every example matches it first where its platform is served, and with no context it or nothing',
    (_id, entry) => {
      for (const example of entry.examples) {
        const [served] = matcher.match(example, { platforms: [entry.product] });
        expect({ example, matched: served?.id }).toEqual({ example, matched: entry.id });
        // A bare message that another platform's issue documents too places neither: no answer, never another one.
        const [bare] = matcher.match(example);
        expect({ example, matched: bare?.id ?? entry.id }).toEqual({ example, matched: entry.id });
      }
    },
  );

  testIf(seeds)('every source names a seed that exists and quotes a heading that stands in it', () => {
    const missing: string[] = [];
    for (const entry of catalogue.entries) {
      for (const source of entry.sources) {
        // The seeds break headings around code spans ("/etc/mtab\n: ..."), so whitespace is not compared.
        const seed = readFileSync(join(seeds.dir, source.seed), 'utf8').replace(/\s+/g, '');
        if (!seed.includes(source.heading.replace(/\s+/g, ''))) missing.push(`${entry.file}: ${source.heading}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('seeds 000 and 001 are one page: no two entries share a heading of either', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const entry of catalogue.entries) {
      for (const source of entry.sources.filter((s) => s.seed.startsWith('000_') || s.seed.startsWith('001_'))) {
        const key = `${source.seed}|${source.heading}`;
        const other = seen.get(key);
        if (other && other !== entry.id) dupes.push(`${entry.id} and ${other}: ${source.heading}`);
        seen.set(key, entry.id);
      }
    }
    expect(dupes).toEqual([]);
  });
});
