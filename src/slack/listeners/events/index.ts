import type { App } from '@slack/bolt';
import type { Services } from '../../services.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { directMessage } from './direct-message.js';
import { incidentEdit } from './incident-edit.js';
import { incidentMessage } from './incident-message.js';

export function registerEvents(app: App, services: Services): void {
  app.event('app_mention', appMention(services));
  app.event('message', incidentMessage(services));
  app.event('message', incidentEdit(services));
  app.event('message', directMessage(services));
  app.event('app_home_opened', appHomeOpened(services));
}
