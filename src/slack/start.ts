/** `npm start`: the Slack app from the environment. Exits at once, naming every variable to fix, when it cannot start. */
import { loadCatalogue } from '../index.js';
import { createMatchPool } from '../matcher/match-pool.js';
import { loadMatchPoolConfigFromEnv } from '../matcher/load-match-pool-config-from-env.js';
import { loadClusterConfigFromEnv } from '../clusters/index.js';
import { createStore } from '../store/create-store.js';
import { createSlackApp } from './app.js';
import { clusterCheckerFromEnv } from './cluster-checker-from-env.js';
import { loadSlackConfig } from './config.js';
import { isSlackConfigError } from './errors/slack-config-error.js';

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
  const clusters = store && clusterConfig ? attempt(() => clusterCheckerFromEnv(clusterConfig, store)) : undefined;
  if (!config || !store || !poolConfig || problems.length > 0) {
    console.error(`k8sfix cannot start the Slack app:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    await store?.close();
    process.exit(1);
  }
  const catalogue = await loadCatalogue(process.env.K8SFIX_CATALOGUE_DIR || undefined);
  // Pastes are read on worker threads with a time budget, so one huge or hostile paste cannot stop the app
  // from acknowledging requests and answering health checks.
  const matcher = createMatchPool({ catalogue, ...poolConfig });
  const slack = createSlackApp(config, { matcher, store, ...(clusters ? { clusters } : {}) });
  const { port } = await slack.start();
  const contexts = clusters?.listContexts() ?? [];
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
  console.error(`k8sfix: the Slack app stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
