import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realCatalogue } from '../support/catalogue.js';
import { testIf } from '../support/requirement.js';
import { seedDocuments } from '../support/seeds.js';

const SEED = '003_46994a4b9305e97e.txt';
const seeds = seedDocuments();
/** The line that states the affected Anthos versions, above each issue's heading: "1.10, 1.11, 1.13.0-1.13.2". */
const VERSIONS_LINE = /^\d+\.\d+(?:\.\d+)?(?:-\d+\.\d+(?:\.\d+)?)?(?:, \d+\.\d+(?:\.\d+)?(?:-\d+\.\d+(?:\.\d+)?)?)*$/;

testIf(seeds)('every issue heading that survives in seed 003 is covered by an entry\'s sources', async () => {
  const { catalogue } = await realCatalogue();
  const lines = readFileSync(join(seeds.dir, SEED), 'utf8').split('\n');
  const squeeze = (text: string): string => text.replace(/\s+/g, '');
  const headings = catalogue.entries.flatMap((entry) => entry.sources.filter((s) => s.seed === SEED).map((s) => squeeze(s.heading)));

  // The seed puts each issue's heading on the line after its versions line; a wrapped heading continues below.
  const surviving = lines.flatMap((line, i) => (i > 0 && VERSIONS_LINE.test(lines[i - 1]!.trim()) && line.trim() !== '' ? [line.trim()] : []));
  expect(surviving.length).toBeGreaterThanOrEqual(40);
  const uncovered = surviving.filter((heading) => !headings.some((h) => h.startsWith(squeeze(heading)) || squeeze(heading).startsWith(h)));
  expect(uncovered).toEqual([]);

  const anthos = catalogue.entries.filter((entry) => entry.product === 'anthos-bare-metal');
  expect(anthos.length).toBeGreaterThanOrEqual(surviving.length);
  // Entries whose heading the seed lost say so, and quote the first line of their body instead.
  const missing = anthos.flatMap((entry) => entry.sources.filter((s) => s.headingMissing));
  expect(missing.length).toBeGreaterThan(0);
});
