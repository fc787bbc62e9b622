import type { webApi } from '@slack/bolt';
import { runDeadline } from '../approvals/create-approvals.js';
import { recordFixAction } from '../observe/metrics.js';
import type { DueOutcome } from './expiry-timers.js';
import type { FixActions } from './fix-actions.js';
import { showFixResult } from './listeners/actions/show-fix-result.js';

/**
 * A request's expiry time has come: the approvals module ends it if nobody approved it (a compare-and-set, so a
 * click on another replica at the same moment wins or loses cleanly), and its message is updated in place. One
 * that is being run is looked at again when its run would be over, and ended as interrupted if it is not.
 */
export async function expireWhenDue(fix: FixActions, client: webApi.WebClient, requestId: string): Promise<DueOutcome> {
  const result = await fix.approvals.expire(requestId);
  if (result.ok) {
    if (fix.metrics) recordFixAction(fix.metrics, result.request.action, 'expired');
    // Nobody clicked: the message changes, and no one gets a private note.
    await showFixResult(fix, client, result, { user: '' });
    return { kind: 'ended' };
  }
  if (result.code === 'interrupted' && result.request) {
    // Its run was cut off by a replica that stopped: the message says so instead of "waiting" or "running".
    await showFixResult(fix, client, { ok: true, request: result.request }, { user: '' });
    return { kind: 'ended' };
  }
  if (result.code === 'store-unavailable') return { kind: 'again', at: 0, storeDown: true };
  const deadline = result.request && runDeadline(result.request, fix.config.verifyTimeoutMs);
  if (deadline !== undefined) return { kind: 'again', at: deadline };
  // Still pending and not yet due by this store's clock (another replica's clock, or a clock set back).
  if (result.request?.state === 'pending') return { kind: 'again', at: result.request.expiresAt };
  return { kind: 'done' };
}
