import type { AllMiddlewareArgs, SlackViewAction, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../services.js';
import { postApprovalRequest } from '../actions/post-approval-request.js';
import { readViewValues } from './read-view-values.js';

/**
 * The parameters modal submitted: each value is checked against the action's full-match pattern here (the
 * modal shows what is wrong, next to the field), then approvals.propose validates it again and plans.
 * Only the asked parameters are taken from the modal; the rest stay as the server resolved them.
 */
export function submitFixParams(services: Services) {
  return async function submitFixParams({ ack, body, view, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<SlackViewAction>): Promise<void> {
    const fix = services.fix;
    const proposal = fix ? await fix.proposals.load(view.private_metadata).catch(() => undefined) : undefined;
    const action = proposal ? fix?.actions.get(proposal.action) : undefined;
    if (!fix || !proposal || !action) {
      await ack({ response_action: 'errors', errors: { [view.blocks.find((b) => b.type === 'input')?.block_id ?? 'value']: 'This proposal is no longer stored; ask k8sfix again.' } });
      return;
    }
    const values = readViewValues(view);
    const params: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const ask of proposal.ask) {
      const value = (values[ask.name] ?? '').trim();
      const spec = action.params.find((p) => p.name === ask.name);
      if (!spec || !spec.pattern.test(value)) errors[ask.name] = `Not a valid ${ask.name}${spec ? `: ${spec.description.en}` : ''}`.slice(0, 150);
      else params[ask.name] = value;
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    try {
      const result = await fix.approvals.propose({ action: proposal.action, context: proposal.context, params: { ...params, ...proposal.params }, requester: body.user.id, ...(proposal.entryId ? { entryId: proposal.entryId } : {}) });
      await postApprovalRequest(fix, client, result, { channel: proposal.channel, user: body.user.id, ...(proposal.threadTs ? { threadTs: proposal.threadTs } : {}) });
    } catch (error) {
      logger.error(`k8sfix: a fix proposal from the modal failed: ${String(error)}`);
    }
  };
}
