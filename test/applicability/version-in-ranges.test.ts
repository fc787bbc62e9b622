import { describe, expect, test } from '@jest/globals';
import { compareToBound } from '../../src/applicability/compare-to-bound.js';
import { parseVersion } from '../../src/applicability/parse-version.js';
import { versionInRanges } from '../../src/applicability/version-in-ranges.js';
import type { VersionRange } from '../../src/catalogue/types.js';

describe('parseVersion', () => {
  test.each([
    ['v1.24.6-gke.1500', [1, 24, 6], ['gke', 1500]],
    ['1.5.7-gke.0', [1, 5, 7], ['gke', 0]],
    ['5.15.0-1034-gke', [5, 15, 0], [1034, 'gke']],
    ['5.10.123+', [5, 10, 123], []],
    ['10.0.17763.3406', [10, 0, 17763, 3406], []],
    ['3.10.0-1160.76.1.el7.x86_64', [3, 10, 0], [1160, 76, 1, 'el', 7, 'x', 86, 64]],
  ])('%s', (text, release, build) => {
    expect(parseVersion(text)).toEqual({ raw: text, release, build });
  });

  test('text that is not a version', () => {
    expect(parseVersion('latest')).toBeUndefined();
  });
});

describe('compareToBound', () => {
  test.each([
    // -gke.N compares numerically, not as text: 1500 > 700.
    ['1.24.6-gke.1500', '1.24.6-gke.700', 1],
    ['1.24.6-gke.700', '1.24.6-gke.1500', -1],
    // A bound without a build is the whole line, so every build of 1.20.9 is "on" it.
    ['1.20.9-gke.1200', '1.20.9', 0],
    ['1.18.20-gke.900', '1.18', 0],
    ['1.19.0-gke.1', '1.18', 1],
    ['10.0.17763.3406', '10.0.17763.3405', 1],
    ['10.0.17763.3406', '10.0.17763', 0],
    ['5.15.0-1034-gke', '5.15', 0],
    // Builds of different distributions have no order; a plain version against a GKE build cannot be placed.
    ['1.24.6-eks-1', '1.24.6-gke.1500', undefined],
    ['1.24.6', '1.24.6-gke.1500', undefined],
    // The cluster reports fewer parts than the bound needs (the windows-build label has no revision).
    ['10.0.17763', '10.0.17763.3406', undefined],
    ['10.0.17700', '10.0.17763.3406', -1],
  ])('%s against %s', (fact, bound, expected) => {
    expect(compareToBound(parseVersion(fact)!, parseVersion(bound)!)).toBe(expected);
  });
});

describe('versionInRanges', () => {
  const ipLeak: VersionRange[] = [
    { from: '1.24', to: '1.24.6-gke.1500' },
    { from: '1.23', to: '1.23.14-gke.1800' },
    { to: '1.22.16-gke.2000' },
  ];
  test.each<[string, string, VersionRange[], string]>([
    ['last affected build', 'v1.24.6-gke.1500', ipLeak, 'true'],
    ['first build after it', 'v1.24.6-gke.1501', ipLeak, 'false'],
    ['next patch', 'v1.24.7-gke.300', ipLeak, 'false'],
    ['first of the line', 'v1.24.0-gke.100', ipLeak, 'true'],
    ['open lower bound', 'v1.20.15-gke.9000', ipLeak, 'true'],
    ['"to: 1.21.5-gke.1802", one build later', 'v1.21.5-gke.1803', [{ from: '1.21', to: '1.21.5-gke.1802' }], 'false'],
    ['"to: 1.20.9" includes its builds', 'v1.20.9-gke.1200', [{ from: '1.20.0', to: '1.20.9' }], 'true'],
    ['"to: 1.18" is every 1.18.x', 'v1.18.20-gke.6000', [{ from: '1.18', to: '1.18' }], 'true'],
    ['"to: 1.18" stops before 1.19', 'v1.19.0-gke.1', [{ from: '1.18', to: '1.18' }], 'false'],
    ['before 1.6.6: last affected', '1.6.5-gke.3', [{ before: '1.6.6' }], 'true'],
    ['before 1.6.6: first fixed', '1.6.6', [{ before: '1.6.6' }], 'false'],
    ['before 1.6.6: a build of the first fixed', '1.6.6-gke.0', [{ before: '1.6.6' }], 'false'],
    ['before a GKE build: last affected', 'v1.25.15-gke.1039999', [{ from: '1.25.0', before: '1.25.15-gke.1040000' }], 'true'],
    ['before a GKE build: first fixed', 'v1.25.15-gke.1040000', [{ from: '1.25.0', before: '1.25.15-gke.1040000' }], 'false'],
    ['kernel from 5.15', '5.15.0-1034-gke', [{ from: '5.15' }], 'true'],
    ['kernel just below 5.15', '5.14.21-150400.24.18-default', [{ from: '5.15' }], 'false'],
    ['COS kernel', '5.10.123+', [{ from: '5.10', to: '5.10' }], 'true'],
    ['Windows build last affected', '10.0.17763.3406', [{ to: '10.0.17763.3406' }], 'true'],
    ['Windows build first fixed', '10.0.17763.3407', [{ to: '10.0.17763.3406' }], 'false'],
    ['Anthos span written as one string', '1.13.2', [{ to: '1.13.0-1.13.2' }], 'true'],
    ['Anthos span, one past', '1.13.3', [{ to: '1.13.0-1.13.2' }], 'false'],
    ['Anthos 1.13.0 to 1.13.2, first', '1.13.0', [{ from: '1.13.0', to: '1.13.2' }], 'true'],
    ['plain version against a GKE build bound', 'v1.24.6', [{ to: '1.24.6-gke.1500' }], 'unknown'],
  ])('%s: %s', (_why, version, ranges, truth) => {
    expect(versionInRanges(version, ranges, `version ${version}`).truth).toBe(truth);
  });

  test('the reason names the version and the range', () => {
    const judgement = versionInRanges('v1.24.6-gke.1500', ipLeak, 'kubelet v1.24.6-gke.1500');
    expect(judgement.reason).toBe('kubelet v1.24.6-gke.1500 is in the affected range 1.24 to 1.24.6-gke.1500');
  });

  test('a bound that is not a version is reported as a catalogue error, not a verdict', () => {
    const judgement = versionInRanges('1.6.5', [{ before: 'soon' }], 'containerd 1.6.5');
    expect(judgement).toEqual({ truth: 'unknown', reason: expect.stringContaining('"soon" is not a version') });
  });
});
