import type { Lang } from '../../catalogue/types.js';

/** The answer's own wording in each language the catalogue carries. Values are safe mrkdwn (no user text). */
export const STRINGS = {
  en: {
    found: (n: number) => (n === 1 ? 'k8sfix found *1 known issue* in this text.' : `k8sfix found *${n} known issues* in this text.`),
    showing: (shown: number, total: number) => `k8sfix found *${total} known issues* in this text, showing the ${shown} best (\`/k8sfix --top 10 &lt;error&gt;\` for more).`,
    confidence: { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' },
    evidence: (line: number) => `*Evidence* (line ${line})`,
    clusters: '*Your clusters*',
    clustersPending: (n: number) => `:hourglass_flowing_sand: Checking ${n} cluster${n === 1 ? '' : 's'}…`,
    verdict: { affected: 'affected', 'not-affected': 'not affected', unknown: 'unknown', unreachable: 'unreachable' },
    fix: '*Fix*',
    firstStep: '*First step:*',
    source: 'Source',
    noMatch: ':mag: *No known issue matched.*',
    noMatchHint:
      'Paste the exact error text rather than a description: the `Warning` line from `kubectl describe pod` or ' +
      '`kubectl get events`, a failing `kubelet` or `containerd` log line (`journalctl -u kubelet`), or the message ' +
      'your deployment tool printed. Several lines of surrounding log are fine.',
    youSearched: 'You pasted',
    failed: ':warning: *k8sfix could not analyse this text.*',
    failedHint: 'Try again in a moment, or paste a shorter excerpt around the error.',
    tooSlow: ':hourglass: *This paste took too long to read*, so k8sfix stopped reading it.',
    tooSlowHint: 'Send the lines around the error instead: the `Warning` event, or the failing log line with a few lines before and after it.',
    busy: ':hourglass: *k8sfix is reading many other pastes right now* and could not read this one.',
    busyHint: 'Try again in a minute.',
    moreNotShown: (n: number, ids: string) =>
      `_${n} more known issue${n === 1 ? '' : 's'} matched but ${n === 1 ? 'is' : 'are'} not shown to stay within Slack's message limits: ${ids}_`,
    stepsTruncated: '_More steps in the source document._',
    share: 'Post to channel',
    fullAnswer: 'Full answer',
    knownIssue: ':rotating_light: *Known issue:*',
    appliesTo: 'Applies to',
    notChecked: 'clusters not checked',
    footer: 'k8sfix · `/k8sfix help` for usage',
  },
  ko: {
    found: (n: number) => `k8sfix가 이 텍스트에서 *알려진 문제 ${n}개*를 찾았습니다.`,
    showing: (shown: number, total: number) => `k8sfix가 이 텍스트에서 *알려진 문제 ${total}개*를 찾아 가장 가까운 ${shown}개를 보여 줍니다 (더 보려면 \`/k8sfix --top 10 &lt;오류&gt;\`).`,
    confidence: { high: '신뢰도 높음', medium: '신뢰도 보통', low: '신뢰도 낮음' },
    evidence: (line: number) => `*근거* (${line}번째 줄)`,
    clusters: '*연결된 클러스터*',
    clustersPending: (n: number) => `:hourglass_flowing_sand: 클러스터 ${n}개 확인 중…`,
    verdict: { affected: '영향 받음', 'not-affected': '영향 없음', unknown: '알 수 없음', unreachable: '연결 안 됨' },
    fix: '*해결 방법*',
    firstStep: '*첫 단계:*',
    source: '출처',
    noMatch: ':mag: *일치하는 알려진 문제가 없습니다.*',
    noMatchHint:
      '설명 대신 정확한 오류 텍스트를 붙여 넣으세요: `kubectl describe pod` 또는 `kubectl get events`의 `Warning` 줄, ' +
      '실패한 `kubelet`/`containerd` 로그 줄(`journalctl -u kubelet`), 배포 도구가 출력한 메시지 등. 앞뒤 로그 몇 줄이 함께 있어도 됩니다.',
    youSearched: '붙여 넣은 텍스트',
    failed: ':warning: *k8sfix가 이 텍스트를 분석하지 못했습니다.*',
    failedHint: '잠시 후 다시 시도하거나 오류 주변만 짧게 붙여 넣으세요.',
    tooSlow: ':hourglass: *붙여 넣은 텍스트를 읽는 데 너무 오래 걸려* 읽기를 중단했습니다.',
    tooSlowHint: '오류 주변 줄만 보내 주세요: `Warning` 이벤트나 실패한 로그 줄과 그 앞뒤 몇 줄이면 됩니다.',
    busy: ':hourglass: *k8sfix가 지금 다른 텍스트를 많이 읽고 있어* 이 텍스트를 읽지 못했습니다.',
    busyHint: '잠시 후 다시 시도하세요.',
    moreNotShown: (n: number, ids: string) => `_Slack 메시지 한도 때문에 일치한 알려진 문제 ${n}개를 더 표시하지 못했습니다: ${ids}_`,
    stepsTruncated: '_나머지 단계는 출처 문서를 참고하세요._',
    share: '채널에 게시',
    fullAnswer: '전체 답변',
    knownIssue: ':rotating_light: *알려진 문제:*',
    appliesTo: '적용 대상',
    notChecked: '클러스터 확인 안 함',
    footer: 'k8sfix · 사용법은 `/k8sfix help`',
  },
} satisfies Record<Lang, unknown>;

export type Strings = (typeof STRINGS)['en'];

export function stringsFor(lang: Lang): Strings {
  return STRINGS[lang];
}
