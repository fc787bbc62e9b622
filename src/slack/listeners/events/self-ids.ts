import type { Context } from '@slack/bolt';
import type { SelfIds } from '../../slack-message.js';

/** k8sfix's own ids: bot user and bot id from Bolt's auth.test, app id from the event envelope (`api_app_id`). */
export function selfIdsOf(context: Context, body: unknown): SelfIds {
  const appId = (body as { api_app_id?: unknown })?.api_app_id;
  return { botUserId: context.botUserId, botId: context.botId, appId: typeof appId === 'string' ? appId : undefined };
}
