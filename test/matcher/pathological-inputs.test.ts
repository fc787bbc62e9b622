/**
 * The pathological-input suite: no paste may cost much more than ordinary log text of the same size. Every
 * check is a ratio of two timings taken in the same run (fastest of a few, so a busy machine does not decide
 * it), never an absolute time. A regex with nested or overlapping quantifiers over unbounded input takes
 * quadratic time on the right run of characters; at these sizes that is hundreds of times slower, far past
 * the 20× bar, while linear work stays within a few times of ordinary text.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { prepareInput } from '../../src/matcher/prepare-input.js';
import { realCatalogue } from '../support/catalogue.js';
import { ordinaryLog, pathologicalInputs, repeatTo } from '../support/pathological-inputs.js';
import { fastest } from '../support/timing.js';

const BAR = 20;


/** Inputs over the bar, measured again (fastest of five) so that one pause of the machine does not fail the run. */
function slowerThanBar(inputs: { name: string; text: string }[], base: number, run: (text: string) => unknown): string[] {
  const slow: string[] = [];
  for (const input of inputs) {
    let ms = fastest(1, () => run(input.text));
    if (ms > BAR * base) ms = fastest(5, () => run(input.text));
    if (ms > BAR * base) slow.push(`${input.name}: ${ms.toFixed(1)} ms against ${base.toFixed(2)} ms for ordinary text (${(ms / base).toFixed(0)}×)`);
  }
  return slow;
}

describe('the matcher on pathological input', () => {
  test('no input of 40 KB is more than 20× slower than ordinary log text of the same size', async () => {
    const { catalogue, matcher } = await realCatalogue();
    const chars = 40 * 1024;
    const ordinary = ordinaryLog(chars);
    const base = fastest(3, () => matcher.analyze(ordinary));
    const inputs = pathologicalInputs(chars, catalogue.entries.flatMap((entry) => entry.signatures));
    expect(inputs.length).toBeGreaterThan(30);
    expect(slowerThanBar(inputs, base, (text) => matcher.analyze(text))).toEqual([]);
  });

  test('normalisation alone stays within 20× of ordinary text, at 40 KB and at 1 MB', async () => {
    for (const chars of [40 * 1024, 1024 * 1024]) {
      const ordinary = ordinaryLog(chars);
      const base = fastest(3, () => prepareInput(ordinary));
      expect(slowerThanBar(pathologicalInputs(chars, []), base, prepareInput)).toEqual([]);
    }
  });
});

// ---- Every regex literal in src/ and handlers/, driven by worst cases generated from its own characters ----

interface FoundRegex {
  where: string;
  regex: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every regular-expression literal, found by the TypeScript parser (not by a regex over the source). */
function regexLiterals(): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const file of ['src', 'handlers'].flatMap((dir) => sourceFiles(join(process.cwd(), dir)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push({ where: `${file.slice(process.cwd().length + 1)}:${line + 1} ${text}`, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const ESCAPES: Record<string, string[]> = { d: ['0', '7'], s: [' ', '\n'], w: ['a', '_'], S: ['a'], W: ['-'], D: ['a'], n: ['\n'], t: ['\t'], r: ['\r'] };
const ALWAYS = ['a', 'A', '0', '-', ' ', '\\', '.', '_', ':', '/', '"', '\n', '\u001b', 'x', '가', '<', '#'];

/** The characters a regex is written with (escapes read as what they stand for), plus a few every log has. */
function alphabetOf(source: string): { all: string[]; own: string[] } {
  const own = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        own.add(String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16)));
        i += 5;
      } else {
        for (const stand of ESCAPES[next] ?? (next === 'b' || next === 'B' ? [] : [next])) own.add(stand);
        i++;
      }
    } else if (!'()[]{}?*+|^$'.includes(char)) own.add(char);
  }
  return { all: [...new Set([...own, ...ALWAYS])], own: [...own].slice(0, 14) };
}

/** Runs of each character and each pair, and each literal word of the regex repeated with a separator. */
function worstCasesFor(source: string, chars: number): { name: string; text: string }[] {
  const { all, own } = alphabetOf(source);
  const cases = all.map((char) => ({ name: `run of ${JSON.stringify(char)}`, text: repeatTo(chars, char) }));
  for (const a of own) for (const b of own) if (a !== b) cases.push({ name: `run of ${JSON.stringify(a + b)}`, text: repeatTo(chars, a + b) });
  for (const word of source.match(/[a-z0-9]{2,}/gi) ?? []) {
    for (const separator of [' ', '-', 'a', '0', '']) cases.push({ name: `${JSON.stringify(word)} repeated`, text: repeatTo(chars, word + separator) });
    cases.push({ name: `${JSON.stringify(word)} then spaces`, text: word + ' '.repeat(chars - word.length) });
  }
  // Each ends once in a character no pattern continues with, and once in word characters that a trailing \\b
  // or lookahead may refuse, so that the last attempt fails late.
  return cases.flatMap((c) => [
    { name: c.name, text: `${c.text.slice(2)}\u0000!` },
    { name: `${c.name}, ending in _0`, text: `${c.text.slice(2)}_0` },
  ]);
}

/** What the code does with a regex: a global one scans the whole text; another tests it (and fails late). */
function runRegex(regex: RegExp, text: string): unknown {
  regex.lastIndex = 0;
  return regex.global || regex.sticky ? text.replace(regex, '') : regex.test(text);
}

describe('every regex in the source', () => {
  const literals = regexLiterals();

  test('the suite finds the regexes it is meant to drive', () => {
    expect(literals.length).toBeGreaterThan(50);
    expect(literals.some((found) => found.where.startsWith('src/matcher/normalize.ts'))).toBe(true);
  });

  test('the detector catches the quadratic patterns the matcher used to have', () => {
    const chars = 5_000;
    const ordinary = ordinaryLog(chars);
    const quadratic = [
      /\\+r\\+n|\\+n|\\+r/g, // JSON unescape over a run of backslashes
      /\b([a-z][a-z0-9-]*?)-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, // pod suffix over a-a-a-
      /\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b/g, // camelCase over aBaBaB…_
    ];
    for (const regex of quadratic) {
      const base = Math.max(fastest(3, () => runRegex(regex, ordinary)), fastest(3, () => runRegex(/[\s\S]/g, ordinary)));
      expect(slowerThanBar(worstCasesFor(regex.source, chars), base, (text) => runRegex(regex, text)).length).toBeGreaterThan(0);
    }
  });

  test('no regex is more than 20× slower on its worst generated input than on ordinary text of the same size', () => {
    const chars = 5_000;
    const ordinary = ordinaryLog(chars);
    // Some regexes do almost nothing on ordinary text (anchored, or looking for a rare character); a scan of
    // every character by a regex is the least any regex may be allowed.
    const floor = fastest(5, () => runRegex(/[\s\S]/g, ordinary));
    const slow: string[] = [];
    for (const { where, regex } of literals) {
      const base = Math.max(fastest(3, () => runRegex(regex, ordinary)), floor);
      for (const problem of slowerThanBar(worstCasesFor(regex.source, chars), base, (text) => runRegex(regex, text))) slow.push(`${where}: ${problem}`);
    }
    expect(slow).toEqual([]);
  });
});
