import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../action-ids.js';
import type { Services } from '../../services.js';
import { markAnswer } from './mark-answer.js';
import { shareAnswer } from './share-answer.js';
import { showFullAnswer } from './show-full-answer.js';

export function registerActions(app: App, services: Services): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, shareAnswer(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.fullAnswer, showFullAnswer(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.markRight, markAnswer(services, 'right'));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.markWrong, markAnswer(services, 'wrong'));
}
