import type { CatalogueEntry, Lang } from '../../catalogue/types.js';
import type { ClusterVerdict } from '../cluster-checker.js';
import { codeBlock, escapeInline, escapeMrkdwn, inlineCode } from '../escape.js';
import type { ClusterSection } from '../answer.js';
import { fitPlain, fitText } from './fit-text.js';
import { LIMITS } from './limits.js';
import { stringsFor } from './strings.js';
import type { Block } from './types.js';

/** A mrkdwn section whose text is cut to Slack's limit. `verbatim` stops Slack from turning text into links or mentions. */
export function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: fitText(text, LIMITS.sectionText), verbatim: true } };
}

export function context(texts: string[]): Block {
  return {
    type: 'context',
    elements: texts
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn' as const, text: fitText(t, LIMITS.contextText), verbatim: true })),
  };
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: fitPlain(text, LIMITS.headerText), emoji: false } };
}

const VERDICT_EMOJI: Record<ClusterVerdict['verdict'], string> = {
  affected: ':red_circle:',
  'not-affected': ':large_green_circle:',
  unknown: ':white_circle:',
  unreachable: ':warning:',
};

/** One line per cluster: emoji, name, verdict, reasons. */
export function clusterLines(section: ClusterSection, matchId: string, lang: Lang): string {
  const s = stringsFor(lang);
  if (section.state === 'none') return `_${escapeInline(section.reason)}_`;
  if (section.state === 'pending') return s.clustersPending(section.contexts.length);
  const verdicts = section.verdicts.get(matchId) ?? [];
  return verdicts
    .map((v) => {
      const reasons = v.reasons.length > 0 ? `: ${escapeInline(v.reasons.join('; '))}` : '';
      return `${VERDICT_EMOJI[v.verdict]} ${inlineCode(v.context)} *${s.verdict[v.verdict]}*${reasons}`;
    })
    .join('\n');
}

/** Compact "where it applies": clusters grouped by verdict on one line. */
export function appliesToLine(section: ClusterSection, matchId: string, lang: Lang): string {
  const s = stringsFor(lang);
  if (section.state === 'none') return `${s.appliesTo}: _${s.notChecked}_`;
  if (section.state === 'pending') return s.clustersPending(section.contexts.length);
  const groups = new Map<ClusterVerdict['verdict'], string[]>();
  for (const v of section.verdicts.get(matchId) ?? []) groups.set(v.verdict, [...(groups.get(v.verdict) ?? []), v.context]);
  const order: ClusterVerdict['verdict'][] = ['affected', 'unknown', 'not-affected', 'unreachable'];
  const parts = order
    .filter((verdict) => groups.has(verdict))
    .map((verdict) => `${VERDICT_EMOJI[verdict]} ${s.verdict[verdict]}: ${(groups.get(verdict) ?? []).map(inlineCode).join(', ')}`);
  return `${s.appliesTo}: ${parts.length > 0 ? parts.join(' · ') : `_${s.notChecked}_`}`;
}

/** One remediation step: its text (marked "GKE only" when the paste is from another platform), then each command as a code block. */
export function stepText(entry: CatalogueEntry, index: number, lang: Lang, otherPlatform?: string): string {
  const step = entry.remediation[index];
  if (!step) return '';
  const commands = (step.commands ?? []).map((c) => codeBlock(c)).join('\n');
  const only = step.platform && otherPlatform ? ` _(${PLATFORM_SHORT[step.platform] ?? step.platform} ${lang === 'ko' ? '전용' : 'only'})_` : '';
  return `${index + 1}. ${escapeMrkdwn(step[lang] || step.en)}${only}${commands ? `\n${commands}` : ''}`;
}

const PLATFORM_SHORT: Record<string, string> = { gke: 'GKE', 'anthos-bare-metal': 'Anthos bare metal', nks: 'NKS', containerd: 'containerd' };

/** Source links as mrkdwn; only http(s) URLs become links. */
export function sourceLinks(entry: CatalogueEntry, lang: Lang): string {
  const s = stringsFor(lang);
  const urls = [...new Set(entry.sources.map((src) => src.url))].filter((u) => /^https?:\/\/[^\s|<>]+$/.test(u));
  if (urls.length === 0) return '';
  const links = urls.map((u) => `<${u}|${escapeMrkdwn(new URL(u).hostname + new URL(u).pathname).replace(/\|/g, '')}>`);
  return `${s.source}: ${links.join(' · ')}`;
}
