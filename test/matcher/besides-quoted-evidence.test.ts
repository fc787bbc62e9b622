import { describe, expect, test } from '@jest/globals';
import { besidesQuotedEvidence } from '../../src/matcher/besides-quoted-evidence.js';
import type { Evidence } from '../../src/matcher/types.js';

const SIGNATURE = 'runc did not terminate successfully: runc: symbol lookup error: runc: undefined symbol: seccomp_notify_respond';
const MESSAGE = 'runc did not terminate successfully: runc: symbol lookup error: runc: undefined symbol: seccomp_notify_respond';

function quoted(line: string, kind: Evidence['kind'] = 'signature'): Evidence {
  return { kind, line, lineNumber: 1, matched: SIGNATURE };
}

describe('the paste without the messages an answer quotes', () => {
  test('a bare quoted line leaves nothing; the other lines stay as they are', () => {
    expect(besidesQuotedEvidence(MESSAGE, [quoted(MESSAGE)])).toBe('');
    expect(besidesQuotedEvidence(`bm-node-1 runs containerd 1.5.13\n${MESSAGE}\n${MESSAGE}`, [quoted(MESSAGE)])).toBe('bm-node-1 runs containerd 1.5.13\n\n');
  });

  test('what a line shows before the message is kept: it says which program printed it', () => {
    const journal = `Jan 10 10:00:00 bm-node-1 containerd[812]: msg="${MESSAGE}"`;
    expect(besidesQuotedEvidence(journal, [quoted(journal)])).toBe('Jan 10 10:00:00 bm-node-1 containerd[812]: msg="');
  });

  test('an excerpt of a long line (cut with …) finds its line', () => {
    const long = `${'x'.repeat(300)} kubelet ${MESSAGE} ${'y'.repeat(300)}`;
    const excerpt = `…kubelet ${MESSAGE} yyyy…`;
    expect(besidesQuotedEvidence(long, [quoted(excerpt)])).toBe(`${'x'.repeat(300)} kubelet `);
  });

  test('a description is context, not a quote: it stays whole', () => {
    const sentence = 'our containerd nodes fail every pod since the upgrade';
    expect(besidesQuotedEvidence(sentence, [quoted(sentence, 'symptom')])).toBe(sentence);
  });
});
