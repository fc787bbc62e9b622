import { resolveActionParams } from '../actions/resolve-action-params.js';
import type { Match } from '../matcher/types.js';
import { recordFixAction } from '../observe/metrics.js';
import { ACTION_IDS } from './action-ids.js';
import { actionFactValues } from './action-fact-values.js';
import type { Answer } from './answer.js';
import { fitPlain } from './blocks/fit-text.js';
import { LIMITS } from './blocks/limits.js';
import type { Button } from './blocks/types.js';
import type { Services } from './services.js';

/**
 * The "Propose fix: <action>" buttons of an answer: for each match, each of its entry's actions and each
 * connected cluster whose verdict is not `not-affected`. Each button carries only a stored proposal
 * reference, bound to the channel; parameters come from the evidence, the entry and the cluster's facts, or
 * are asked in a modal.
 * None when fix actions are off, when the clusters were not checked, or when the store cannot keep proposals.
 */
export async function fixActionButtons(services: Services, answer: Answer, where: { channel: string; threadTs?: string }): Promise<(match: Match) => Button[]> {
  const fix = services.fix;
  const none = () => [];
  if (!fix || !fix.config.enabled || answer.clusters.state !== 'done') return none;
  const { verdicts } = answer.clusters;
  const rows = new Map<string, Button[]>();
  try {
    for (const match of answer.matches) {
      const buttons: Button[] = [];
      for (const entryAction of match.entry.actions ?? []) {
        const action = fix.actions.get(entryAction.id);
        if (!action || (action.nodeLevel && !fix.config.nodeActionsEnabled)) continue;
        for (const verdict of verdicts.get(match.id) ?? []) {
          if (verdict.verdict === 'not-affected' || buttons.length >= LIMITS.actionsElements) continue;
          // Parameters from the evidence, the entry, and this cluster's facts (the affected pool's nodes, the
          // Anthos Cluster resource); a value with several choices is asked for in the modal.
          const report = answer.clusters.reports.find((r) => r.context === verdict.context);
          const resolved = resolveActionParams(entryAction, match.evidence, actionFactValues(match.entry, report));
          if (resolved.missing.length > 0) continue;
          const ref = await fix.proposals.save({
            action: action.id,
            context: verdict.context,
            entryId: match.id,
            params: resolved.params,
            ask: resolved.ask,
            channel: where.channel,
            ...(where.threadTs ? { threadTs: where.threadTs } : {}),
          });
          buttons.push({
            type: 'button',
            // Distinct per button: Slack refuses a row with two equal action ids.
            action_id: `${ACTION_IDS.proposeFix}:${buttons.length}`,
            text: { type: 'plain_text', text: fitPlain(`Propose fix: ${action.title[answer.lang] || action.title.en} (${verdict.context})`, LIMITS.buttonText) },
            value: ref,
          });
          if (fix.metrics) recordFixAction(fix.metrics, action.id, 'proposed');
        }
      }
      if (buttons.length > 0) rows.set(match.id, buttons);
    }
  } catch (error) {
    services.logger?.warn(`k8sfix: fix buttons left out, the proposals could not be stored (${String(error)})`);
    return none;
  }
  return (match) => rows.get(match.id) ?? [];
}
