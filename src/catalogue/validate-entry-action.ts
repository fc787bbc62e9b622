import { ACTION_FACTS } from './types.js';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARAM_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One entry of `actions`: `{ id, params }`, each parameter `from: evidence` (with a placeholder one of the
 * entry's signatures has), `fact`, `person` or `value`. Whether the id and parameters fit the action's own
 * schema is checked against handlers/registry.ts by test/catalogue/entry-actions.test.ts.
 */
export function validateEntryAction(action: unknown, at: string, signatures: unknown[] | undefined, fail: (field: string, message: string) => void): void {
  if (!isObject(action)) return fail(at, 'must be a mapping with id and params');
  if (typeof action.id !== 'string' || !ID_PATTERN.test(action.id)) fail(`${at}.id`, 'must be the kebab-case id of a fix action in handlers/registry.ts');
  for (const key of Object.keys(action)) if (key !== 'id' && key !== 'params') fail(`${at}.${key}`, 'unknown field (expected id, params)');
  if (!isObject(action.params)) return fail(`${at}.params`, 'must map each parameter name to its source');
  const placeholders = new Set((signatures ?? []).flatMap((s) => (typeof s === 'string' ? [...s.matchAll(/<([a-z0-9_-]+)>/g)].map((m) => m[1]!) : [])));
  for (const [name, source] of Object.entries(action.params)) {
    const field = `${at}.params.${name}`;
    if (!PARAM_NAME.test(name)) fail(field, 'is not a parameter name');
    if (!isObject(source)) {
      fail(field, 'must be {from: evidence, placeholder: P}, {from: fact, fact: F}, {from: person} or {from: value, value: V}');
      continue;
    }
    if (source.from === 'evidence') {
      if (typeof source.placeholder !== 'string' || !placeholders.has(source.placeholder)) {
        fail(`${field}.placeholder`, `must name a <placeholder> of this entry's signatures (${[...placeholders].join(', ') || 'it has none'})`);
      }
    } else if (source.from === 'fact') {
      if (!(ACTION_FACTS as readonly unknown[]).includes(source.fact)) fail(`${field}.fact`, `must be one of: ${ACTION_FACTS.join(', ')}`);
    } else if (source.from === 'value') {
      if (typeof source.value !== 'string' || source.value === '') fail(`${field}.value`, 'must be a non-empty string');
    } else if (source.from !== 'person') {
      fail(`${field}.from`, 'must be evidence, fact, person or value');
    }
  }
}
