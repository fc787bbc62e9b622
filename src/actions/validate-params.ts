import { ActionError } from './action-error.js';
import type { Action, ActionParams } from './types.js';

/**
 * Checks parameters against the action's schema: every required one present, none unknown, each value a full
 * match of its pattern. Returns a plain copy, so nothing else a caller attached travels on.
 */
export function validateParams(action: Action, params: Record<string, unknown>): ActionParams {
  const problems: string[] = [];
  const known = new Set(action.params.map((p) => p.name));
  for (const name of Object.keys(params)) if (!known.has(name)) problems.push(`unknown parameter "${name}"`);
  const clean: Record<string, string> = {};
  for (const spec of action.params) {
    const value = params[spec.name];
    if (value === undefined || value === '') {
      if (!spec.optional) problems.push(`${spec.name} is required (${spec.description.en})`);
      continue;
    }
    if (typeof value !== 'string' || !spec.pattern.test(value)) {
      const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
      problems.push(`${spec.name}=${shown} does not match ${spec.choices ? `one of ${spec.choices.join(', ')}` : spec.pattern.source}`);
      continue;
    }
    clean[spec.name] = value;
  }
  if (problems.length > 0) throw new ActionError('invalid-params', `${action.id}: ${problems.join('; ')}`);
  return Object.freeze(clean);
}
