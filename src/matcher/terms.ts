/**
 * Terms for comparing descriptions in words: English words (lightly stemmed, stop words dropped, compound
 * names like containerd-shim-runc-v2 kept whole and split into parts) and Korean as syllable bigrams, which
 * survive the particles and endings that whitespace tokens would not ("노드의", "노드에서" both hold "노드").
 */

const ENGLISH_STOP = new Set(
  ('a an the and or but if of to in on at by for from with without into onto over under about after before ' +
    'is are was were be been being am do does did doing have has had having it its this that these those there ' +
    'here what which who whom why how when where can could should would will shall may might must not no nor ' +
    'so than too very just also only still even again then once all any both each few more most other some such ' +
    'own same i me my we our you your he she they them their his her us get got getting gets keep keeps seeing ' +
    'see seen saw happen happens happening happened like looks look please help anyone someone know thanks hi ' +
    'hey issue problem error errors fail fails failed failing work works working broken wrong why something ' +
    'thing things today now yesterday again use using used our after since while because way lot lots much many')
    .split(' '),
);

/** Korean bigrams made only of endings and particles. */
const KOREAN_STOP = new Set(
  ('합니 니다 습니 있습 없습 됩니 어요 해요 아요 에요 예요 이에 세요 나요 까요 는데 어서 해서 에서 으로 ' +
    '하는 하고 있는 없는 되는 되어 되었 했습 했어 이런 그런 저런 이거 그거 뭐가 왜이 이래 그래 경우 때문 ' +
    '하면 하지 않아 않습 지않 같아 같은 계속 문제 오류 에러 현상 발생 확인 해결 방법 어떻 어떻게 떻게 ' +
    '이상 입니 합니다 는지 인지 는데요 데요 봐주 주세 주실 실분 분있 있나 ' +
    // Conversational endings and connectives: chat Korean is full of them, and they say nothing about the issue.
    '었어 았어 였어 돼요 되요 됐어 졌어 져요 나서 고나 했는 했더 더니 었는 인데 해도 하니 니까 라서 거예 건가 가요 ' +
    '네요 군요 을까 할까 싶어 싶은 려고 하려 으려 다가 면서 지만 근데 그리 리고 이게 그게 저거 있어 없어 봐요 보니 ' +
    '처럼 에게 한테 부터 까지 이랑 하는 했던 했고 는게 건데 던데 ')
    .split(' '),
);

const LATIN_TOKEN = /[a-z0-9][a-z0-9._/:-]*[a-z0-9]|[a-z0-9]/g;
const HANGUL_RUN = /[\uac00-\ud7a3]+/g;
/** A run of letters that stands alone (no digit or underscore joined to it), like `\\b[A-Za-z]+\\b`. */
const LETTER_RUN = /(?<![A-Za-z0-9_])[A-Za-z]+(?![A-Za-z0-9_])/g;
const CASE_CHANGE = /[a-z][A-Z]/;
const ACRONYM_PLURAL = /(?<![A-Za-z0-9_])([A-Z]{2,})s(?![A-Za-z0-9_])/g;
const MAX_NAME_CHARS = 60;

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es') && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Latin terms of a text: whole compounds and their parts, stemmed, without stop words. */
export function latinTerms(text: string): string[] {
  const out: string[] = [];
  // camelCase names (livenessProbe, FailedCreatePodContainer) read as their words, and whole as a name. Each
  // run of letters is read once and tested on its own: a pattern with two open-ended letter runs around the
  // case change would be quadratic in a long run of letters.
  for (const name of text.match(LETTER_RUN) ?? []) {
    if (name.length <= MAX_NAME_CHARS && CASE_CHANGE.test(name)) out.push(name.toLowerCase());
  }
  // The plural of an initialism ("IPs", "VMs", "PVCs") is the initialism: stemming leaves short words alone.
  const words = text.replace(ACRONYM_PLURAL, '$1').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  for (const token of words.match(LATIN_TOKEN) ?? []) {
    // Versions ("1.13.0", "5.15") say a lot about which issue is meant; other numbers say nothing.
    if (/^\d+\.\d+(?:\.\d+)?$/.test(token)) {
      out.push(token);
      continue;
    }
    const parts = token.split(/[._/:-]+/).filter((part) => part.length > 1 && !/^\d+$/.test(part));
    if (parts.length > 1 && token.length <= 60 && !/^[\d.]+$/.test(token)) out.push(token);
    for (const part of parts) if (!ENGLISH_STOP.has(part)) out.push(stem(part));
  }
  return out;
}

/** Korean syllable bigrams of a text, without those made of particles and endings alone. */
export function koreanTerms(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(HANGUL_RUN) ?? []) {
    for (let i = 0; i + 2 <= run.length; i++) {
      const bigram = run.slice(i, i + 2);
      if (!KOREAN_STOP.has(bigram)) out.push(`ko:${bigram}`);
    }
  }
  return out;
}

/**
 * Terms that any Kubernetes log or question is full of. They count towards a phrase's coverage but never
 * as evidence specific to one known issue, however few catalogue entries happen to use them.
 */
export const COMMON_TERMS = new Set([
  ...('x509 unknown authority certificate cert tls timeout probe liveness readiness memory allocate connect connection ' +
    'docker daemon image pull registry disk log pod node cluster container kubectl kubelet kube api server network ' +
    'restart crash crashloopbackoff start create delete update upgrade version config file path volume service ' +
    'dns port ip address route gateway default request response http https client secret namespace deployment ' +
    'daemonset job cpu limit resource usage metric dashboard permission denied access root user admin').split(' ').map(stem),
  // Pod and node states and event reasons every cluster prints.
  ...('notready ready schedulingdisabled imagepullbackoff errimagepull crashloopbackoff containercreating oomkilled ' +
    'evicted failedscheduling failedmount failedattachvolume failedcreatepodsandbox backoff unhealthy killing ' +
    'createcontainererror runcontainererror nodenotready nodehasdiskpressure networkunavailable').split(' '),
  ...('클러 러스 스터 노드 포드 파드 컨테 테이 이너 이미 미지 로그 설정 생성 실패 업그 그레 레이 이드 메모 모리 디스 스크 ' +
    '네트 트워 워크 인증 증서 서비 비스 버전 재시 시작 연결 접속 권한 사용 용자 관리 리자 삭제 업데 데이 트가')
    .split(' ').map((bigram) => `ko:${bigram}`),
]);

export function termsOf(text: string): Set<string> {
  return new Set([...latinTerms(text), ...koreanTerms(text)]);
}
