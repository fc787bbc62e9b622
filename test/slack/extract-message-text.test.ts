import { describe, expect, test } from '@jest/globals';
import { findAlertLabels, labelsLine } from '../../src/slack/alert-labels.js';
import { extractMessageText } from '../../src/slack/extract-message-text.js';

const rich = (...elements: unknown[]) => ({ type: 'rich_text', block_id: 'r1', elements });
const run = (text: string) => ({ type: 'text', text });

describe('the text a message carries', () => {
  test.each([
    ['text only (a person typing)', { text: 'hello &lt;world&gt;' }, 'hello <world>'],
    [
      // Slack's rich text reference: a list holds sections; quotes and preformatted hold text and link runs.
      'rich_text with empty text: section, preformatted, quote and a nested list',
      {
        text: '',
        blocks: [
          rich(
            { type: 'rich_text_section', elements: [run('see '), { type: 'link', url: 'https://x.example/a', text: 'this' }, run(' and '), { type: 'user', user_id: 'U1' }] },
            { type: 'rich_text_preformatted', elements: [run('line one\nline two')] },
            { type: 'rich_text_quote', elements: [run('quoted')] },
            { type: 'rich_text_list', style: 'bullet', elements: [{ type: 'rich_text_section', elements: [run('item')] }, { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [run('nested')] }] }] },
          ),
        ],
      },
      'see this and @U1\nline one\nline two\nquoted\nitem\nnested',
    ],
    [
      // A person's message: `text` is the rendering of its rich_text block, so the block adds nothing.
      'text and the rich_text it was rendered from',
      { text: 'pods are *stuck*', blocks: [rich({ type: 'rich_text_section', elements: [run('pods are '), { type: 'text', text: 'stuck', style: { bold: true } }] })] },
      'pods are *stuck*',
    ],
    [
      'attachment pretext, title, text and fields (as "title: value")',
      { text: '', attachments: [{ pretext: 'pre', title: 'T', text: 'body', fields: [{ title: 'pod', value: 'p-1', short: true }, { value: 'bare' }], fallback: 'not needed' }] },
      'pre\nT\nbody\npod: p-1\nbare',
    ],
    ['an attachment with only a fallback', { text: '', attachments: [{ fallback: 'only this' }] }, 'only this'],
    [
      'section, header and context blocks, plain and mrkdwn',
      { text: 'fallback', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Head' } }, { type: 'section', text: { type: 'mrkdwn', text: '*a* &amp; b' }, fields: [{ type: 'mrkdwn', text: 'f1' }] }, { type: 'context', elements: [{ type: 'mrkdwn', text: 'ctx' }, { type: 'image', image_url: 'x' }] }] },
      'fallback\nHead\n*a* & b\nf1\nctx',
    ],
    [
      'fields of the wrong type are skipped, never thrown on',
      { text: 7, attachments: [null, 'x', { title: ['no'], fields: 'no', blocks: [null, { type: 'rich_text', elements: 'no' }] }], blocks: { not: 'an array' } },
      '',
    ],
  ])('%s', (_why, message, expected) => {
    expect(extractMessageText(message)).toBe(expected);
  });

  test('rich_text nested past eight levels is not followed (and does not overflow the stack)', () => {
    let list: Record<string, unknown> = { type: 'rich_text_section', elements: [run('deep')] };
    for (let i = 0; i < 10_000; i++) list = { type: 'rich_text_list', elements: [list] };
    expect(extractMessageText({ text: '', blocks: [rich({ type: 'rich_text_section', elements: [run('top')] }, list)] })).toBe('top');
  });
});

describe('alert labels', () => {
  test.each([
    // Alertmanager's default text template (`__text_alert_list`): ` - name = value`.
    ['Alertmanager default template', 'Labels:\n - alertname = KubePodCrashLooping\n - namespace = shop\n - pod = cart-1\n - node = gke-a-b-c\n - cluster = prod', { pod: 'cart-1', namespace: 'shop', node: 'gke-a-b-c', cluster: 'prod' }],
    // The common Slack template: ` • *name:* `value``.
    ['bulleted mrkdwn labels', ' • *pod:* `cart-1`\n • *exported_namespace:* `shop`\n • *cluster_name:* `gke_proj_europe-west1_prod`', { pod: 'cart-1', namespace: 'shop', cluster: 'gke_proj_europe-west1_prod' }],
    // Attachment fields read as `title: value`; Robusta's `*Source:* \`cluster\``.
    ['fields and Robusta source', 'Cluster: prod-eu\nNode: n1\n*Source:* `staging`', { cluster: 'prod-eu', node: 'n1' }],
    ['log lines are not labels', 'E1201 kubelet.go:12] pod: "cart-1" failed: no IP addresses available\nnode gke-1 is not ready', {}],
  ])('%s', (_why, text, expected) => {
    expect(findAlertLabels(text)).toEqual(expected);
  });

  test('the line given to the matcher names the pod, namespace and node (the cluster goes to the cluster check instead)', () => {
    expect(labelsLine({ pod: 'cart-1', namespace: 'shop', node: 'gke-prod-default-pool-1a2b3c4d-9xyz', cluster: 'prod' })).toBe('pod cart-1 namespace shop node gke-prod-default-pool-1a2b3c4d-9xyz');
    expect(labelsLine({ cluster: 'prod' })).toBe('');
  });

  test('a long hostile text is read in one pass per line', () => {
    // Just under the 300-character cut, so the pattern does run on every line.
    const hostile = `${' -*'.repeat(40)}pod${' '.repeat(100)}:${' *'.repeat(35)}`;
    expect(hostile.length).toBeLessThanOrEqual(300);
    // Spaces between the colon and a star: what two adjacent `\s*` would retry at every split.
    const spaces = `pod:${' '.repeat(290)}*`;
    const text = Array.from({ length: 10_000 }, () => `${hostile}\n${spaces}`).join('\n');
    const started = performance.now();
    expect(findAlertLabels(text)).toEqual({});
    const hostileMs = performance.now() - started;
    const plain = Array.from({ length: 20_000 }, () => 'x'.repeat(hostile.length)).join('\n');
    const t2 = performance.now();
    findAlertLabels(plain);
    const plainMs = performance.now() - t2;
    // A wide ratio within one run: backtracking would be orders of magnitude slower than the plain scan.
    expect(hostileMs).toBeLessThan(Math.max(plainMs, 5) * 200);
  });
});
