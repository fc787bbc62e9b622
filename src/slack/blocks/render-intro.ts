import type { Lang } from '../../catalogue/types.js';
import { renderHelp, type HelpFacts } from './render-help.js';
import { section } from './render-parts.js';
import type { SlackMessage } from './types.js';

/**
 * What k8sfix does and how to use it: the first direct message a person sends gets this once, before the
 * answer (`dm`), and the Home tab shows it (`home`).
 */
export function renderIntro(facts: HelpFacts, lang: Lang, where: 'dm' | 'home' = 'dm'): SlackMessage {
  const help = renderHelp(facts, lang);
  const ko = lang === 'ko';
  const place = where === 'dm' ? (ko ? '여기에' : 'here') : ko ? '메시지 탭에' : 'in the Messages tab';
  const hello = ko
    ? `:wave: 안녕하세요, *k8sfix*입니다. ${place} Kubernetes 오류나 로그(파일도 됩니다)를 보내 주시면 알려진 문제, 클러스터별 해당 여부, 해결 방법으로 답합니다.`
    : `:wave: Hi, I'm *k8sfix*. Send me a Kubernetes error or log ${place} (a log file works too) and I answer with the known issue, whether it applies to each of your clusters, and the fix.`;
  return { text: ko ? 'k8sfix 소개' : 'About k8sfix', blocks: [section(hello), ...help.blocks] };
}
