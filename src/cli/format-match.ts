import { PRODUCT_NAMES, type Lang } from '../catalogue/types.js';
import type { Match } from '../matcher/types.js';

const LABELS = {
  en: { evidence: 'evidence', line: 'line', fix: 'fix', source: 'source', matched: 'matched', note: 'note', only: (p: string) => `(${p} only)` },
  ko: { evidence: '근거', line: '줄', fix: '해결 방법', source: '출처', matched: '일치', note: '참고', only: (p: string) => `(${p} 전용)` },
} as const;

/** Short platform names for "GKE only" marks on remediation steps. */
const PLATFORM_SHORT: Record<string, string> = { gke: 'GKE', 'anthos-bare-metal': 'Anthos bare metal', nks: 'NKS', containerd: 'containerd' };

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
  const caveat = match.context?.caveat?.[lang] ?? match.context?.caveat?.en;
  if (caveat) out.push(`   ${label.note}: ${caveat}`);
  for (const line of extraLines) out.push(`   ${line}`);
  out.push(`   ${label.fix}:`);
  entry.remediation.forEach((step, i) => {
    // A step that only works on one platform says so when the paste is from another (an upstream cause).
    const only = step.platform && match.context?.otherPlatform ? ` ${label.only(PLATFORM_SHORT[step.platform] ?? step.platform)}` : '';
    out.push(`     ${i + 1}. ${step[lang]}${only}`);
    for (const command of step.commands ?? []) out.push(`          $ ${command}`);
  });
  const source = entry.sources[0];
  // The public page's title in the answer's language where known; never a heading in another language.
  const title = source?.title?.[lang];
  if (source) out.push(`   ${label.source}: ${source.url}${title ? `  ("${title}")` : ''}`);
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
    context: match.context ?? null,
    product: entry.product,
    summary: entry.summary[lang],
    remediation: entry.remediation.map((step) => ({ text: step[lang], commands: step.commands ?? [] })),
    sources: entry.sources,
    affects: entry.affects,
    fixedIn: entry.fixedIn ?? null,
  };
}
