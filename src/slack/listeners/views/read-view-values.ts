import type { ViewOutput } from '@slack/bolt';

/** A submitted modal's values by block id (each input's element has action_id `value`). */
export function readViewValues(view: ViewOutput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const input = actions.value;
    const value = input?.selected_option?.value ?? input?.value;
    if (typeof value === 'string') out[blockId] = value;
  }
  return out;
}
