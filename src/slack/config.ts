import type { Lang } from '../catalogue/types.js';
import { platformsFromEnv } from '../matcher/platforms-from-env.js';
import { quoteSettingValue } from '../clusters/quote-setting-value.js';
import { SlackConfigError } from './errors/slack-config-error.js';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

/** The Slack app's settings, read from the environment by {@link loadSlackConfig}. */
export interface SlackConfig {
  /** `SLACK_BOT_TOKEN` (xoxb-): every Web API call. Required. */
  botToken: string;
  /** `SLACK_APP_TOKEN` (xapp-, scope connections:write): when set, the app connects over Socket Mode. */
  appToken?: string;
  /** `SLACK_SIGNING_SECRET`: verifies HTTP requests. Required without SLACK_APP_TOKEN. */
  signingSecret?: string;
  /** `PORT`: where the HTTP receiver listens. Default 3000. */
  port: number;
  /** `SLACK_API_URL`: base URL of the Web API, ending in `/`; https://, or http:// to a loopback address only. Default `https://slack.com/api/`. */
  slackApiUrl?: string;
  /** `K8SFIX_INCIDENT_CHANNELS`: channel ids and name patterns whose messages are annotated unasked. Default none. */
  incidentChannels: { ids: string[]; patterns: string[] };
  /**
   * `K8SFIX_INCIDENT_BOTS`: bot ids (B…) and app ids (A…) whose posts in incident channels are read like a
   * person's (Alertmanager, PagerDuty, Robusta...). k8sfix's own posts never are. Default none.
   */
  incidentBots: { botIds: string[]; appIds: string[] };
  /** `K8SFIX_LANG`: the answer language when neither the user nor the text says otherwise. Default en. */
  defaultLang: Lang;
  /** `K8SFIX_MAX_FILE_BYTES`: of a larger shared file only the last this many bytes are read (logs are newest-last). Default 5000000. */
  maxFileBytes: number;
  /** `K8SFIX_CHANNEL_RATE_LIMIT`: at most this many unasked replies per incident channel per minute. Default 6. */
  channelRateLimit: number;
  /** `K8SFIX_CLUSTER_WAIT_MS`: how long an answer waits for cluster facts before it is posted and updated later. Default 2000. */
  clusterWaitMs: number;
  /** `K8SFIX_ANSWERS_PER_USER`: stored answers (behind buttons) kept per user; the oldest go first. Default 50. */
  answersPerUser: number;
  /** `K8SFIX_ANSWERS_TOTAL`: stored answers kept in all; the oldest go first. Default 10000. */
  answersTotal: number;
  /** `K8SFIX_PLATFORMS`: the platforms this deployment serves; a platform issue of one of them counts as placed. */
  platforms?: string[];
  /** `LOG_LEVEL`: debug, info, warn or error. Default info. */
  logLevel: LogLevelName;
  /** `K8SFIX_HEALTH_PORT`: the side port serving /livez, /readyz and /metrics in both modes. Default 8081; 0 any free port. */
  healthPort: number;
  /** `K8SFIX_FEEDBACK_KEEP_INPUT`: keep the pasted text with a Right/Wrong mark (else only its SHA-256). Default false. */
  feedbackKeepInput: boolean;
}

const LANGS: readonly string[] = ['en', 'ko'];
const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'];

/**
 * Reads and validates the Slack app's environment. Collects every problem before throwing, so one start shows
 * everything to fix; each message names the variable and where to find its value.
 */
export function loadSlackConfig(env: NodeJS.ProcessEnv = process.env): SlackConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const botToken = read('SLACK_BOT_TOKEN');
  if (!botToken) {
    problems.push(
      'SLACK_BOT_TOKEN is missing: install the app to your workspace and copy the "Bot User OAuth Token" (xoxb-...) ' +
        'from api.slack.com/apps > your app > OAuth & Permissions',
    );
  } else if (!botToken.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions > Bot User OAuth Token), not a user or app token');
  }

  const appToken = read('SLACK_APP_TOKEN');
  if (appToken && !appToken.startsWith('xapp-')) {
    problems.push(
      'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write)',
    );
  }
  const signingSecret = read('SLACK_SIGNING_SECRET');
  if (!appToken && !signingSecret) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: the app runs over HTTP when SLACK_APP_TOKEN is not set and needs it to verify requests; ' +
        'copy it from api.slack.com/apps > your app > Basic Information > App Credentials > Signing Secret, ' +
        'or set SLACK_APP_TOKEN (xapp-..., Basic Information > App-Level Tokens with connections:write) to use Socket Mode instead',
    );
  }

  const port = readInt(read('PORT'), 'PORT', 0, 65535, 3000, '3000', problems);

  let slackApiUrl: string | undefined;
  const apiUrl = read('SLACK_API_URL');
  if (apiUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(apiUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      problems.push(`SLACK_API_URL=${quoteSettingValue(apiUrl)} is not an http(s) URL: use the Web API base, e.g. https://slack.com/api/, or unset it`);
    } else if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
      // The bot token rides on every Web API call: over plain http it would cross the network in clear.
      problems.push(
        `SLACK_API_URL="${parsed.origin}" uses http://, which would send the bot token in clear: use https:// ` +
          '(http:// is accepted only for a loopback address such as 127.0.0.1 or localhost)',
      );
    } else slackApiUrl = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  }

  const incidentChannels = parseIncidentChannels(read('K8SFIX_INCIDENT_CHANNELS'), problems);
  const incidentBots = parseIncidentBots(read('K8SFIX_INCIDENT_BOTS'), problems);

  const lang = read('K8SFIX_LANG')?.toLowerCase() ?? 'en';
  if (!LANGS.includes(lang)) problems.push(`K8SFIX_LANG=${quoteSettingValue(lang)} is not supported: use en or ko`);

  const maxFileBytes = readInt(read('K8SFIX_MAX_FILE_BYTES'), 'K8SFIX_MAX_FILE_BYTES', 1024, 50_000_000, 5_000_000, '5000000', problems);
  const channelRateLimit = readInt(read('K8SFIX_CHANNEL_RATE_LIMIT'), 'K8SFIX_CHANNEL_RATE_LIMIT', 1, 1000, 6, '6', problems);
  const clusterWaitMs = readInt(read('K8SFIX_CLUSTER_WAIT_MS'), 'K8SFIX_CLUSTER_WAIT_MS', 0, 60_000, 2000, '2000', problems);
  const answersPerUser = readInt(read('K8SFIX_ANSWERS_PER_USER'), 'K8SFIX_ANSWERS_PER_USER', 1, 1000, 50, '50', problems);
  const answersTotal = readInt(read('K8SFIX_ANSWERS_TOTAL'), 'K8SFIX_ANSWERS_TOTAL', 10, 1_000_000, 10_000, '10000', problems);

  const logLevel = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${quoteSettingValue(logLevel)} is not a level: use debug, info, warn or error`);

  const healthPort = readInt(read('K8SFIX_HEALTH_PORT'), 'K8SFIX_HEALTH_PORT', 0, 65535, 8081, '8081', problems);
  if (!appToken && healthPort !== 0 && healthPort === port) {
    problems.push(`K8SFIX_HEALTH_PORT and PORT are both ${port}: give the health side port another number (the events port serves /livez, /readyz and /metrics too)`);
  }
  const keepInput = read('K8SFIX_FEEDBACK_KEEP_INPUT')?.toLowerCase() ?? 'false';
  if (keepInput !== 'true' && keepInput !== 'false') problems.push(`K8SFIX_FEEDBACK_KEEP_INPUT=${quoteSettingValue(keepInput)} is not valid: use true or false`);

  let platforms: string[] | undefined;
  try {
    platforms = platformsFromEnv(env);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }

  if (problems.length > 0) throw new SlackConfigError(problems);
  const config: SlackConfig = {
    botToken: botToken as string,
    port,
    incidentChannels,
    incidentBots,
    defaultLang: lang as Lang,
    maxFileBytes,
    channelRateLimit,
    clusterWaitMs,
    answersPerUser,
    answersTotal,
    logLevel: logLevel as LogLevelName,
    healthPort,
    feedbackKeepInput: keepInput === 'true',
  };
  if (appToken) config.appToken = appToken;
  if (signingSecret) config.signingSecret = signingSecret;
  if (slackApiUrl) config.slackApiUrl = slackApiUrl;
  if (platforms) config.platforms = platforms;
  return config;
}

/**
 * `C0123ABCD, G0123ABCD` (ids) and `inc-*`, `#incident-*` (name patterns, `*` any run of characters).
 * Ids are upper-case letters and digits starting with C or G; anything else is a name pattern.
 */
function parseIncidentChannels(raw: string | undefined, problems: string[]): SlackConfig['incidentChannels'] {
  const result = { ids: [] as string[], patterns: [] as string[] };
  if (!raw) return result;
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (/^[CG][A-Z0-9]{6,}$/.test(item)) result.ids.push(item);
    else {
      const name = item.replace(/^#/, '').toLowerCase();
      if (!/^[a-z0-9_*-][a-z0-9_*.-]{0,79}$/.test(name)) {
        problems.push(
          `K8SFIX_INCIDENT_CHANNELS has ${quoteSettingValue(item)}, which is neither a channel id (C0123ABCD, from the channel's details) ` +
            'nor a channel name pattern (lower-case letters, digits, - and _, with * for any run, e.g. inc-*)',
        );
      } else result.patterns.push(name);
    }
  }
  return result;
}

/** `B0123ABCD` (a bot id, as in a message's `bot_id`) and `A0123ABCD` (an app id, as in its `app_id`). */
function parseIncidentBots(raw: string | undefined, problems: string[]): SlackConfig['incidentBots'] {
  const result = { botIds: [] as string[], appIds: [] as string[] };
  if (!raw) return result;
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (/^B[A-Z0-9]{6,}$/.test(item)) result.botIds.push(item);
    else if (/^A[A-Z0-9]{6,}$/.test(item)) result.appIds.push(item);
    else {
      problems.push(
        `K8SFIX_INCIDENT_BOTS has ${quoteSettingValue(item)}, which is neither a bot id (B0123ABCD, the bot_id of the bot's messages) ` +
          'nor an app id (A0123ABCD, api.slack.com/apps > the app > Basic Information > App ID)',
      );
    }
  }
  return result;
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function readInt(raw: string | undefined, name: string, min: number, max: number, fallback: number, example: string, problems: string[]): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name}=${quoteSettingValue(raw)} is not valid: give a whole number from ${min} to ${max}, e.g. ${name}=${example}`);
    return fallback;
  }
  return value;
}

/** True when a channel name matches one of the patterns (`*` stands for any run of characters). */
export function channelNameMatches(name: string, patterns: string[]): boolean {
  const lower = name.toLowerCase();
  return patterns.some((pattern) => globMatches(pattern, lower));
}

/**
 * `*` globbing without a regex: the parts between stars are found in order, each at its first place after the
 * one before (which is enough for `*`), so `*-*-*-*` costs a few scans, not a backtracking search.
 */
function globMatches(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first) || text.length < first.length + last.length) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = text.indexOf(middle, at);
    if (found === -1 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return text.endsWith(last) && at <= end;
}
