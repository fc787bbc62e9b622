import { describe, expect, test } from '@jest/globals';
import { parseCommand } from '../../src/slack/parse-command.js';

describe('/k8sfix text', () => {
  test.each([
    ['empty text shows help', '', { kind: 'help' }],
    ['help', ' help ', { kind: 'help' }],
    ['clusters', 'clusters', { kind: 'clusters', clusterNames: [] }],
    ['clusters for one', '--cluster prod clusters', { kind: 'clusters', clusterNames: ['prod'] }],
    ['a plain error', 'ImagePullBackOff x509', { kind: 'answer', text: 'ImagePullBackOff x509', clusterNames: [] }],
    ['leading flags, repeated and comma lists', '--cluster a -c b,c --lang ko err', { kind: 'answer', text: 'err', clusterNames: ['a', 'b', 'c'], lang: 'ko' }],
    ['flag=value', '--cluster=prod --lang=EN err', { kind: 'answer', text: 'err', clusterNames: ['prod'], lang: 'en' }],
    ['a trailing flag on the last line', 'line one\nerr here --cluster prod', { kind: 'answer', text: 'line one\nerr here', clusterNames: ['prod'] }],
    [
      'a flag in the middle of a pasted log is part of the log',
      'gcloud container clusters upgrade --cluster-version=1.2 x\nmore',
      { kind: 'answer', text: 'gcloud container clusters upgrade --cluster-version=1.2 x\nmore', clusterNames: [] },
    ],
    ['at most N matches', '--top 2 err', { kind: 'answer', text: 'err', clusterNames: [], top: 2 }],
    ['--top=N at the end', 'err --top=10', { kind: 'answer', text: 'err', clusterNames: [], top: 10 }],
    ['a top out of range', '--top 50 err', { kind: 'invalid', message: '--top takes a number from 1 to 10, not "50"' }],
    ['a bad language', '--lang fr err', { kind: 'invalid', message: '--lang takes en or ko, not "fr"' }],
    ['a flag without a value', '--cluster', { kind: 'invalid', message: '--cluster needs a value' }],
    ['flags but no text', '--cluster prod', { kind: 'invalid', message: 'paste the error text after the options, e.g. /k8sfix --cluster prod <error>' }],
  ])('%s', (_why, input, expected) => {
    expect(parseCommand(input)).toEqual(expected);
  });

  test('multi-line pastes keep their line breaks and indentation', () => {
    const paste = 'Events:\n  Warning  Failed  1m  kubelet  Error: x\n\tat foo';
    expect(parseCommand(paste)).toEqual({ kind: 'answer', text: paste, clusterNames: [] });
  });
});
