import { catalogueDirsFromEnv, loadCatalogues } from '../../catalogue/load-catalogues.js';
import { buildFeedbackReport, formatFeedbackReport } from '../../feedback/feedback-report.js';
import { FeedbackStore } from '../../feedback/feedback-store.js';
import { createStore } from '../../store/create-store.js';
import { UsageError, type CliIo } from '../cli-io.js';

/**
 * `k8sfix feedback report [--json]`: the Right / Wrong marks people left under answers, per catalogue entry, the
 * most often wrong first, with the inputs kept for wrong ones. Reads the Redis the Slack app uses (REDIS_URL).
 */
export async function runFeedbackCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'report') throw new UsageError('use "k8sfix feedback report [--json]"');
  let json = false;
  for (const arg of rest) {
    if (arg === '--json') json = true;
    else throw new UsageError(`unknown argument for feedback report: ${arg}`);
  }
  if (!env.REDIS_URL?.trim()) {
    throw new UsageError(
      'feedback report reads the marks from Redis: set REDIS_URL to the Redis the Slack app uses (marks kept in one replica\'s memory cannot be read from outside)',
    );
  }
  const store = createStore(env);
  try {
    const marks = await new FeedbackStore(store).marks();
    const titles = new Map<string, string>();
    try {
      const catalogue = await loadCatalogues(catalogueDirsFromEnv(env), { skipInvalid: true });
      for (const entry of catalogue.entries) titles.set(entry.id, entry.title.en);
    } catch {
      // Titles are a convenience: the report stands on the ids alone.
    }
    const rows = buildFeedbackReport(marks, titles);
    io.stdout(json ? `${JSON.stringify(rows, null, 2)}\n` : formatFeedbackReport(rows));
    return 0;
  } finally {
    await store.close();
  }
}
