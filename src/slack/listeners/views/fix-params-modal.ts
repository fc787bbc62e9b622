import type { types } from '@slack/bolt';
import type { Action } from '../../../actions/types.js';
import { fitPlain } from '../../blocks/fit-text.js';
import { inlineCode } from '../../escape.js';
import type { StoredProposal } from '../../fix-proposals.js';

/**
 * The modal asking for the parameters a person supplies (a pod name, a node): one field each, a menu when the
 * cluster's facts gave a few values to choose from. private_metadata carries only the proposal reference; the
 * values are validated on the server by the action's own schema when submitted.
 */
export function fixParamsModal(action: Action, proposal: StoredProposal, ref: string, callbackId: string): types.ModalView {
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${fitPlain(action.title.en, 200)}* on ${inlineCode(proposal.context)} (risk ${action.risk}). Nothing changes until an approver approves the dry run.` } },
  ];
  for (const ask of proposal.ask.slice(0, 10)) {
    const spec = action.params.find((p) => p.name === ask.name);
    const choices = ask.choices ?? (spec?.choices ? [...spec.choices] : undefined);
    const element: types.InputBlockElement = choices
      ? { type: 'static_select', action_id: 'value', options: choices.slice(0, 100).map((c) => ({ text: { type: 'plain_text', text: fitPlain(c, 75) }, value: c.slice(0, 150) })) }
      : { type: 'plain_text_input', action_id: 'value', max_length: 253 };
    blocks.push({
      type: 'input',
      block_id: ask.name,
      label: { type: 'plain_text', text: fitPlain(ask.name, 2000) },
      ...(spec ? { hint: { type: 'plain_text', text: fitPlain(spec.description.en, 2000) } } : {}),
      element,
    });
  }
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: ref,
    title: { type: 'plain_text', text: 'Propose fix' },
    submit: { type: 'plain_text', text: 'Plan it' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
