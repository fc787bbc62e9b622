import type { Lang } from '../../catalogue/types.js';
import { inlineCode } from '../escape.js';
import { context, section } from './render-parts.js';
import type { SlackMessage } from './types.js';

export interface HelpFacts {
  /** Human description of the incident channels, already safe mrkdwn (e.g. "`inc-*`, <#C123>"). */
  incidentChannels: string;
  contexts: string[];
}

/** `/k8sfix help`. */
export function renderHelp(facts: HelpFacts, lang: Lang): SlackMessage {
  const clusters = facts.contexts.length > 0 ? facts.contexts.map(inlineCode).join(', ') : '_none connected_';
  const ko = lang === 'ko';
  const lines = ko
    ? [
        '*k8sfix*는 붙여 넣은 Kubernetes 오류를 알려진 문제와 해결 방법으로 바꾸고, 연결된 클러스터에 해당하는지 알려 줍니다.',
        '`/k8sfix <오류 텍스트>`: 오류를 찾습니다. 답변은 나에게만 보이며 버튼으로 채널에 게시할 수 있습니다.',
        '`/k8sfix --cluster NAME <오류>`: 이 클러스터만 확인합니다 (여러 개는 반복하거나 쉼표로 구분).',
        '`/k8sfix --lang en|ko <오류>`: 답변 언어를 고릅니다 (기본: Slack 언어 설정).',
        '`/k8sfix --top N <오류>`: 알려진 문제를 최대 N개(1~10)까지 보여 줍니다 (기본 5).',
        '`/k8sfix clusters`: 연결된 클러스터와 그 정보를 보여 줍니다.',
        '채널이나 스레드에서 오류와 함께 봇을 멘션하면 스레드에 답합니다. 봇에게 DM으로 보내도 됩니다.',
        `인시던트 채널(${facts.incidentChannels})에서는 알려진 문제가 보이는 로그에 스레드로 한 번씩 주석을 답니다.`,
      ]
    : [
        '*k8sfix* turns a pasted Kubernetes error into the known issue, whether it applies to your clusters, and the fix.',
        '`/k8sfix <error text>`: find the known issue. The answer is visible only to you, with a button to post it to the channel.',
        '`/k8sfix --cluster NAME <error>`: check only this cluster (repeat the flag or separate names with commas).',
        '`/k8sfix --lang en|ko <error>`: choose the answer language (default: your Slack language).',
        '`/k8sfix --top N <error>`: show up to N known issues (1 to 10, default 5).',
        '`/k8sfix clusters`: the connected clusters and their facts.',
        'Mention the bot with an error in a channel or thread and it answers in the thread; a direct message works too.',
        `In incident channels (${facts.incidentChannels}) it annotates pasted logs that show a known issue, once per issue per thread.`,
      ];
  return {
    text: 'k8sfix help',
    blocks: [section(lines.join('\n')), context([`${ko ? '연결된 클러스터' : 'Connected clusters'}: ${clusters}`])],
  };
}
