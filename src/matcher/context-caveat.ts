import type { CatalogueEntry, Localized, Product } from '../catalogue/types.js';
import type { ContextVerdict } from './judge-context.js';

const WHERE: Record<Product, Localized> = {
  gke: { en: 'GKE', ko: 'GKE' },
  'anthos-bare-metal': { en: 'Anthos clusters on bare metal', ko: '베어메탈용 Anthos 클러스터' },
  nks: { en: 'NKS', ko: 'NKS' },
  containerd: { en: 'containerd', ko: 'containerd' },
};

/**
 * One short sentence, in both languages, that tells the reader what the match assumed and how to confirm it;
 * undefined when the paste itself places the issue and nothing was assumed.
 */
export function contextCaveat(entry: CatalogueEntry, verdict: ContextVerdict): Localized | undefined {
  const where = WHERE[entry.product];
  const { runtime, scope, component } = entry.context;
  const platformSteps = entry.remediation.some((step) => step.platform !== undefined);
  if (verdict.otherPlatform) {
    const steps = platformSteps ? { en: ` Steps marked "${where.en} only" apply on ${where.en} alone.`, ko: ` "${where.ko} 전용" 단계는 ${where.ko}에만 해당합니다.` } : { en: '', ko: '' };
    return {
      en: `The cause lies in ${component[0]}, not in ${where.en}, so it is the same on ${verdict.otherPlatform}.${steps.en}`,
      ko: `원인이 ${where.ko}가 아니라 ${component[0]}에 있어 ${verdict.otherPlatform}에서도 같은 문제입니다.${steps.ko}`,
    };
  }
  if (verdict.corroborated && !verdict.assumed) return undefined;
  if (verdict.corroborated && verdict.assumed) {
    return { en: `Assumed from the deployment: ${verdict.assumed}.`, ko: `배포 설정에서 가정함: ${verdict.assumed}.` };
  }
  const assumed = verdict.assumed ? { en: ` (${verdict.assumed})`, ko: ` (${verdict.assumed})` } : { en: '', ko: '' };
  if (scope === 'platform') {
    const nodes = runtime === 'containerd' ? { en: ` nodes that run containerd`, ko: ` containerd 노드` } : { en: '', ko: '' };
    return {
      en: `Matches the error ${where.en} documents for this issue; it applies if this came from ${where.en}${nodes.en}${assumed.en}.`,
      ko: `${where.ko} 문서에 나온 이 문제의 오류와 일치합니다. ${where.ko}${nodes.ko}에서 나온 오류일 때 해당합니다${assumed.ko}.`,
    };
  }
  const condition =
    runtime === 'containerd'
      ? { en: 'your nodes run containerd', ko: '노드가 containerd를 사용할 때' }
      : runtime === 'docker'
        ? { en: 'your nodes run Docker Engine', ko: '노드가 Docker Engine을 사용할 때' }
        : { en: `the error comes from ${component[0]} on your nodes`, ko: `노드의 ${component[0]}에서 나온 오류일 때` };
  return {
    en: `Matches the error documented for this issue; it applies if ${condition.en}.`,
    ko: `문서에 나온 이 문제의 오류와 일치합니다. ${condition.ko} 해당합니다.`,
  };
}
