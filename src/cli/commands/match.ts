import { formatProblem } from '../../catalogue/catalogue-error.js';
import { catalogueDirsFromEnv, loadCatalogues } from '../../catalogue/load-catalogues.js';
import type { CatalogueEntry } from '../../catalogue/types.js';
import { createMatcher } from '../../matcher/create-matcher.js';
import { EXIT_MATCH, EXIT_NO_MATCH, UsageError, type CliIo } from '../cli-io.js';
import { formatMatch, matchToJson } from '../format-match.js';
import type { MatchArgs } from '../parse-args.js';

const NO_MATCH_HINT = {
  en: 'No known issue matched. Paste the exact error line (from kubectl describe pod events, journalctl -u containerd or kubelet), not only the pod status.',
  ko: '일치하는 알려진 문제가 없습니다. 포드 상태만이 아니라 정확한 오류 줄(kubectl describe pod 이벤트, journalctl -u containerd 또는 kubelet 로그)을 붙여 넣으세요.',
} as const;

/** `k8sfix [options] <text>`: the known issues the text shows, and with --context whether they apply. */
export async function runMatchCommand(args: MatchArgs, readStdin: () => Promise<string | undefined>, io: CliIo): Promise<number> {
  const text = args.text.length > 0 ? args.text.join(' ') : await readStdin();
  if (text === undefined || text.trim() === '') {
    throw new UsageError('give the error text as an argument or on standard input (k8sfix < pod.log)');
  }
  // One broken catalogue file must not hide the other known issues: warn and match with the rest.
  const catalogue = await loadCatalogues(catalogueDirsFromEnv(process.env, args.catalogueDir), { skipInvalid: true });
  for (const problem of catalogue.problems) io.stderr(`k8sfix: warning: skipped ${formatProblem(problem)}\n`);
  const { matches, notes } = createMatcher(catalogue).analyze(text, { top: args.top });
  for (const note of notes) io.stderr(`k8sfix: note: ${note}\n`);

  const checkClusters = args.allContexts || args.contexts.length > 0;
  const verdicts = checkClusters && matches.length > 0 ? await clusterVerdicts(matches.map((m) => m.entry), args) : undefined;

  if (args.json) {
    const json = matches.map((match) => ({ ...matchToJson(match, args.lang), clusters: verdicts?.get(match.id) ?? undefined }));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else if (matches.length === 0) {
    io.stdout(`${NO_MATCH_HINT[args.lang]}\n`);
  } else {
    const blocks = matches.map((match, i) => formatMatch(match, i + 1, args.lang, (verdicts?.get(match.id) ?? []).map((v) => v.line)));
    io.stdout(`${blocks.join('\n\n')}\n`);
  }
  return matches.length > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}

async function clusterVerdicts(entries: CatalogueEntry[], args: MatchArgs) {
  // Loaded only when asked: the Kubernetes client is not needed to match text.
  const { checkMatchesAgainstClusters } = await import('./cluster-check.js');
  return checkMatchesAgainstClusters(entries, { contexts: args.contexts, allContexts: args.allContexts });
}
