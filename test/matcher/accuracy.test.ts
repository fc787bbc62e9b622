import { expect, test } from '@jest/globals';
import type { Match, Matcher } from '../../src/matcher/types.js';
import { realCatalogue } from '../support/catalogue.js';
import { loadEvalSet, REAL_EVAL_DIR, type EvalCase } from '../support/eval-set.js';

/** The labelled sets written alongside the catalogue (test/eval/*.yaml), judged together. */
const TOP1_BAR = 0.95;
const FALSE_MATCH_BAR = 0.03;
/**
 * Real pastes from public issue trackers (test/eval/real/): what the world sends. The targets are 85 % top-1,
 * at most 10 % false matches and 2 % high-confidence false matches; the matcher does not reach the first two
 * yet (see the README), so each set is held to what it reaches now, and the run prints the gap to the targets.
 * Raise a floor when the matcher improves; never lower one to let a change through.
 */
const REAL_TARGETS = { top1: 0.85, falseRate: 0.1, highFalseRate: 0.02 };
/**
 * Real sets kept from whoever tunes the matcher: their failures are counted, never listed, so what they measure is
 * what the rules generalise to.
 */
const HELD_OUT = new Set(['real-pastes-2.yaml', 'real-pastes-4.yaml', 'real-pastes-5.yaml', 'real-pastes-6.yaml']);

const REAL_FLOORS: Record<string, { top1: number; falseRate: number; highFalseRate: number }> = {
  'real-pastes.yaml': { top1: 0.81, falseRate: 0.094, highFalseRate: 0.015 },
  'real-pastes-2.yaml': { top1: 0.74, falseRate: 0.09, highFalseRate: 0.007 },
  'real-pastes-3.yaml': { top1: 0.71, falseRate: 0.05, highFalseRate: 0 },
  'real-pastes-4.yaml': { top1: 0.58, falseRate: 0.141, highFalseRate: 0.017 },
  'real-pastes-5.yaml': { top1: 0.58, falseRate: 0.1, highFalseRate: 0 },
  'real-pastes-6.yaml': { top1: 0.46, falseRate: 0.101, highFalseRate: 0.018 },
};

interface Score {
  cases: number;
  positives: number;
  negatives: number;
  top1: number;
  /** Any answer where none was due, or a wrong issue named first, over all cases. */
  falseRate: number;
  /** The same, counting only answers at high confidence. */
  highFalseRate: number;
  lines: string[];
}

/** Each case's first answer, matched once: a case counts in its set, its kind and the total. */
const firstAnswers = new WeakMap<EvalCase, Match | undefined>();
function firstAnswer(matcher: Matcher, c: EvalCase): Match | undefined {
  if (!firstAnswers.has(c)) firstAnswers.set(c, matcher.match(c.input)[0]);
  return firstAnswers.get(c);
}

function score(matcher: Matcher, cases: EvalCase[]): Score {
  const positives = cases.filter((c) => c.expect !== null);
  let correct = 0;
  let falseMatches = 0;
  let highFalse = 0;
  const lines: string[] = [];
  for (const c of cases) {
    const first = firstAnswer(matcher, c);
    const at = `${c.file}[${c.index}]${c.kind ? ` ${c.kind}` : ''}`;
    const input = c.input.slice(0, 90).replace(/\s+/g, ' ');
    if (c.expect !== null && first?.id === c.expect) {
      correct++;
      continue;
    }
    if (first) {
      falseMatches++;
      if (first.confidence === 'high') highFalse++;
    }
    if (c.expect !== null) lines.push(`MISS ${at} expected ${c.expect}, got ${first ? `${first.id} (${first.score} ${first.confidence})` : 'nothing'}: ${input}`);
    else if (first) lines.push(`FALSE ${at} matched ${first.id} (${first.score} ${first.confidence}): ${input}`);
  }
  return {
    cases: cases.length,
    positives: positives.length,
    negatives: cases.length - positives.length,
    top1: positives.length === 0 ? 1 : correct / positives.length,
    falseRate: falseMatches / Math.max(1, cases.length),
    highFalseRate: highFalse / Math.max(1, cases.length),
    lines,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const row = (name: string, s: Score): string =>
  `${name.padEnd(22)} ${String(s.cases).padStart(5)} ${String(s.positives).padStart(5)} ${String(s.negatives).padStart(5)}  ` +
  `top-1 ${pct(s.top1).padStart(6)}  false ${pct(s.falseRate).padStart(6)}  high-confidence false ${pct(s.highFalseRate).padStart(6)}`;

test('the labelled evaluation sets: top-1 accuracy and false-match rates, per set and together', async () => {
  const { catalogue, matcher } = await realCatalogue();
  const cases = loadEvalSet();
  const unknownIds = cases.filter((c) => c.expect !== null && !catalogue.byId.has(c.expect)).map((c) => `${c.file}[${c.index}]: ${c.expect}`);
  expect(unknownIds).toEqual([]);

  const files = [...new Set(cases.map((c) => c.file))];
  const perFile = files.map((file) => row(file, score(matcher, cases.filter((c) => c.file === file))));
  const all = score(matcher, cases);
  console.log(
    `labelled sets (bars: top-1 >= ${pct(TOP1_BAR)}, false <= ${pct(FALSE_MATCH_BAR)} over all of them)\n` +
      `${'set'.padEnd(22)} cases   pos   neg\n${perFile.join('\n')}\n${row('all labelled sets', all)}\n${all.lines.join('\n')}`,
  );
  expect(all.cases).toBeGreaterThanOrEqual(150);
  expect(all.negatives).toBeGreaterThanOrEqual(40);
  expect(all.top1).toBeGreaterThanOrEqual(TOP1_BAR);
  expect(all.falseRate).toBeLessThanOrEqual(FALSE_MATCH_BAR);
});

test('real pastes from public issue trackers: top-1 accuracy, false matches and high-confidence false matches', async () => {
  const { catalogue, matcher } = await realCatalogue();
  const cases = loadEvalSet(REAL_EVAL_DIR);
  const unknownIds = cases.filter((c) => c.expect !== null && !catalogue.byId.has(c.expect)).map((c) => `${c.file}[${c.index}]: ${c.expect}`);
  expect(unknownIds).toEqual([]);

  const real = score(matcher, cases);
  const listed = score(matcher, cases.filter((c) => !HELD_OUT.has(c.file)));
  const byKind = [...new Set(cases.map((c) => c.kind ?? '-'))].map((kind) => row(`  kind ${kind}`, score(matcher, cases.filter((c) => (c.kind ?? '-') === kind))));
  const files = [...new Set(cases.map((c) => c.file))].sort();
  const perFile = files.map((file) => ({ file, result: score(matcher, cases.filter((c) => c.file === file)) }));
  console.log(
    `real pastes (targets: top-1 >= ${pct(REAL_TARGETS.top1)}, false <= ${pct(REAL_TARGETS.falseRate)}, high-confidence false <= ${pct(REAL_TARGETS.highFalseRate)})\n` +
      `${row('real pastes', real)}\n${perFile.map(({ file, result }) => row(`  ${file}`, result)).join('\n')}\n${byKind.join('\n')}\n` +
      `failures of the sets that are read (the held-out ${[...HELD_OUT].join(', ')} are counted above, never listed):\n${listed.lines.join('\n')}`,
  );
  expect(real.cases).toBeGreaterThanOrEqual(150);
  expect(files.filter((file) => !REAL_FLOORS[file])).toEqual([]);
  expect([...HELD_OUT].filter((file) => !files.includes(file))).toEqual([]);
  for (const { file, result } of perFile) {
    const floor = REAL_FLOORS[file]!;
    expect({ file, top1: result.top1 >= floor.top1, falseRate: result.falseRate <= floor.falseRate, highFalseRate: result.highFalseRate <= floor.highFalseRate }).toEqual({
      file,
      top1: true,
      falseRate: true,
      highFalseRate: true,
    });
  }
});
