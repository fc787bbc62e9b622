import type { App } from '@slack/bolt';
import { VIEW_IDS } from '../../action-ids.js';
import type { Services } from '../../services.js';
import { submitApproveReason } from './submit-approve-reason.js';
import { submitFixParams } from './submit-fix-params.js';

export function registerViews(app: App, services: Services): void {
  app.view(VIEW_IDS.fixParams, submitFixParams(services));
  app.view(VIEW_IDS.approveReason, submitApproveReason(services));
}
