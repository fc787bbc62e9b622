export const SLACK_CONFIG_INVALID = 'k8sfix_slack_config_invalid' as const;

/** The environment cannot start the Slack app. `problems` has one line per variable, each saying how to fix it. */
export class SlackConfigError extends Error {
  readonly code = SLACK_CONFIG_INVALID;

  constructor(readonly problems: string[]) {
    super(`k8sfix cannot start the Slack app:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SlackConfigError';
  }
}

export function isSlackConfigError(error: unknown): error is SlackConfigError {
  return error instanceof Error && (error as { code?: unknown }).code === SLACK_CONFIG_INVALID;
}
