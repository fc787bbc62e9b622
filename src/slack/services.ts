import type { Logger } from '@slack/bolt';
import { withPlatforms } from '../matcher/with-platforms.js';
import { FeedbackStore } from '../feedback/feedback-store.js';
import type { AnyMatcher } from '../matcher/types.js';
import type { Observability } from '../observe/observability.js';
import type { Store } from '../store/store.js';
import { AnswerStore } from './answer-store.js';
import type { ClusterChecker } from './cluster-checker.js';
import { deploymentPlatforms } from './deployment-platforms.js';
import type { SlackConfig } from './config.js';
import { Deduper } from './dedupe.js';
import type { FixActions, FixActionsDeps } from './fix-actions.js';
import { IncidentChannels } from './incident-channels.js';
import { LanguageResolver } from './language.js';
import { ChannelRateLimiter } from './rate-limit.js';
import { SLACK_FILE_HOSTS } from './read-files.js';
import { ReplayGuard } from './http/replay-guard.js';
import { withLocalFallback, type ResilientStore } from './resilient-store.js';
import type { FetchFn } from './respond.js';

/** What the Slack app is built from, besides its configuration. */
export interface SlackDeps {
  matcher: AnyMatcher;
  /** Cluster facts and applicability; answers say "not checked" without it. */
  clusters?: ClusterChecker;
  /** Shared state (memory or Redis); wrapped so that an outage falls back to this process's memory. */
  store: Store;
  logger?: Logger;
  /** For response_url posts and file downloads. Default: global fetch. */
  fetch?: FetchFn;
  /** Fix actions (K8SFIX_ACTIONS=true): the actions, their settings and how they reach a cluster. */
  fixActions?: FixActionsDeps;
  /** Metrics, JSON logs, readiness and the health port; the app makes its own when absent. */
  observe?: Observability;
}

/** Everything a listener uses, built once per app. */
export interface Services {
  config: SlackConfig;
  matcher: AnyMatcher;
  clusters?: ClusterChecker;
  store: ResilientStore;
  dedupe: Deduper;
  /** Signed HTTP requests already seen, so a replay is refused on every replica. */
  replays: ReplayGuard;
  rateLimiter: ChannelRateLimiter;
  answers: AnswerStore;
  incidentChannels: IncidentChannels;
  language: LanguageResolver;
  fetch: FetchFn;
  trustedFileHosts: string[];
  logger?: Logger;
  /** Right / Wrong marks, on the shared store itself (no local fallback: a mark that cannot be kept is said so). */
  feedback: FeedbackStore;
  observe?: Observability;
  /** Fix actions, when enabled; built by createSlackApp on the shared store itself. */
  fix?: FixActions;
}

export function createServices(config: SlackConfig, deps: SlackDeps): Services {
  const store = withLocalFallback(deps.store, deps.logger ? { logger: deps.logger } : {});
  const trustedFileHosts = [...SLACK_FILE_HOSTS];
  if (config.slackApiUrl) trustedFileHosts.push(new URL(config.slackApiUrl).host);
  // Every answer is matched knowing the platforms this deployment serves: K8SFIX_PLATFORMS and the connected
  // clusters' platforms, recorded each time the clusters are asked.
  const platforms = deploymentPlatforms(config.platforms, deps.clusters);
  const services: Services = {
    config,
    matcher: withPlatforms(deps.matcher, platforms.source),
    store,
    dedupe: new Deduper(store),
    replays: new ReplayGuard(store),
    rateLimiter: new ChannelRateLimiter(store, config.channelRateLimit),
    answers: new AnswerStore(store, { perUser: config.answersPerUser, total: config.answersTotal }),
    incidentChannels: new IncidentChannels(config.incidentChannels, store, deps.logger),
    language: new LanguageResolver(config.defaultLang, store, deps.logger),
    fetch: deps.fetch ?? globalThis.fetch,
    trustedFileHosts,
    feedback: new FeedbackStore(deps.store, { keepInput: config.feedbackKeepInput }),
  };
  if (deps.observe) services.observe = deps.observe;
  if (platforms.clusters) services.clusters = platforms.clusters;
  if (deps.logger) services.logger = deps.logger;
  return services;
}
