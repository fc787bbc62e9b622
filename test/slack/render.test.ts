import { beforeAll, describe, expect, test } from '@jest/globals';
import type { CatalogueEntry } from '../../src/catalogue/types.js';
import type { Match } from '../../src/matcher/types.js';
import type { Answer } from '../../src/slack/answer.js';
import { renderAnswer } from '../../src/slack/blocks/render-answer.js';
import { renderCompact } from '../../src/slack/blocks/render-compact.js';
import { matchAnswer } from '../../src/slack/build-answer.js';
import { realCatalogue } from '../support/catalogue.js';
import { blockKitViolations } from './block-kit-limits.js';
import { blocksText } from './harness.js';

/** Slack control sequences a rendered message may contain: only our own source links. */
function foreignControlSequences(text: string): string[] {
  return (text.match(/<[^>]*>/g) ?? []).filter((s) => !/^<https:\/\/(cloud\.google\.com|docs\.nhncloud\.com|[a-z.]*\.?[a-z]+\.(com|io|dev|org))\//.test(s));
}

const HOSTILE = '<!channel> <!here> <@U0BOSS01> <#C0SECRET|secret> <https://evil.example/x|click me> ```pwned``` & `x`';

let examples: { id: string; text: string }[] = [];

describe('rendering real answers', () => {
  beforeAll(async () => {
    const { catalogue, matcher } = await realCatalogue();
    // Five entries whose own one-line example is matched first (at medium: a bare line says nothing of where it ran).
    for (const entry of catalogue.entries) {
      const example = entry.examples.find((e) => e.length < 2000 && !e.includes('\n'));
      if (!example) continue;
      const [top] = matcher.match(example, { top: 1 });
      if (top?.id === entry.id) examples.push({ id: entry.id, text: example });
      if (examples.length === 5) break;
    }
  });

  test('a 40 KB paste that shows five known issues renders inside Block Kit limits, escaped', async () => {
    expect(examples).toHaveLength(5);
    const { matcher } = await realCatalogue();
    const noise = Array.from({ length: 60 }, (_, i) => `I0101 12:00:${String(i % 60).padStart(2, '0')} 1 reflector.go:${i}] Listing and watching *v1.Pod from pkg/mod/k8s.io/client-go`);
    const lines: string[] = [];
    while (lines.join('\n').length < 40_000) {
      lines.push(...noise.slice(0, 30));
      for (const e of examples) lines.push(`${HOSTILE} ${e.text} ${HOSTILE}`);
    }
    const paste = lines.join('\n');
    expect(paste.length).toBeGreaterThanOrEqual(40_000);
    const answer = await matchAnswer(matcher, { text: paste, lang: 'en', top: 5 });
    expect(answer.matches.map((m) => m.id).sort()).toEqual(examples.map((e) => e.id).sort());
    for (const lang of ['en', 'ko'] as const) {
      const message = renderAnswer({ ...answer, lang }, { shareRef: 'a'.repeat(24) });
      expect(blockKitViolations(message)).toEqual([]);
      const text = blocksText(message.blocks);
      expect(foreignControlSequences(text)).toEqual([]);
      expect(text).toContain('&lt;!channel&gt;');
      expect(text).not.toContain('```pwned```');
      expect(blockKitViolations(renderCompact({ ...answer, lang }, 'b'.repeat(24)))).toEqual([]);
    }
  });

  test('when more known issues matched than are shown, the first line says how many and how to see more', async () => {
    const { matcher } = await realCatalogue();
    const paste = examples.map((e) => e.text).join('\n');
    const answer = await matchAnswer(matcher, { text: paste, lang: 'en', top: 2 });
    expect(answer.matches).toHaveLength(2);
    expect(answer.total).toBeGreaterThanOrEqual(5);
    const first = blocksText(renderAnswer(answer).blocks.slice(0, 1));
    expect(first).toContain(`found *${answer.total} known issues* in this text, showing the 2 best`);
    const all = await matchAnswer(matcher, { text: paste, lang: 'en', top: 10 });
    expect(blocksText(renderAnswer(all).blocks.slice(0, 1))).toContain(`found *${all.matches.length} known issues* in this text.`);
  });

  test('no match echoes the paste escaped, inside a code block it cannot close', () => {
    const answer: Answer = { lang: 'en', query: `${HOSTILE}\n\`\`\`\n*bold* _it_`, matches: [], clusters: { state: 'none', reason: '' }, notes: [] };
    const message = renderAnswer(answer);
    expect(blockKitViolations(message)).toEqual([]);
    const text = blocksText(message.blocks);
    expect(text).toContain('No known issue matched');
    expect(foreignControlSequences(text)).toEqual([]);
    expect(text).not.toMatch(/```pwned/);
    // Every mrkdwn object is verbatim: Slack does not turn plain @channel or URLs into mentions or links.
    const verbatim = JSON.stringify(message.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*","verbatim":true/g) ?? [];
    expect(verbatim.length).toBe(JSON.stringify(message.blocks).split('"type":"mrkdwn"').length - 1);
  });
});

describe('rendering at the limits', () => {
  const huge = 'x'.repeat(10_000);
  const entry = (id: string): CatalogueEntry => ({
    id,
    title: { en: `${HOSTILE} ${huge}`, ko: `제목 ${huge}` },
    summary: { en: `${HOSTILE} ${huge}`, ko: huge },
    product: 'gke',
    sources: [{ seed: 's', heading: 'h', url: 'https://cloud.google.com/kubernetes-engine/docs/x' }],
    signatures: [],
    symptoms: { en: [], ko: [] },
    affects: { products: ['gke'], wording: '', allVersions: true, conditions: [] },
    context: { component: ['containerd'], runtime: 'containerd', scope: 'platform' },
    remediation: Array.from({ length: 40 }, (_, i) => ({ en: `step ${i} & ${huge.slice(0, 1500)}`, ko: `단계 ${i}`, commands: [`kubectl get pods \`\`\` ${'y'.repeat(2000)} \`\`\``] })),
    actions: [],
    examples: [],
    file: `${id}.yaml`,
  });
  const match = (i: number): Match => ({
    id: `huge-${i}`,
    title: 'huge',
    score: 0.9,
    confidence: 'high',
    evidence: [
      { kind: 'signature', line: `${HOSTILE} ${'z'.repeat(290)}`, lineNumber: i + 1, matched: 'x' },
      { kind: 'fragment', line: '```'.repeat(100), lineNumber: i + 2, matched: 'x' },
    ],
    context: { corroborated: true },
    entry: entry(`huge-${i}`),
  });

  test('ten enormous matches on thirty clusters: within limits, with the cut made visible', () => {
    const matches = Array.from({ length: 10 }, (_, i) => match(i));
    const verdicts = new Map(matches.map((m) => [m.id, Array.from({ length: 30 }, (_, c) => ({ context: `cluster-${c}-${'q'.repeat(80)}`, verdict: 'unknown' as const, reasons: [huge.slice(0, 300)] }))]));
    const answer: Answer = {
      lang: 'en',
      query: huge,
      matches,
      clusters: { state: 'done', reports: [], verdicts },
      notes: Array.from({ length: 20 }, () => `${HOSTILE} ${huge}`),
    };
    const message = renderAnswer(answer, { shareRef: 'c'.repeat(24), actionsFor: () => [{ type: 'button', action_id: 'fix', text: { type: 'plain_text', text: 'Fix it' }, value: '1' }] });
    expect(blockKitViolations(message)).toEqual([]);
    const text = blocksText(message.blocks);
    expect(text).toContain('(truncated)');
    expect(text).toMatch(/more known issues? matched but .* not shown/);
    // Slack parses control sequences only in mrkdwn; plain_text headers (catalogue titles) show them literally.
    expect(foreignControlSequences(blocksText(message.blocks, 'mrkdwn'))).toEqual([]);
    expect(blockKitViolations(renderCompact(answer, 'd'.repeat(24)))).toEqual([]);
  });
});
