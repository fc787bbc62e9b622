import type { webApi } from '@slack/bolt';
import type { FixActions } from '../../fix-actions.js';
import { showFixResult, type FixClick } from './show-fix-result.js';

/**
 * One approval, shown: when it is the last one needed, the request's message turns to "Running" (buttons gone)
 * as soon as the run starts sending, then to how it ended. The end waits for the "Running" update, so the two
 * never arrive in the wrong order; the run itself never waits for Slack.
 */
export async function approveAndShow(fix: FixActions, client: webApi.WebClient, requestId: string, click: FixClick, reason?: string): Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const result = await fix.approvals.approve(requestId, click.user, reason, {
    running: (request) => {
      running = showFixResult(fix, client, { ok: true, request }, { user: click.user }).catch(() => undefined);
    },
  });
  await running;
  await showFixResult(fix, client, result, click);
}
