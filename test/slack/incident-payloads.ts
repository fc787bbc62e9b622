/**
 * Message events as Slack delivers them for the posts an incident channel really gets. Each builder says where
 * its shape comes from; the values (ids, names, the error) are ours.
 */
import { INCIDENT_CHANNEL } from './harness.js';

/** The FailedCreatePodSandBox line of the harness's paste: what a kubelet event alert carries as its description. */
export const SANDBOX_ERROR =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5d41c2a1e0b7": plugin type="gke" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.48.131.1-10.48.131.62';

export const ALERTMANAGER_BOT_ID = 'B0ALERTMGR';
export const PAGERDUTY_APP_ID = 'A0PAGERDTY';
export const PAGERDUTY_BOT_ID = 'B0PAGERDTY';
export const ROBUSTA_APP_ID = 'A0ROBUSTA1';

let ts = 1700100000;
export const nextTs = (): string => `${ts++}.000200`;

/**
 * Alertmanager's Slack notifier posting through an incoming webhook.
 * - Event: Slack's `bot_message` reference (docs.slack.dev/reference/events/message/bot_message): `type`,
 *   `subtype: bot_message`, `ts`, `text`, `bot_id`, `username`, `icons`; no `user`.
 * - Attachment: what prometheus/alertmanager `notify/slack/slack.go` sends: one attachment with `title`,
 *   `title_link`, `pretext`, `text`, `fallback`, `callback_id`, `footer`, `color` and `mrkdwn_in`
 *   `["fallback","pretext","text"]`, and no top-level text, so Slack stores `text: ""`.
 * - Title and text: the common template from prometheus.io's notification examples and the Alertmanager
 *   templates people share (`*Alert:* … *Description:* … *Details:*` then one ` • *label:* \`value\`` per label).
 */
export function alertmanagerMessage(fields: { botId?: string; cluster?: string; description?: string } = {}): Record<string, unknown> {
  const labels = { alertname: 'KubePodSandboxFailing', severity: 'critical', pod: 'cart-7d9f8b6c5d-x2x9q', namespace: 'shop', node: 'gke-prod-default-pool-1a2b3c4d-9xyz', cluster: fields.cluster ?? 'gke-prod-eu' };
  const details = Object.entries(labels).map(([name, value]) => ` • *${name}:* \`${value}\``).join('\n');
  return {
    type: 'message',
    subtype: 'bot_message',
    channel: INCIDENT_CHANNEL,
    channel_type: 'channel',
    ts: nextTs(),
    text: '',
    bot_id: fields.botId ?? ALERTMANAGER_BOT_ID,
    username: 'Alertmanager',
    icons: { emoji: ':fire:' },
    attachments: [
      {
        id: 1,
        color: 'danger',
        title: '[FIRING:1] KubePodSandboxFailing shop (cart-7d9f8b6c5d-x2x9q critical)',
        title_link: 'http://alertmanager.monitoring:9093/#/alerts?receiver=slack-incidents',
        pretext: '',
        text: `*Alert:* Pod sandbox cannot be created - \`critical\`\n*Description:* ${fields.description ?? SANDBOX_ERROR}\n*Details:*\n${details}`,
        fallback: '[FIRING:1] KubePodSandboxFailing shop (cart-7d9f8b6c5d-x2x9q critical) | http://alertmanager.monitoring:9093/#/alerts?receiver=slack-incidents',
        callback_id: '',
        footer: '',
        mrkdwn_in: ['fallback', 'pretext', 'text'],
      },
    ],
  };
}

/**
 * A PagerDuty-style app post: an app posting with chat.postMessage arrives as a plain message from its bot user
 * with `bot_id`, `app_id` and `bot_profile` and no subtype (Slack's GenericMessageEvent in @slack/types, and the
 * message event reference), the notification `text` a short fallback, and the incident in a legacy attachment
 * with `title`, `text` and `fields[].title/value/short` (Slack's message-attachments reference).
 */
export function pagerDutyMessage(): Record<string, unknown> {
  return {
    type: 'message',
    channel: INCIDENT_CHANNEL,
    channel_type: 'channel',
    user: 'U0PDBOT01',
    bot_id: PAGERDUTY_BOT_ID,
    app_id: PAGERDUTY_APP_ID,
    bot_profile: { id: PAGERDUTY_BOT_ID, app_id: PAGERDUTY_APP_ID, name: 'PagerDuty', deleted: false, team_id: 'T0001' },
    team: 'T0001',
    ts: nextTs(),
    text: 'Triggered #4821: Pods cannot start on shop/cart',
    attachments: [
      {
        id: 1,
        color: 'a8171c',
        fallback: 'Triggered #4821: Pods cannot start on shop/cart',
        title: '#4821: Pods cannot start on shop/cart',
        title_link: 'https://example.pagerduty.com/incidents/Q1ABCDEF',
        text: 'Assigned to Alice (on call) · Urgency: high',
        fields: [
          { title: 'Service', value: 'shop-cart', short: true },
          { title: 'Cluster', value: 'gke-prod-eu', short: true },
          { title: 'Details', value: SANDBOX_ERROR, short: false },
        ],
      },
    ],
  };
}

/**
 * A Robusta finding, as robusta-dev/robusta `src/robusta/integrations/slack/sender.py` posts it:
 * `chat_postMessage(text=<title>, blocks=[mrkdwn sections: the status/severity/title line, "*Source:* \`<cluster>\`",
 * ":rotating_light: *Alert:* <description>", ..., divider], attachments=[{color, blocks: [enrichment sections]}])`,
 * arriving as an app's message (`user`, `bot_id`, `app_id`, no subtype). The pod's events are an attachment block.
 */
export function robustaMessage(cluster = 'gke-prod-eu'): Record<string, unknown> {
  const mrkdwn = (text: string) => ({ type: 'section', block_id: `b${Math.random().toString(36).slice(2, 6)}`, text: { type: 'mrkdwn', text, verbatim: false } });
  return {
    type: 'message',
    channel: INCIDENT_CHANNEL,
    channel_type: 'channel',
    user: 'U0ROBUSTA',
    bot_id: 'B0ROBUSTA1',
    app_id: ROBUSTA_APP_ID,
    ts: nextTs(),
    text: 'Pod cart-7d9f8b6c5d-x2x9q cannot start',
    blocks: [
      mrkdwn(':red_circle: `firing` :large_red_square: `high` Pod cart-7d9f8b6c5d-x2x9q cannot start'),
      mrkdwn(`*Source:* \`${cluster}\``),
      mrkdwn(':rotating_light: *Alert:* Pod sandbox creation keeps failing'),
      { type: 'divider', block_id: 'dv1' },
    ],
    attachments: [
      {
        id: 1,
        color: '#EF311F',
        fallback: '[no preview available]',
        blocks: [mrkdwn(`*Pod events:*\n\`\`\`Warning  FailedCreatePodSandBox  90s (x12 over 2m)  kubelet  ${SANDBOX_ERROR}\`\`\``)],
      },
    ],
  };
}

/**
 * A message whose text exists only in blocks (a workflow or another client): `text` empty, a `rich_text` block
 * with a `rich_text_section` and a `rich_text_preformatted` element of `text` runs (Slack's rich text block
 * reference, docs.slack.dev/reference/block-kit/blocks/rich-text-block).
 */
export function richTextOnlyMessage(user = 'U0USER001'): Record<string, unknown> {
  return {
    type: 'message',
    channel: INCIDENT_CHANNEL,
    channel_type: 'channel',
    user,
    ts: nextTs(),
    text: '',
    blocks: [
      {
        type: 'rich_text',
        block_id: 'Xy9z',
        elements: [
          { type: 'rich_text_section', elements: [{ type: 'text', text: 'cart pods on prod are stuck, kubelet says:' }] },
          { type: 'rich_text_preformatted', border: 0, elements: [{ type: 'text', text: `Warning  FailedCreatePodSandBox  90s (x12 over 2m)  kubelet  ${SANDBOX_ERROR}` }] },
        ],
      },
    ],
  };
}

/**
 * A file shared in a Slack Connect channel: Slack sends a stub (`mode: file_access`, `file_access:
 * check_file_info`, no name, type or URL) and the app must call files.info (Slack's file_share reference,
 * "Slack Connect files"; the stub's fields as a Bolt app receives them).
 */
export function slackConnectFileShare(fileId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    subtype: 'file_share',
    channel: INCIDENT_CHANNEL,
    channel_type: 'channel',
    user: 'U0EXTERN1',
    ts: nextTs(),
    text: '',
    upload: false,
    display_as_bot: false,
    files: [{ id: fileId, mode: 'file_access', file_access: 'check_file_info', created: 0, timestamp: 0, user: '' }],
    ...fields,
  };
}

/** The full file object files.info answers for a text file (Slack's file object reference: mode hosted, url_private...). */
export function hostedTextFile(name: string, url: string, size: number): Record<string, unknown> {
  return { name, title: name, mimetype: 'text/plain', filetype: 'text', pretty_type: 'Plain Text', size, mode: 'hosted', is_external: false, url_private: url, url_private_download: url };
}

/**
 * An edit: `message_changed` as Slack's reference shows it (docs.slack.dev/reference/events/message/message_changed):
 * `hidden: true`, the channel, the event's own `ts`, `message` as it is now (with `edited.user/ts`) and
 * `previous_message` as it was.
 */
export function messageChanged(original: Record<string, unknown>, newText: string, editedAtSeconds: number): Record<string, unknown> {
  const editTs = `${editedAtSeconds}.000000`;
  const { channel, channel_type: _type, ...rest } = original;
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel,
    channel_type: 'channel',
    ts: `${editedAtSeconds}.000300`,
    event_ts: `${editedAtSeconds}.000300`,
    message: { ...rest, type: 'message', text: newText, edited: { user: original.user, ts: editTs } },
    previous_message: { ...rest, type: 'message' },
  };
}

/** A direct message to the bot: a message event in a `D…` channel with `channel_type: im` (Slack's message.im reference). */
export function directMessage(text: string, user = 'U0USER001'): Record<string, unknown> {
  return { type: 'message', channel: 'D0DM00001', channel_type: 'im', user, text, ts: nextTs(), client_msg_id: `c-${Math.random().toString(36).slice(2)}` };
}
