/** Block Kit limits (https://api.slack.com/reference/block-kit): a message over any of them is rejected whole. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  /** Text of one context element (mrkdwn or plain). */
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  /** The top-level `text` of a message, which Slack shows in notifications. */
  messageText: 40000,
} as const;
