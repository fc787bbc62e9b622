import { describe, expect, test } from '@jest/globals';
import { InputWindows, MAX_PART_CHARS, type PreparedInput } from '../../src/matcher/prepare-input.js';
import { windowsOfStream } from '../../src/matcher/windows-of-stream.js';
import { realCatalogue } from '../support/catalogue.js';

const IP_LEAK = 'pod-ip-exhaustion-containerd-ip-leak';
const IP_LEAK_LINE = 'failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

async function read(...parts: (string | Buffer)[]): Promise<{ windows: PreparedInput[]; stats: InputWindows['stats'] }> {
  // Small windows, so several of them cost little here; the matcher's are about 1 MB.
  const builder = new InputWindows({ windowChars: 60_000 });
  const windows: PreparedInput[] = [];
  for await (const window of windowsOfStream(chunks(...parts), builder)) windows.push(window);
  return { windows, stats: builder.stats };
}

/** Log lines that differ after normalisation (each names its own deployment), about 100 bytes each. */
function distinctLines(count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `{"level":"info","msg":"Reconciling deployment","namespace":"team-${(from + i) % 40}","name":"api-${from + i}"}`).join('\n');
}

describe('reading a stream line by line', () => {
  test('lines split across chunks, CRLF, a last line without a line break, and a character split between chunks', async () => {
    const euro = Buffer.from('€');
    const { windows, stats } = await read('first li', 'ne\r\nsecond ', Buffer.concat([Buffer.from('line '), euro.subarray(0, 1)]), Buffer.concat([euro.subarray(1), Buffer.from('\nthird line')]));
    expect(windows).toHaveLength(1);
    expect(windows[0]!.lines.map((line) => [line.number, line.full])).toEqual([
      [1, 'first line'],
      [2, 'second line €'],
      [3, 'third line'],
    ]);
    expect(stats.lines).toBe(3);
    expect(stats.bytes).toBe(Buffer.byteLength('first line\r\nsecond line €\nthird line'));
  });

  test('invalid UTF-8 and binary bytes are read as text with a binary flag, never thrown on', async () => {
    let state = 7;
    const junk = Buffer.from(Array.from({ length: 20_000 }, () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 16) & 0xff));
    const { stats } = await read(junk, `\n${IP_LEAK_LINE}\n`);
    expect(stats.binary).toBe(true);
  });

  test('a line longer than a part keeps its number in every part', async () => {
    const long = `${'x'.repeat(MAX_PART_CHARS + 10)} ${IP_LEAK_LINE}`;
    const { windows, stats } = await read('before\n', long.slice(0, 600_000), long.slice(600_000), '\nafter\n');
    expect(windows.flatMap((window) => window.lines).some((line) => line.full.includes('no IP addresses'))).toBe(true);
    expect(stats.lines).toBe(3);
    const numbers = windows.flatMap((window) => window.lines.map((line) => line.number));
    expect(new Set(numbers)).toEqual(new Set([1, 2, 3]));
  });

  test('duplicate lines collapse as they stream; a long log is read in several windows, each with the tail of the one before', async () => {
    const text = `${distinctLines(1_500)}\n${distinctLines(1_500)}\n${distinctLines(500, 1_500)}\n`;
    const { windows, stats } = await read(text);
    expect(stats.lines).toBe(3_500);
    expect(stats.distinct).toBe(2_000);
    expect(windows.length).toBeGreaterThan(1);
    const [a, b] = windows;
    expect(b!.lines[0]!.number).toBeLessThan(a!.lines[a!.lines.length - 1]!.number + 1);
  });
});

describe('the matcher reads a long log whole', () => {
  test('an error in the last lines of a 1.5 MB log (two windows), as a string and as a stream, with its true size in the note', async () => {
    const { matcher } = await realCatalogue();
    const log = `${distinctLines(17_000)}\n  Warning  FailedCreatePodSandBox  kubelet  ${IP_LEAK_LINE}\n${distinctLines(3, 17_000)}\n`;
    expect(log.length).toBeGreaterThan(1_400_000);
    const fromString = matcher.analyze(log);
    expect(fromString.matches[0]?.id).toBe(IP_LEAK);
    expect(fromString.matches[0]?.evidence[0]?.lineNumber).toBe(17_001);
    expect(fromString.notes[0]).toContain(`read the whole input: ${log.length.toLocaleString('en')} characters, 17,004 lines`);
    const fromStream = await matcher.analyzeStream(chunks(...log.match(/[\s\S]{1,65536}/g)!));
    expect(fromStream.matches[0]?.id).toBe(IP_LEAK);
    expect(fromStream.matches[0]?.evidence[0]?.lineNumber).toBe(17_001);
    expect(fromStream.notes[0]).toContain(`read the whole input: ${Buffer.byteLength(log).toLocaleString('en')} bytes, 17,004 lines`);
  });

  test('the evidence of a long line is the part that matched, with … where it was cut', async () => {
    const { matcher } = await realCatalogue();
    const line = `Warning  FailedCreatePodSandBox  90s (x12 over 2m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5d41c2a1e0b7f00d5d41c2a1e0b7f00d5d41c2a1e0b7f00d": plugin type="gke" ${'annotations="a=b" '.repeat(20)}failed (add): ${IP_LEAK_LINE}`;
    const evidence = matcher.match(line)[0]!.evidence[0]!;
    expect(evidence.line).toContain('no IP addresses available in range set');
    expect(evidence.line.startsWith('…')).toBe(true);
    expect(evidence.line.length).toBeLessThanOrEqual(300);
  });
});
