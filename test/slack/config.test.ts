import { describe, expect, test } from '@jest/globals';
import { channelNameMatches, loadSlackConfig } from '../../src/slack/config.js';
import { isSlackConfigError, type SlackConfigError } from '../../src/slack/errors/slack-config-error.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadSlackConfig(env);
  } catch (error) {
    if (isSlackConfigError(error)) return (error as SlackConfigError).problems;
    throw error;
  }
  return [];
}

describe('Slack configuration from the environment', () => {
  test('an empty environment names each missing variable and where to get it', () => {
    const found = problems({});
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^SLACK_BOT_TOKEN is missing: .*OAuth & Permissions/);
    expect(found[1]).toMatch(/^SLACK_SIGNING_SECRET is missing: .*Signing Secret.*or set SLACK_APP_TOKEN/);
  });

  test('Socket Mode needs no signing secret', () => {
    const config = loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.appToken).toBe('xapp-1');
    expect(config.signingSecret).toBeUndefined();
  });

  test('every malformed value is reported at once', () => {
    const found = problems({
      SLACK_BOT_TOKEN: 'xoxp-user',
      SLACK_APP_TOKEN: 'xoxb-wrong',
      SLACK_API_URL: 'ftp://x',
      K8SFIX_INCIDENT_CHANNELS: 'C0123ABCD, Bad Name!',
      K8SFIX_LANG: 'fr',
      K8SFIX_CHANNEL_RATE_LIMIT: '0',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });
    expect(found.map((p) => p.split(/[ =]/)[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'PORT',
      'SLACK_API_URL',
      'K8SFIX_INCIDENT_CHANNELS',
      'K8SFIX_LANG',
      'K8SFIX_CHANNEL_RATE_LIMIT',
      'LOG_LEVEL',
    ]);
  });

  test('a value that looks like a token, or a URL with credentials, is not repeated in the message', () => {
    const botToken = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
    const found = problems({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: botToken,
      PORT: '8f3a9c2e7b1d4f6a8c0e2b4d6f8a0c2e',
      K8SFIX_LANG: botToken,
    });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^PORT=\(a value that looks like a token \(32 characters\), not shown\) is not valid/);
    expect(found[1]).toMatch(/^SLACK_API_URL=\(a value that looks like a token .*\) is not an http\(s\) URL/);
    expect(found.join('\n')).not.toContain('AbCdEfGh');
    expect(found.join('\n')).not.toContain('8f3a9c2e');
    const [url] = problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://bot:s3cret-pass@proxy.example/api/?key=k3y' });
    expect(url).toMatch(/^SLACK_API_URL="ftp:\/\/\*\*\*@proxy\.example\/api\/\?…" is not an http\(s\) URL/);
    expect(url).not.toMatch(/s3cret|k3y/);
  });

  test('defaults, ids and name patterns', () => {
    const config = loadSlackConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      K8SFIX_INCIDENT_CHANNELS: 'C0123ABCD, #inc-*, G0PRIVATE1,Incident-*',
    });
    expect(config).toMatchObject({
      port: 3000,
      defaultLang: 'en',
      slackApiUrl: 'http://127.0.0.1:9/api/',
      incidentChannels: { ids: ['C0123ABCD', 'G0PRIVATE1'], patterns: ['inc-*', 'incident-*'] },
      channelRateLimit: 6,
      maxFileBytes: 5_000_000,
    });
  });

  test('the health port and feedback settings: defaults, and each malformed value named', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toMatchObject({ healthPort: 8081, feedbackKeepInput: false });
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', K8SFIX_HEALTH_PORT: '9090', K8SFIX_FEEDBACK_KEEP_INPUT: 'TRUE' })).toMatchObject({
      healthPort: 9090,
      feedbackKeepInput: true,
    });
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', K8SFIX_HEALTH_PORT: 'eighty', K8SFIX_FEEDBACK_KEEP_INPUT: 'yes' })).toEqual([
      'K8SFIX_HEALTH_PORT="eighty" is not valid: give a whole number from 0 to 65535, e.g. K8SFIX_HEALTH_PORT=8081',
      'K8SFIX_FEEDBACK_KEEP_INPUT="yes" is not valid: use true or false',
    ]);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8081' })).toEqual([
      'K8SFIX_HEALTH_PORT and PORT are both 8081: give the health side port another number (the events port serves /livez, /readyz and /metrics too)',
    ]);
  });

  test.each([
    ['https://slack.com/api/', 'https://slack.com/api/'],
    ['https://gateway.internal:8443/api', 'https://gateway.internal:8443/api/'],
    ['http://127.0.0.1:9/api', 'http://127.0.0.1:9/api/'],
    ['http://127.10.0.3/api/', 'http://127.10.0.3/api/'],
    ['http://localhost:3999/api/', 'http://localhost:3999/api/'],
    ['http://[::1]:3999/api/', 'http://[::1]:3999/api/'],
  ])('SLACK_API_URL=%s is accepted', (url, expected) => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: url }).slackApiUrl).toBe(expected);
  });

  test.each([
    'http://slack.com/api/',
    'http://10.0.0.5/api/',
    'http://127.0.0.1.evil.example/api/',
    'http://localhost.evil.example/api/',
    'http://user:hunter2@gateway.internal/api/',
  ])('SLACK_API_URL=%s is refused: the bot token would travel in clear', (url) => {
    const found = problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: url });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^SLACK_API_URL="http:\/\/[^"]*" uses http:\/\/, which would send the bot token in clear: use https:\/\//);
    expect(found[0]).not.toContain('hunter2');
  });

  test('stored-answer caps: defaults, values, and a clear line for a bad one', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(loadSlackConfig(base)).toMatchObject({ answersPerUser: 50, answersTotal: 10_000 });
    expect(loadSlackConfig({ ...base, K8SFIX_ANSWERS_PER_USER: '5', K8SFIX_ANSWERS_TOTAL: '500' })).toMatchObject({ answersPerUser: 5, answersTotal: 500 });
    expect(problems({ ...base, K8SFIX_ANSWERS_PER_USER: '0', K8SFIX_ANSWERS_TOTAL: 'lots' })).toEqual([
      'K8SFIX_ANSWERS_PER_USER="0" is not valid: give a whole number from 1 to 1000, e.g. K8SFIX_ANSWERS_PER_USER=50',
      'K8SFIX_ANSWERS_TOTAL="lots" is not valid: give a whole number from 10 to 1000000, e.g. K8SFIX_ANSWERS_TOTAL=10000',
    ]);
  });

  test('K8SFIX_INCIDENT_BOTS: bot ids and app ids, none by default; anything else is named with what to give', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(loadSlackConfig(base).incidentBots).toEqual({ botIds: [], appIds: [] });
    expect(loadSlackConfig({ ...base, K8SFIX_INCIDENT_BOTS: 'B0ALERTMGR, A0PAGERDTY,B012ABCDEF' }).incidentBots).toEqual({
      botIds: ['B0ALERTMGR', 'B012ABCDEF'],
      appIds: ['A0PAGERDTY'],
    });
    const [problem] = problems({ ...base, K8SFIX_INCIDENT_BOTS: 'B0ALERTMGR,alertmanager' });
    expect(problem).toMatch(/^K8SFIX_INCIDENT_BOTS has "alertmanager", which is neither a bot id \(B0123ABCD.*nor an app id \(A0123ABCD/);
  });

  test.each([
    ['inc-42', ['inc-*'], true],
    ['INC-42', ['inc-*'], true],
    ['incident', ['inc-*'], false],
    ['prod-inc-1', ['*-inc-*'], true],
    ['inc.x', ['inc-*'], false],
  ])('channel %s against %j: %s', (name, patterns, expected) => {
    expect(channelNameMatches(name, patterns)).toBe(expected);
  });
});
