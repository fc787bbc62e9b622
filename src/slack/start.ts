/** `npm start`: the Slack app from the environment. Exits at once, naming every variable to fix, when it cannot start. */
import { formatProblem, isCatalogueError } from '../catalogue/catalogue-error.js';
import { catalogueDirsFromEnv, loadCatalogues } from '../catalogue/load-catalogues.js';
import { createObservability } from '../observe/observability.js';
import { createMatchPool } from '../matcher/match-pool.js';
import { loadMatchPoolConfigFromEnv } from '../matcher/load-match-pool-config-from-env.js';
import { loadClusterConfigFromEnv } from '../clusters/index.js';
import { createStore } from '../store/create-store.js';
import { ACTIONS_BY_ID } from '../../handlers/registry.js';
import { createActionContext } from '../actions/create-action-context.js';
import { loadActionsConfigFromEnv } from '../approvals/load-actions-config-from-env.js';
import { KubeClientFactory } from '../clusters/kube-client-factory.js';
import { createSlackApp } from './app.js';
import { currentVerdictFrom } from './current-verdict.js';
import { clusterCheckerFromEnv } from './cluster-checker-from-env.js';
import { loadSlackConfig } from './config.js';
import { isSlackConfigError } from './errors/slack-config-error.js';
import { isSlackTokenRejectedError } from './errors/slack-token-rejected-error.js';

async function main(): Promise<void> {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (isSlackConfigError(error)) problems.push(...error.problems);
      else problems.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  const config = attempt(() => loadSlackConfig(process.env));
  const store = attempt(() => createStore(process.env));
  const clusterConfig = attempt(() => loadClusterConfigFromEnv(process.env));
  const poolConfig = attempt(() => loadMatchPoolConfigFromEnv(process.env));
  const actionsConfig = attempt(() => loadActionsConfigFromEnv(process.env));
  const clusters = store && clusterConfig ? attempt(() => clusterCheckerFromEnv(clusterConfig, store)) : undefined;
  if (!config || !store || !poolConfig || problems.length > 0) {
    console.error(`k8sfix cannot start the Slack app:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    await store?.close();
    process.exit(1);
  }
  // The health port opens first: /livez answers while the catalogue loads and Slack is reached, /readyz says why not yet.
  const observe = createObservability({ level: config.logLevel });
  observe.readiness.set('catalogue', false, 'loading');
  observe.readiness.set('slack', false, 'not connected yet');
  const healthPort = await observe.health.listen(config.healthPort);
  observe.logger.info({ healthPort }, `k8sfix: /livez, /readyz and /metrics on port ${healthPort}`);
  const dirs = catalogueDirsFromEnv(process.env);
  // One broken entry must not take the others down: it is left out with a warning naming its file and field.
  const catalogue = await loadCatalogues(dirs, { skipInvalid: true });
  for (const problem of catalogue.problems) observe.logger.warn({ file: problem.file, field: problem.field }, `k8sfix: catalogue entry skipped: ${formatProblem(problem)}`);
  // Pastes are read on worker threads with a time budget, so one huge or hostile paste cannot stop the app
  // from acknowledging requests and answering health checks.
  const matcher = createMatchPool({ catalogue, ...poolConfig });
  // Fix actions (K8SFIX_ACTIONS=true) reach the same kubeconfig contexts as the checks, with their own clients.
  const fixActions =
    actionsConfig?.enabled && clusterConfig
      ? (() => {
          const factory = new KubeClientFactory(clusterConfig.kubeconfig !== undefined ? { kubeconfig: clusterConfig.kubeconfig } : {});
          return {
            config: actionsConfig,
            actions: ACTIONS_BY_ID,
            actionContext: (context: string, approver?: string) => createActionContext(factory, actionsConfig, context, approver),
            ...(clusters ? { currentVerdict: currentVerdictFrom(clusters, catalogue.entries) } : {}),
          };
        })()
      : undefined;
  const slack = createSlackApp(config, { matcher, store, observe, ...(clusters ? { clusters } : {}), ...(fixActions ? { fixActions } : {}) });
  observe.readiness.set('catalogue', true, `${catalogue.entries.length} entries from ${dirs.join(', ')}`);
  let port: number | undefined;
  try {
    ({ port } = await slack.start());
  } catch (error) {
    if (!isSlackTokenRejectedError(error)) throw error;
    // One line saying what to fix, and exit 1: retrying a rejected token would only crash-loop the pod.
    console.error(error.message);
    process.exit(1);
  }
  const contexts = clusters?.listContexts() ?? [];
  // Ask the clusters once at start, so the first paste is matched knowing the platforms they run. A cluster that
  // does not answer is only not known yet: answers ask again.
  void slack.services.clusters?.collect().catch(() => undefined);
  console.log(
    `k8sfix: ${catalogue.entries.length} known issues, ` +
      `${contexts.length > 0 ? `clusters ${contexts.join(', ')}` : 'no clusters connected'}, ` +
      `${slack.mode === 'socket' ? 'connected over Socket Mode' : `listening on port ${port} at /slack/events`}`,
  );
  const shutdown = (signal: string) => {
    console.log(`k8sfix: ${signal}, stopping`);
    Promise.all([slack.stop(), matcher.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (isCatalogueError(error)) console.error(`k8sfix cannot start: ${error.message}`);
  else console.error(`k8sfix: the Slack app stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
