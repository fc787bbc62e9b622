import { PRODUCT_NAMES, type Lang } from '../catalogue/types.js';
import type { Match } from '../matcher/types.js';

const LABELS = {
  en: { evidence: 'evidence', line: 'line', fix: 'fix', source: 'source', matched: 'matched' },
  ko: { evidence: '근거', line: '줄', fix: '해결 방법', source: '출처', matched: '일치' },
} as const;

/** One match for a terminal: title, confidence, the evidence line, the remediation steps and the source. */
export function formatMatch(match: Match, index: number, lang: Lang, extraLines: string[] = []): string {
  const entry = match.entry;
  const label = LABELS[lang];
  const out: string[] = [];
  out.push(`${index}. ${entry.title[lang]}`);
  out.push(`   ${match.confidence} confidence (${match.score.toFixed(2)}) · ${PRODUCT_NAMES[entry.product]} · ${entry.id}`);
  const evidence = match.evidence[0];
  if (evidence) {
    out.push(`   ${label.evidence} (${label.line} ${evidence.lineNumber}, ${evidence.kind}): ${evidence.line}`);
  }
  for (const line of extraLines) out.push(`   ${line}`);
  out.push(`   ${label.fix}:`);
  entry.remediation.forEach((step, i) => {
    out.push(`     ${i + 1}. ${step[lang]}`);
    for (const command of step.commands ?? []) out.push(`          $ ${command}`);
  });
  const source = entry.sources[0];
  if (source) out.push(`   ${label.source}: ${source.url}  ("${source.heading.replace(/\s+/g, ' ').trim()}")`);
  return out.join('\n');
}

/** The JSON form of a match: the Match fields plus the remediation in the chosen language. */
export function matchToJson(match: Match, lang: Lang): Record<string, unknown> {
  const entry = match.entry;
  return {
    id: match.id,
    title: match.title,
    localizedTitle: entry.title[lang],
    score: match.score,
    confidence: match.confidence,
    evidence: match.evidence,
    product: entry.product,
    summary: entry.summary[lang],
    remediation: entry.remediation.map((step) => ({ text: step[lang], commands: step.commands ?? [] })),
    sources: entry.sources,
    affects: entry.affects,
    fixedIn: entry.fixedIn ?? null,
  };
}
