/** Slack's answers that mean the token itself is wrong: retrying cannot help, a person must fix the setting. */
export const TOKEN_REJECTIONS = ['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive'] as const;

export const SLACK_TOKEN_REJECTED = 'k8sfix_slack_token_rejected' as const;

/**
 * Slack refused SLACK_BOT_TOKEN (auth.test) or SLACK_APP_TOKEN (apps.connections.open). The message is the one
 * line `npm start` prints: which variable, Slack's error, and what to do.
 */
export class SlackTokenRejectedError extends Error {
  readonly code = SLACK_TOKEN_REJECTED;

  constructor(
    readonly variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
    readonly slackError: string,
  ) {
    super(`k8sfix cannot start: ${variable} was rejected by Slack (${slackError}): ${advice(variable, slackError)}`);
    this.name = 'SlackTokenRejectedError';
  }
}

export function isSlackTokenRejectedError(error: unknown): error is SlackTokenRejectedError {
  return error instanceof SlackTokenRejectedError || (error instanceof Error && (error as { code?: unknown }).code === SLACK_TOKEN_REJECTED);
}

/** Slack's error code when `error` is a Web API answer rejecting the token, else undefined. */
export function tokenRejectionOf(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' && (TOKEN_REJECTIONS as readonly string[]).includes(code) ? code : undefined;
}

function advice(variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', error: string): string {
  if (variable === 'SLACK_APP_TOKEN') {
    return 'create an app-level token with the connections:write scope (api.slack.com/apps > your app > Basic Information > App-Level Tokens) and put it in SLACK_APP_TOKEN';
  }
  switch (error) {
    case 'token_revoked':
    case 'token_expired':
      return 'reinstall the app (api.slack.com/apps > your app > Install App) and copy the new Bot User OAuth Token (xoxb-...) into SLACK_BOT_TOKEN';
    case 'account_inactive':
      return 'the bot user or its workspace was deactivated: reinstall the app (api.slack.com/apps > your app > Install App) and copy the new Bot User OAuth Token into SLACK_BOT_TOKEN';
    default:
      return 'set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-...) of this workspace, copied whole, from api.slack.com/apps > your app > OAuth & Permissions';
  }
}
