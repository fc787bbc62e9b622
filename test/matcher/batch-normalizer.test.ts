import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBatchNormalizer, type BatchNormalizer } from '../../src/matcher/batch-normalizer.js';
import { normalizeLine, squeeze } from '../../src/matcher/normalize.js';
import { InputWindows } from '../../src/matcher/prepare-input.js';
import { realCatalogue } from '../support/catalogue.js';
import { ordinaryLog } from '../support/pathological-inputs.js';

const BATCH = ['I1123 10:00:01.123456 1702 kubelet.go:2445] "SyncLoop" pod="shop/cart-7d9f8b6c5d-x2x9q"', 'uid 123e4567-e89b-12d3-a456-426614174000 at 10.0.0.7'].join('\u0000');

async function squeezedBy(normalizer: BatchNormalizer, joined: string): Promise<string> {
  return (await normalizer.normalizeAndHash(joined)).squeezed;
}

async function* chunksOf(text: string, size = 64 * 1024): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

describe('normalising a long log on a worker thread', () => {
  test('the worker answers what this thread would, and counts what it answered', async () => {
    const normalizer = createBatchNormalizer({ offThreadAfterChars: 0 });
    try {
      const answers = await Promise.all([squeezedBy(normalizer, BATCH), squeezedBy(normalizer, `${BATCH} more`)]);
      expect(answers).toEqual([squeeze(normalizeLine(BATCH)), squeeze(normalizeLine(`${BATCH} more`))]);
      expect(normalizer.offThread).toBe(2);
    } finally {
      normalizer.close();
    }
  });

  test('a worker that dies has its batches, and every later one, normalised here: the answers are the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sfix-normalizer-'));
    const script = join(dir, 'dies.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('worker gone'); });\n");
    const normalizer = createBatchNormalizer({ offThreadAfterChars: 0, workerScript: pathToFileURL(script) });
    try {
      expect(await squeezedBy(normalizer, BATCH)).toBe(squeeze(normalizeLine(BATCH)));
      expect(await squeezedBy(normalizer, `${BATCH} again`)).toBe(squeeze(normalizeLine(`${BATCH} again`)));
      expect(normalizer.offThread).toBe(0);
    } finally {
      normalizer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a log long enough for the worker reads to the same answer and notes as the same text read in one piece', async () => {
    const { matcher } = await realCatalogue();
    const error = 'Warning  FailedCreatePodSandBox  kubelet  failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';
    // About 4.6 MB: past the 4 MB the caller's thread reads before the worker starts.
    const log = `${ordinaryLog(2.5 * 1024 * 1024)}\n${ordinaryLog(2.1 * 1024 * 1024).replace(/\d+/g, (n) => String(Number(n) + 7919))}\n  ${error}\n`;
    const streamed = await matcher.analyzeStream(chunksOf(log));
    const whole = matcher.analyze(log);
    expect(streamed.matches[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
    expect(streamed.matches.map((m) => [m.id, m.score, m.evidence[0]?.lineNumber])).toEqual(whole.matches.map((m) => [m.id, m.score, m.evidence[0]?.lineNumber]));
    // The same lines read, deduplicated the same way (a stream counts bytes, a string characters).
    expect(streamed.notes.map((note) => note.replace(' bytes,', ' characters,'))).toEqual(whole.notes);
  });

  test('a long run of blank lines waiting for the normaliser is held in small batches, not one that grows with the input', () => {
    const windows = new InputWindows({ deferNormalising: true });
    for (let i = 1; i <= 100_000; i++) windows.add('', i);
    windows.add('one real line', 100_001);
    const batches = [...windows.takeBatches(), ...windows.endBatches()];
    expect(Math.max(...batches.map((batch) => batch.clean.length))).toBeLessThanOrEqual(1024);
    expect(batches.reduce((sum, batch) => sum + batch.clean.length, 0)).toBe(100_001);
    expect(batches.flatMap((batch) => batch.pieces)).toEqual(['one real line']);
  });
});
