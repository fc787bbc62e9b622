import { formatProblem } from '../../catalogue/catalogue-error.js';
import { platformsFromEnv } from '../../matcher/platforms-from-env.js';
import { catalogueDirsFromEnv, loadCatalogues } from '../../catalogue/load-catalogues.js';
import type { CatalogueEntry, Lang } from '../../catalogue/types.js';
import { createMatcher } from '../../matcher/create-matcher.js';
import type { Analysis } from '../../matcher/types.js';
import { combinePlatforms } from '../../matcher/combine-platforms.js';
import type { ClusterCollection } from './cluster-check.js';
import { EXIT_MATCH, EXIT_NO_MATCH, UsageError, type CliIo } from '../cli-io.js';
import { formatMatch, matchToJson } from '../format-match.js';
import { inputSource, readInputs, type StreamProbe } from '../input-source.js';
import type { MatchArgs } from '../parse-args.js';
import { resolveLang } from '../resolve-lang.js';

const NO_MATCH_HINT = {
  en: 'No known issue matched. Paste the exact error line (from kubectl describe pod events, journalctl -u containerd or kubelet), not only the pod status.',
  ko: '일치하는 알려진 문제가 없습니다. 포드 상태만이 아니라 정확한 오류 줄(kubectl describe pod 이벤트, journalctl -u containerd 또는 kubelet 로그)을 붙여 넣으세요.',
} as const;

export interface MatchEnv {
  /** K8SFIX_LANG, already checked. */
  lang?: Lang;
  /** K8SFIX_CATALOGUE_DIR, when set. */
  catalogueDir?: string;
  stdin: AsyncIterable<Uint8Array>;
  stdinIsTty: boolean;
}

/** `k8sfix [options] <text | FILE... | -> `: the known issues the input shows, and with --context whether they apply. */
export async function runMatchCommand(args: MatchArgs, env: MatchEnv, io: CliIo): Promise<number> {
  const source = inputSource(args, env.stdinIsTty);
  if (source.kind === 'text' && source.text.trim() === '') throw new UsageError('give the error text as an argument, a log file, or on standard input (k8sfix < pod.log)');
  // One broken catalogue file must not hide the other known issues: warn and match with the rest.
  const catalogue = await loadCatalogues(catalogueDirsFromEnv(process.env, args.catalogueDir ?? env.catalogueDir), { skipInvalid: true });
  for (const warning of catalogue.warnings) io.stderr(`k8sfix: warning: ${warning}\n`);
  for (const problem of catalogue.problems) io.stderr(`k8sfix: warning: skipped ${formatProblem(problem)}\n`);
  const matcher = createMatcher(catalogue);
  const checkClusters = args.allContexts || args.contexts.length > 0;
  // The command line speaks for this run, as --lang does over K8SFIX_LANG.
  const configured = args.platforms.length > 0 ? args.platforms : platformsFromEnv(process.env);
  // Asked clusters are asked first: the platforms they run are context for the match (a platform issue of a
  // platform none of them runs is less likely), and the same answers give the verdicts. Loaded only when asked:
  // the Kubernetes client is not needed to match text.
  let collection: ClusterCollection | undefined;
  let clusterPlatforms: string[] | undefined;
  if (checkClusters) {
    const check = await import('./cluster-check.js');
    collection = await check.collectClusters(clusterOptions(args));
    clusterPlatforms = check.platformsOfCollection(collection);
  }
  const options = { top: args.top, ...combinePlatforms(configured, clusterPlatforms) };

  let analysis: Analysis;
  let head: string;
  if (source.kind === 'text') {
    analysis = matcher.analyze(source.text, options);
    head = source.text.slice(0, 20_000);
  } else {
    const probe: StreamProbe = { nonBlank: false, head: '' };
    analysis = await matcher.analyzeStream(readInputs(source.names, env.stdin, probe), options);
    if (!probe.nonBlank) throw new UsageError('the input is empty: give the error text as an argument, a log file, or on standard input (k8sfix < pod.log)');
    head = probe.head;
  }
  const { matches, notes } = analysis;
  for (const note of notes) io.stderr(`k8sfix: note: ${note}\n`);
  const lang = resolveLang(args.lang, head, env.lang);

  const verdicts = collection && matches.length > 0 ? await clusterVerdicts(matches.map((m) => m.entry), args, collection) : undefined;

  if (args.json) {
    const json = matches.map((match) => ({ ...matchToJson(match, lang), clusters: verdicts?.get(match.id) ?? undefined }));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else if (matches.length === 0) {
    io.stdout(`${NO_MATCH_HINT[lang]}\n`);
  } else {
    const blocks = matches.map((match, i) => formatMatch(match, i + 1, lang, (verdicts?.get(match.id) ?? []).map((v) => v.line)));
    io.stdout(`${blocks.join('\n\n')}\n`);
  }
  return matches.length > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}

function clusterOptions(args: MatchArgs) {
  return { contexts: args.contexts, allContexts: args.allContexts };
}

async function clusterVerdicts(entries: CatalogueEntry[], args: MatchArgs, collection: ClusterCollection) {
  const { checkMatchesAgainstClusters } = await import('./cluster-check.js');
  return checkMatchesAgainstClusters(entries, clusterOptions(args), collection);
}
