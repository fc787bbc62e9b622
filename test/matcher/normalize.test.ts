import { describe, expect, test } from '@jest/globals';
import { foldLookalikes, normalizeLine, squeeze, stripAnsiAndControl, unescapeJsonText } from '../../src/matcher/normalize.js';
import { realCatalogue } from '../support/catalogue.js';
import { prepareInput } from '../../src/matcher/prepare-input.js';

describe('normalisation', () => {
  test.each([
    ['ISO timestamp', '2026-11-23T10:00:01.123456Z error', '  error'],
    ['klog header', 'E1123 10:00:01.123456    1234 kuberuntime.go:1] x', '     1234 kuberuntime.go:1] x'],
    ['syslog date', 'Nov 23 10:00:01 node-1 containerd[812]: x', '  node-1 containerd[812]: x'],
    ['sha256 digest', 'content digest sha256:4d2a7e0d3f1b9c8a7e6d5c4b3a29180716253443526170819a8b7c6d5e4f3a2b: not found', 'content digest sha256:#: not found'],
    ['IP range', 'range set: 10.48.131.1-10.48.131.62', 'range set: #ip-#ip'],
    ['CIDR', 'pod cidr 10.4.0.0/14', 'pod cidr #ip'],
    ['UUID', 'pod 0f8fad5b-d9cb-469f-a165-70867728950e', 'pod #uuid'],
    ['pod hash suffix', 'cart-7d9f8b6c5d-x2x9q', 'cart-#pod'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeLine(input)).toBe(expected);
  });

  test('strips ANSI colours and turns control characters into spaces', () => {
    expect(stripAnsiAndControl('\u001b[31mERROR\u001b[0m bad\u0000byte')).toBe('ERROR bad byte');
  });

  test('undoes JSON escapes', () => {
    expect(unescapeJsonText('{"msg":"failed to \\"pull\\"\\nnext line\\u003cx\\u003e"}')).toBe('{"msg":"failed to "pull"\nnext line<x>"}');
  });

  test('squeezing ignores whitespace, every kind of quote and backslashes', () => {
    const forms = ['failed to pull "image"', "failed  to pull 'image'", 'failed to\npull “image”', 'failed to pull \\"image\\"', 'failed to pull `image`'];
    expect(new Set(forms.map((form) => squeeze(form))).size).toBe(1);
  });

  test('a line wrapped in the middle of a word reads whole again', () => {
    const input = prepareInput('no IP addresses avai\nlable in range set');
    expect(input.stream).toBe('noipaddressesavailableinrangeset');
    expect(input.lines.map((l) => l.number)).toEqual([1, 2]);
  });

  test('repeated lines (differing only in timestamps) are read once', () => {
    const line = (s: number): string => `2026-11-23T10:00:${String(s).padStart(2, '0')}Z kubelet: same error here`;
    const input = prepareInput(Array.from({ length: 50 }, (_, i) => line(i)).join('\n'));
    expect(input.lines).toHaveLength(1);
  });

  test('prepareInput reads the first window (about 1 MB of distinct lines) and says when more follows', () => {
    const input = prepareInput(Array.from({ length: 60_000 }, (_, i) => `line ${i} of a long log`).join('\n'));
    expect(input.truncated).toBe(true);
    expect(input.stream.length).toBeLessThanOrEqual(1_000_100);
    expect(prepareInput('x'.repeat(1_200_000)).truncated).toBe(false);
  });
});

describe('text that hides a known error', () => {
  test.each([
    ['full-width letters', 'ｆａｉｌｅｄ ｔｏ ａｌｌｏｃａｔｅ', 'failed to allocate'],
    ['a ligature', 'ﬁle', 'file'],
    ['a left-to-right mark and a soft hyphen', 'con\u200etai\u00adnerd', 'containerd'],
    ['Cyrillic look-alikes', 'сontаinеrd', 'containerd'],
    ['mathematical bold letters', '𝐜𝐨𝐧𝐭𝐚𝐢𝐧𝐞𝐫𝐝', 'containerd'],
    ['a no-break space', 'no\u00a0IP', 'no IP'],
  ])('%s read as plain Latin', (_why, input, expected) => {
    expect(foldLookalikes(input)).toBe(expected);
  });

  test('Korean and other scripts are left as they are, and nothing grows much', () => {
    expect(foldLookalikes('노드에서 파드가 안 떠요')).toBe('노드에서 파드가 안 떠요');
    expect(foldLookalikes('\ufdfa'.repeat(100)).length).toBeLessThanOrEqual(100);
  });

  test('the matcher names a known error spelled with look-alikes', async () => {
    const { matcher } = await realCatalogue();
    const disguised = 'ｆａｉｌｅｄ to allo\u00adcate for range 0: no IP addrеsses available in range set: 10.48.131.1-10.48.131.62';
    expect(matcher.match(disguised)[0]?.id).toBe('pod-ip-exhaustion-containerd-ip-leak');
  });
});
