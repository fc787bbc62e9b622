import type { BlockAction, ButtonAction } from '@slack/bolt';
import { isRequestId } from '../../../approvals/request-store.js';
import type { Block } from '../../blocks/types.js';
import type { FixClick } from './show-fix-result.js';

/** Whether a block is an actions block holding a button with this value. */
function holdsButton(block: unknown, value: string): boolean {
  if (typeof block !== 'object' || block === null) return false;
  const { type, elements } = block as { type?: unknown; elements?: unknown };
  return type === 'actions' && Array.isArray(elements) && elements.some((element) => typeof element === 'object' && element !== null && (element as { value?: unknown }).value === value);
}

/** The clicker and the message a button was on, as Slack's click payload says. */
export function fixClick(body: BlockAction<ButtonAction>): FixClick {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  const threadTs = body.message?.thread_ts as string | undefined;
  // Slack's own copy of the clicked message, when its buttons carry the request id that was clicked: that message
  // is the request's, so it may be updated when the request turns out to be gone. A value that is not on it (a
  // tampered payload) never changes the message.
  const value = body.actions[0]?.value;
  const blocks = body.message?.blocks as unknown[] | undefined;
  const onMessage =
    value !== undefined && isRequestId(value) && Array.isArray(blocks) && blocks.some((block) => holdsButton(block, value))
      ? { requestId: value, blocks: blocks as Block[], text: typeof body.message?.text === 'string' ? body.message.text : '' }
      : undefined;
  return { user: body.user.id, ...(channel ? { channel } : {}), ...(ts ? { ts } : {}), ...(threadTs ? { threadTs } : {}), ...(onMessage ? { onMessage } : {}) };
}
