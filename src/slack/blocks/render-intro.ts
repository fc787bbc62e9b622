import type { Lang } from '../../catalogue/types.js';
import { renderHelp, type HelpFacts } from './render-help.js';
import { section } from './render-parts.js';
import type { SlackMessage } from './types.js';

/** The first direct message a person sends k8sfix gets this once, before the answer: what it does and how to use it. */
export function renderIntro(facts: HelpFacts, lang: Lang): SlackMessage {
  const help = renderHelp(facts, lang);
  const hello =
    lang === 'ko'
      ? ':wave: 안녕하세요, *k8sfix*입니다. 여기에 Kubernetes 오류나 로그(파일도 됩니다)를 보내 주시면 알려진 문제, 클러스터별 해당 여부, 해결 방법으로 답합니다.'
      : ":wave: Hi, I'm *k8sfix*. Send me a Kubernetes error or log here (a log file works too) and I answer with the known issue, whether it applies to each of your clusters, and the fix.";
  return { text: lang === 'ko' ? 'k8sfix 소개' : 'About k8sfix', blocks: [section(hello), ...help.blocks] };
}
