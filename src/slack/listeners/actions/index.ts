import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS, PROPOSE_FIX_PATTERN } from '../../action-ids.js';
import type { Services } from '../../services.js';
import { approveRequest } from './approve-request.js';
import { cancelRequest } from './cancel-request.js';
import { markAnswer } from './mark-answer.js';
import { proposeFix } from './propose-fix.js';
import { rejectRequest } from './reject-request.js';
import { shareAnswer } from './share-answer.js';
import { showFullAnswer } from './show-full-answer.js';
import { undoFix } from './undo-fix.js';

export function registerActions(app: App, services: Services): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, shareAnswer(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.fullAnswer, showFullAnswer(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.markRight, markAnswer(services, 'right'));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.markWrong, markAnswer(services, 'wrong'));
  app.action<BlockAction<ButtonAction>>({ action_id: PROPOSE_FIX_PATTERN }, proposeFix(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.approveFix, approveRequest(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.rejectFix, rejectRequest(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.cancelFix, cancelRequest(services));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.undoFix, undoFix(services));
}
