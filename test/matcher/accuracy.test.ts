import { expect, test } from '@jest/globals';
import { realCatalogue } from '../support/catalogue.js';
import { loadEvalSet } from '../support/eval-set.js';

const TOP1_BAR = 0.95;
const FALSE_MATCH_BAR = 0.03;

test('the labelled evaluation set: top-1 accuracy and false-match rate', async () => {
  const { catalogue, matcher } = await realCatalogue();
  const cases = loadEvalSet();
  const positives = cases.filter((c) => c.expect !== null);
  const negatives = cases.filter((c) => c.expect === null);
  const unknownIds = positives.filter((c) => !catalogue.byId.has(c.expect!)).map((c) => `${c.file}[${c.index}]: ${c.expect}`);
  expect(unknownIds).toEqual([]);

  const misses: string[] = [];
  let correct = 0;
  let wrongMatches = 0;
  for (const c of positives) {
    const [first] = matcher.match(c.input);
    if (first?.id === c.expect) correct++;
    else {
      if (first) wrongMatches++;
      misses.push(`MISS ${c.file}[${c.index}] expected ${c.expect}, got ${first ? `${first.id} (${first.score})` : 'nothing'}: ${c.input.slice(0, 90).replace(/\s+/g, ' ')}`);
    }
  }
  let falseMatches = 0;
  for (const c of negatives) {
    const [first] = matcher.match(c.input);
    if (first) {
      falseMatches++;
      misses.push(`FALSE ${c.file}[${c.index}] matched ${first.id} (${first.score}): ${c.input.slice(0, 90).replace(/\s+/g, ' ')}`);
    }
  }
  const top1 = correct / positives.length;
  // A false match is any answer where none was due, or a wrong issue named first.
  const falseRate = (falseMatches + wrongMatches) / cases.length;
  console.log(
    `evaluation set: ${cases.length} cases (${positives.length} positive, ${negatives.length} must match nothing)\n` +
      `top-1 accuracy ${(top1 * 100).toFixed(1)}% (bar ${TOP1_BAR * 100}%), false-match rate ${(falseRate * 100).toFixed(1)}% ` +
      `(${falseMatches} on negatives, ${wrongMatches} wrong issue; bar ${FALSE_MATCH_BAR * 100}%)\n${misses.join('\n')}`,
  );
  expect(cases.length).toBeGreaterThanOrEqual(150);
  expect(negatives.length).toBeGreaterThanOrEqual(40);
  expect(top1).toBeGreaterThanOrEqual(TOP1_BAR);
  expect(falseRate).toBeLessThanOrEqual(FALSE_MATCH_BAR);
});
