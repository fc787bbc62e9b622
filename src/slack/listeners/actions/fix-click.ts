import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { FixClick } from './show-fix-result.js';

/** The clicker and the message a button was on, as Slack's click payload says. */
export function fixClick(body: BlockAction<ButtonAction>): FixClick {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  const threadTs = body.message?.thread_ts as string | undefined;
  return { user: body.user.id, ...(channel ? { channel } : {}), ...(ts ? { ts } : {}), ...(threadTs ? { threadTs } : {}) };
}
