import type { ActionFact, EntryAction } from '../catalogue/types.js';
import type { Evidence } from '../matcher/types.js';
import { extractPlaceholderValues } from './extract-placeholder-values.js';

/** The cluster facts an action parameter can take, as the caller read them for one cluster. */
export type ActionFactValues = Partial<Record<ActionFact, string | readonly string[]>>;

export interface ResolvedActionParams {
  /** Values known now (from the evidence, the facts or the entry). */
  params: Record<string, string>;
  /** Parameters the person fills in (a modal field), with the values to choose from when there are several. */
  ask: { name: string; choices?: string[] }[];
  /** Parameters that should have come from the evidence or facts and did not, with why. */
  missing: { name: string; why: string }[];
}

/**
 * An entry action's parameters for one match on one cluster: placeholders captured from the evidence lines
 * (against the signatures that matched), cluster facts, fixed values, and what is left to ask the person.
 * The action's own schema still validates every value before anything is planned.
 */
export function resolveActionParams(action: EntryAction, evidence: readonly Evidence[], facts: ActionFactValues): ResolvedActionParams {
  const captured: Record<string, string> = {};
  for (const item of evidence) {
    if (item.kind !== 'signature' && item.kind !== 'fragment') continue;
    for (const [name, value] of Object.entries(extractPlaceholderValues(item.matched, item.line))) captured[name] ??= value;
  }
  const resolved: ResolvedActionParams = { params: {}, ask: [], missing: [] };
  for (const [name, source] of Object.entries(action.params)) {
    if (source.from === 'value') resolved.params[name] = source.value;
    else if (source.from === 'person') resolved.ask.push({ name });
    else if (source.from === 'evidence') {
      const value = captured[source.placeholder];
      if (value !== undefined) resolved.params[name] = value;
      else resolved.missing.push({ name, why: `the pasted text does not show <${source.placeholder}>` });
    } else {
      const value = facts[source.fact];
      if (typeof value === 'string' && value) resolved.params[name] = value;
      else if (Array.isArray(value) && value.length === 1) resolved.params[name] = value[0]!;
      else if (Array.isArray(value) && value.length > 1) resolved.ask.push({ name, choices: [...value] });
      else resolved.missing.push({ name, why: `the cluster's facts do not include ${source.fact}` });
    }
  }
  return resolved;
}
