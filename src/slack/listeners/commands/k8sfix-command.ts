import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderClusters } from '../../blocks/render-clusters.js';
import { fallbackText } from '../../blocks/fallback-text.js';
import { renderHelp } from '../../blocks/render-help.js';
import { section } from '../../blocks/render-parts.js';
import { answerViaResponseUrl } from '../../deliver.js';
import { escapeInline, slackTextToPlain } from '../../escape.js';
import { parseCommand } from '../../parse-command.js';
import { postToResponseUrl } from '../../respond.js';
import { connectedContexts } from '../../cluster-checker.js';
import type { Services } from '../../services.js';
import { reportFailure } from '../report-failure.js';

export const COMMAND = '/k8sfix';

/**
 * `/k8sfix <error>`, `/k8sfix help`, `/k8sfix clusters`. Acknowledges at once with no body (Slack allows 3 s and
 * the matcher and clusters may take longer), then answers through the command's response_url.
 */
export function k8sfixCommand(services: Services) {
  return async function k8sfixCommand({ ack, command, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    await ack();
    const reply = (message: { text: string; blocks?: unknown[] }) =>
      postToResponseUrl(command.response_url, { ...message, response_type: 'ephemeral' }, { fetch: services.fetch });
    try {
      const text = slackTextToPlain(command.text ?? '');
      const parsed = parseCommand(text);
      switch (parsed.kind) {
        case 'help': {
          const lang = await services.language.resolve({ text: '', user: command.user_id }, client);
          const contexts = connectedContexts(services.clusters);
          await reply(renderHelp({ incidentChannels: services.incidentChannels.describe(), contexts }, lang));
          return;
        }
        case 'invalid':
          await reply({ text: fallbackText(parsed.message), blocks: [section(`:information_source: ${escapeInline(parsed.message)}. Try \`/k8sfix help\`.`)] });
          return;
        case 'clusters': {
          if (!services.clusters) {
            await reply(renderClusters(undefined, undefined));
            return;
          }
          const reports = await services.clusters.collect(parsed.clusterNames.length > 0 ? parsed.clusterNames : undefined);
          await reply(renderClusters(reports, services.clusters.formatClustersTable?.(reports)));
          return;
        }
        case 'answer': {
          const lang = await services.language.resolve({ flag: parsed.lang, text: parsed.text, user: command.user_id }, client);
          await answerViaResponseUrl(
            services,
            command.response_url,
            { text: parsed.text, lang, clusterNames: parsed.clusterNames, ...(parsed.top !== undefined ? { top: parsed.top } : {}) },
            { user: command.user_id, channel: command.channel_id },
          );
          return;
        }
      }
    } catch (error) {
      await reportFailure(error, logger, (message) => reply(message));
    }
  };
}
