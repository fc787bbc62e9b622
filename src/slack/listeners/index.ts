import type { App } from '@slack/bolt';
import type { Services } from '../services.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerViews } from './views/index.js';

/** Every listener, grouped by Slack feature; adding one touches its file and one line in its group's index. */
export function registerListeners(app: App, services: Services): void {
  registerCommands(app, services);
  registerEvents(app, services);
  registerActions(app, services);
  registerViews(app, services);
}
