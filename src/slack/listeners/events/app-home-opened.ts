import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderIntro } from '../../blocks/render-intro.js';
import type { Services } from '../../services.js';

/**
 * The Home tab says what k8sfix does and how to use it (the same words as the first DM's introduction), in the
 * person's language. Published each time the tab is opened, so it always names the current channels and clusters.
 */
export function appHomeOpened(services: Services) {
  return async function appHomeOpened({ event, client, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== 'home') return;
    try {
      const lang = await services.language.resolve({ text: '', user: event.user }, client);
      let contexts: string[] = [];
      try {
        contexts = services.clusters?.listContexts() ?? [];
      } catch {
        contexts = [];
      }
      const { blocks } = renderIntro({ incidentChannels: services.incidentChannels.describe(), contexts }, lang, 'home');
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
    } catch (error) {
      // Nobody can be told on a tab that failed to draw; Slack shows the last one published.
      logger.error(`k8sfix: could not publish the Home tab for ${event.user}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
