import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { FeedbackMarkKind } from '../../../feedback/types.js';
import { section } from '../../blocks/render-parts.js';
import { inlineCode } from '../../escape.js';
import { postToResponseUrl } from '../../respond.js';
import type { Services } from '../../services.js';
import { reportFailure } from '../report-failure.js';

/**
 * "Right issue" / "Wrong issue" under a match: stores the presser's mark (a second press replaces it) and thanks
 * them privately. The button says only which stored answer and which of its matches; the issue id, confidence,
 * surface and input hash come from the store.
 */
export function markAnswer(services: Services, kind: FeedbackMarkKind) {
  return async function markAnswer({ ack, action, body, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const reply = async (message: { text: string; blocks: unknown[] }): Promise<void> => {
      if (body.response_url) {
        await postToResponseUrl(body.response_url, { ...message, response_type: 'ephemeral', replace_original: false }, { fetch: services.fetch });
      } else if (channel) {
        await client.chat.postEphemeral({ channel, user: body.user.id, ...message } as never);
      }
    };
    try {
      const [ref = '', index = ''] = (action.value ?? '').split(':');
      const result = /^\d{1,2}$/.test(index) ? await services.feedback.mark(ref, Number(index), body.user.id, kind) : undefined;
      if (!result) {
        await reply({ text: 'This answer can no longer be marked', blocks: [section(':hourglass: This answer can no longer be marked (marks are taken for 30 days after an answer).')] });
        return;
      }
      services.observe?.metrics.feedbackMarks.inc({ mark: kind });
      const id = inlineCode(result.mark.issue);
      const what = kind === 'right' ? 'the right issue' : 'the wrong issue';
      const text = result.previous
        ? `:white_check_mark: Changed: you now mark ${id} as ${what}.`
        : kind === 'right'
          ? `:white_check_mark: Thanks: you marked ${id} as the right issue.`
          : `:white_check_mark: Thanks: you marked ${id} as the wrong issue. The catalogue maintainers see it in \`k8sfix feedback report\`.`;
      await reply({ text: `Marked as ${what}`, blocks: [section(text)] });
    } catch (error) {
      await reportFailure(error, logger, reply);
    }
  };
}
