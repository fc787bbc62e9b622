import type { App } from '@slack/bolt';
import type { Services } from '../../services.js';
import { COMMAND, k8sfixCommand } from './k8sfix-command.js';

export function registerCommands(app: App, services: Services): void {
  app.command(COMMAND, k8sfixCommand(services));
}
