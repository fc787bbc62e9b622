import { validateEntryAction } from './validate-entry-action.js';
import {
  CLUSTER_SETTINGS,
  CLUSTER_TYPES,
  COMPONENTS,
  CONTEXT_RUNTIMES,
  NODE_OS,
  PRODUCTS,
  RUNTIMES,
  SCOPES,
  VERSION_FACTS,
  VERSION_SCOPES,
  type CatalogueEntry,
  type VersionRange,
} from './types.js';

/** One problem in one catalogue file: the field path (`affects.conditions[1].ranges[0].to`) and what is wrong. */
export interface FieldProblem {
  field: string;
  message: string;
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSION_PATTERN = /^\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?$/;
const PLACEHOLDER_PATTERN = /<[a-z0-9_-]+>/g;
/** Literal text a signature must keep outside its placeholders, so that it cannot match everything. */
const MIN_SIGNATURE_LITERAL = 12;

type Json = unknown;
type Obj = Record<string, Json>;

/**
 * Checks one parsed YAML document against the entry shape in types.ts and returns every problem found
 * (not only the first), so `k8sfix catalogue lint` can show a writer all of them at once.
 */
export function validateEntry(doc: Json, file: string): { entry?: CatalogueEntry; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fail = (field: string, message: string): void => {
    problems.push({ field, message });
  };

  if (!isObject(doc)) {
    fail('(root)', 'the file must hold one mapping (id: ..., title: ..., ...)');
    return { problems };
  }
  const known = new Set([
    'id', 'title', 'summary', 'product', 'sources', 'signatures', 'symptoms', 'affects', 'context', 'fixedIn',
    'remediation', 'actions', 'examples',
  ]);
  for (const key of Object.keys(doc)) if (!known.has(key)) fail(key, `unknown field (expected one of: ${[...known].join(', ')})`);

  const id = requireString(doc, 'id', fail);
  if (id !== undefined && !ID_PATTERN.test(id)) fail('id', `"${id}" is not kebab-case (a-z, 0-9 and single dashes)`);
  const base = file.split('/').pop()?.replace(/\.ya?ml$/, '');
  if (id !== undefined && base !== undefined && base !== id) fail('id', `"${id}" differs from the file name "${base}.yaml"`);

  requireLocalized(doc, 'title', fail);
  requireLocalized(doc, 'summary', fail);
  const product = requireEnum(doc, 'product', PRODUCTS, fail);
  const folder = file.split('/').slice(-2, -1)[0];
  if (product !== undefined && folder !== undefined && folder !== product && folder !== '.' && folder !== '') {
    if ((PRODUCTS as readonly string[]).includes(folder)) fail('product', `"${product}" but the file is in catalogue/${folder}/`);
  }

  const sources = requireArray(doc, 'sources', fail, 1);
  sources?.forEach((source, i) => {
    const at = `sources[${i}]`;
    if (!isObject(source)) return fail(at, 'must be a mapping with seed, heading and url');
    requireString(source, 'seed', fail, at);
    requireString(source, 'heading', fail, at);
    const url = requireString(source, 'url', fail, at);
    if (url !== undefined && !/^https:\/\/\S+$/.test(url)) fail(`${at}.url`, `"${url}" is not an https URL`);
    if (source.headingMissing !== undefined && typeof source.headingMissing !== 'boolean') fail(`${at}.headingMissing`, 'must be true or false');
    if (source.title !== undefined) {
      if (!isObject(source.title)) fail(`${at}.title`, 'must be a mapping of language to title, e.g. { en: ..., ko: ... }');
      else for (const [lang, title] of Object.entries(source.title)) {
        if (lang !== 'en' && lang !== 'ko') fail(`${at}.title.${lang}`, 'unknown language (en or ko)');
        else if (typeof title !== 'string' || title.trim() === '') fail(`${at}.title.${lang}`, 'must be a non-empty string');
      }
    }
    for (const key of Object.keys(source)) if (!['seed', 'heading', 'url', 'headingMissing', 'title'].includes(key)) fail(`${at}.${key}`, 'unknown field');
  });

  const signatures = requireArray(doc, 'signatures', fail, 0);
  signatures?.forEach((signature, i) => {
    const at = `signatures[${i}]`;
    if (typeof signature !== 'string' || signature.trim() === '') return fail(at, 'must be a non-empty string');
    const literal = signature.replace(PLACEHOLDER_PATTERN, '').replace(/\s+/g, '');
    if (literal.length < MIN_SIGNATURE_LITERAL) fail(at, `keeps only ${literal.length} characters outside placeholders; at least ${MIN_SIGNATURE_LITERAL} are needed to tell it apart`);
    const stray = signature.replace(PLACEHOLDER_PATTERN, '').match(/<[A-Za-z_ -]+>/);
    if (stray) fail(at, `placeholder ${stray[0]} must be lower-case kebab-case like <ip-range>`);
  });

  const symptoms = doc.symptoms;
  if (!isObject(symptoms)) fail('symptoms', 'must be a mapping with en and ko lists');
  else for (const lang of ['en', 'ko'] as const) {
    const list = symptoms[lang];
    if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || s.trim() === '')) fail(`symptoms.${lang}`, 'must be a list of non-empty strings');
  }
  if (signatures?.length === 0 && isObject(symptoms) && Array.isArray(symptoms.en) && symptoms.en.length === 0) {
    fail('symptoms', 'an entry without signatures needs symptoms, or nothing could ever match it');
  }

  validateAffects(doc.affects, fail);
  validateContext(doc.context, fail);
  if (doc.fixedIn !== undefined) validateFixedIn(doc.fixedIn, fail);

  const steps = requireArray(doc, 'remediation', fail, 1);
  steps?.forEach((step, i) => {
    const at = `remediation[${i}]`;
    if (!isObject(step)) return fail(at, 'must be a mapping with en, ko and optional commands');
    requireString(step, 'en', fail, at);
    requireString(step, 'ko', fail, at);
    if (step.commands !== undefined && (!Array.isArray(step.commands) || step.commands.some((c) => typeof c !== 'string'))) {
      fail(`${at}.commands`, 'must be a list of strings');
    }
    if (step.platform !== undefined && !(PRODUCTS as readonly Json[]).includes(step.platform)) {
      fail(`${at}.platform`, `"${String(step.platform)}" is not one of: ${PRODUCTS.join(', ')}`);
    }
    for (const key of Object.keys(step)) if (!['en', 'ko', 'commands', 'platform'].includes(key)) fail(`${at}.${key}`, 'unknown field');
  });

  const actions = requireArray(doc, 'actions', fail, 0);
  actions?.forEach((action, i) => validateEntryAction(action, `actions[${i}]`, signatures, fail));

  const examples = requireArray(doc, 'examples', fail, 2);
  examples?.forEach((example, i) => {
    if (typeof example !== 'string' || example.trim() === '') fail(`examples[${i}]`, 'must be a non-empty string');
  });

  if (problems.length > 0) return { problems };
  return { entry: { ...(doc as unknown as Omit<CatalogueEntry, 'file'>), fixedIn: doc.fixedIn as CatalogueEntry['fixedIn'], file }, problems };
}

function validateAffects(affects: Json, fail: (field: string, message: string) => void): void {
  if (!isObject(affects)) return fail('affects', 'must be a mapping with products, wording, allVersions and conditions');
  const products = affects.products;
  if (!Array.isArray(products) || products.length === 0) fail('affects.products', `must list at least one of: ${PRODUCTS.join(', ')}`);
  else products.forEach((p, i) => {
    if (!(PRODUCTS as readonly Json[]).includes(p)) fail(`affects.products[${i}]`, `"${String(p)}" is not one of: ${PRODUCTS.join(', ')}`);
  });
  if (typeof affects.wording !== 'string') fail('affects.wording', 'must be the document\'s wording, verbatim ("" when it states none)');
  if (typeof affects.allVersions !== 'boolean') fail('affects.allVersions', 'must be true or false');
  if (!Array.isArray(affects.conditions)) return fail('affects.conditions', 'must be a list (empty when the document states no condition)');
  affects.conditions.forEach((condition, i) => validateCondition(condition, `affects.conditions[${i}]`, fail));
  for (const flag of ['anyPlatform', 'versionsLost'] as const) {
    if (affects[flag] !== undefined && typeof affects[flag] !== 'boolean') fail(`affects.${flag}`, 'must be true or false');
  }
  for (const key of Object.keys(affects)) {
    if (!['products', 'wording', 'allVersions', 'conditions', 'anyPlatform', 'versionsLost'].includes(key)) fail(`affects.${key}`, 'unknown field');
  }
}

function validateContext(context: Json, fail: (field: string, message: string) => void): void {
  if (!isObject(context)) return fail('context', 'must be a mapping with component, runtime and scope (where the cause lives)');
  const components = (field: string, min: number): void => {
    const list = context[field];
    if (!Array.isArray(list) || list.length < min) return fail(`context.${field}`, `must list ${min > 0 ? 'at least one' : 'zero or more'} of: ${COMPONENTS.join(', ')}`);
    list.forEach((c, i) => {
      if (!(COMPONENTS as readonly Json[]).includes(c)) fail(`context.${field}[${i}]`, `"${String(c)}" is not one of: ${COMPONENTS.join(', ')}`);
    });
  };
  components('component', 1);
  if (context.upstream !== undefined) components('upstream', 1);
  if (!(CONTEXT_RUNTIMES as readonly Json[]).includes(context.runtime)) fail('context.runtime', `must be one of: ${CONTEXT_RUNTIMES.join(', ')}`);
  if (!(SCOPES as readonly Json[]).includes(context.scope)) fail('context.scope', `must be one of: ${SCOPES.join(', ')}`);
  for (const key of Object.keys(context)) if (!['component', 'runtime', 'scope', 'upstream'].includes(key)) fail(`context.${key}`, 'unknown field');
}

function validateCondition(condition: Json, at: string, fail: (field: string, message: string) => void): void {
  if (!isObject(condition)) return fail(at, 'must be a mapping with a fact');
  const fact = condition.fact;
  if ((VERSION_FACTS as readonly Json[]).includes(fact)) {
    if (condition.of !== undefined && !(VERSION_SCOPES as readonly Json[]).includes(condition.of)) {
      fail(`${at}.of`, `"${String(condition.of)}" is not one of: ${VERSION_SCOPES.join(', ')}`);
    }
    if (condition.coveredThrough !== undefined && (typeof condition.coveredThrough !== 'string' || !VERSION_PATTERN.test(condition.coveredThrough))) {
      fail(`${at}.coveredThrough`, 'must be a quoted release line like "1.14"');
    }
    if (!Array.isArray(condition.ranges) || condition.ranges.length === 0) return fail(`${at}.ranges`, 'must list at least one range');
    condition.ranges.forEach((range, j) => validateRange(range, `${at}.ranges[${j}]`, fail));
    return;
  }
  const enumOf = (allowed: readonly string[]): void => {
    if (!Array.isArray(condition.in) || condition.in.length === 0) return fail(`${at}.in`, `must list at least one of: ${allowed.join(', ')}`);
    condition.in.forEach((value, j) => {
      if (allowed.length > 0 && !allowed.includes(value as string)) fail(`${at}.in[${j}]`, `"${String(value)}" is not one of: ${allowed.join(', ')}`);
      if (typeof value !== 'string') fail(`${at}.in[${j}]`, 'must be a string');
    });
  };
  switch (fact) {
    case 'nodeOs':
      return enumOf(NODE_OS);
    case 'containerRuntime':
      return enumOf(RUNTIMES);
    case 'clusterProfile':
      return enumOf([]);
    case 'clusterType':
      return enumOf(CLUSTER_TYPES);
    case 'clusterSetting':
      if (!(CLUSTER_SETTINGS as readonly Json[]).includes(condition.setting)) fail(`${at}.setting`, `"${String(condition.setting)}" is not one of: ${CLUSTER_SETTINGS.join(', ')}`);
      if (condition.of !== undefined && condition.of !== 'cluster' && condition.of !== 'admin-cluster') fail(`${at}.of`, 'must be cluster or admin-cluster');
      if (typeof condition.check !== 'string' || condition.check === '') fail(`${at}.check`, 'must give the command that shows the setting, for when k8sfix could not read it');
      return;
    case 'nodeSetting':
      if (typeof condition.name !== 'string' || !ID_PATTERN.test(condition.name)) fail(`${at}.name`, 'must be a kebab-case setting name like selinux-enforcing');
      if (typeof condition.description !== 'string' || condition.description === '') fail(`${at}.description`, 'must say what the setting is, for the reason shown to users');
      if (condition.check !== undefined && (typeof condition.check !== 'string' || condition.check === '')) fail(`${at}.check`, 'must be the command or place to check it');
      return;
    default:
      fail(`${at}.fact`, `"${String(fact)}" is not one of: ${[...VERSION_FACTS, 'nodeOs', 'containerRuntime', 'clusterProfile', 'clusterType', 'clusterSetting', 'nodeSetting'].join(', ')}`);
  }
}

function validateRange(range: Json, at: string, fail: (field: string, message: string) => void): void {
  if (!isObject(range)) return fail(at, 'must be a mapping like { from: "1.21", to: "1.21.5-gke.1802" }');
  const r = range as VersionRange & Obj;
  for (const key of Object.keys(r)) if (!['from', 'to', 'before'].includes(key)) fail(`${at}.${key}`, 'unknown bound (use from, to or before)');
  if (r.from === undefined && r.to === undefined && r.before === undefined) fail(at, 'needs at least one of from, to, before');
  if (r.to !== undefined && r.before !== undefined) fail(at, 'give either to (inclusive) or before (exclusive), not both');
  for (const bound of ['from', 'to', 'before'] as const) {
    const value: Json = r[bound];
    if (value === undefined) continue;
    if (typeof value !== 'string') fail(`${at}.${bound}`, `must be a quoted version string like "1.24.6-gke.1500" (YAML reads 1.20 as a number)`);
    else if (!VERSION_PATTERN.test(value)) fail(`${at}.${bound}`, `"${value}" is not a version like 1.24.6-gke.1500 (no leading v)`);
  }
}

function validateFixedIn(fixedIn: Json, fail: (field: string, message: string) => void): void {
  if (!isObject(fixedIn)) return fail('fixedIn', 'must be a mapping with wording and versions');
  if (typeof fixedIn.wording !== 'string' || fixedIn.wording === '') fail('fixedIn.wording', 'must be the document\'s wording, verbatim');
  if (!Array.isArray(fixedIn.versions)) return fail('fixedIn.versions', 'must be a list of { fact, version }');
  fixedIn.versions.forEach((item, i) => {
    const at = `fixedIn.versions[${i}]`;
    if (!isObject(item)) return fail(at, 'must be a mapping { fact, version }');
    if (!(VERSION_FACTS as readonly Json[]).includes(item.fact)) fail(`${at}.fact`, `"${String(item.fact)}" is not one of: ${VERSION_FACTS.join(', ')}`);
    if (typeof item.version !== 'string' || !VERSION_PATTERN.test(item.version)) fail(`${at}.version`, 'must be a quoted version string like "1.6.6"');
  });
}

function isObject(value: Json): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(obj: Obj, key: string, fail: (f: string, m: string) => void, at?: string): string | undefined {
  const value = obj[key];
  const field = at ? `${at}.${key}` : key;
  if (typeof value !== 'string' || value.trim() === '') {
    fail(field, value === undefined ? 'is missing' : 'must be a non-empty string');
    return undefined;
  }
  return value;
}

function requireLocalized(obj: Obj, key: string, fail: (f: string, m: string) => void): void {
  const value = obj[key];
  if (!isObject(value)) return fail(key, value === undefined ? 'is missing (needs en and ko)' : 'must be a mapping with en and ko');
  requireString(value, 'en', fail, key);
  requireString(value, 'ko', fail, key);
}

function requireEnum<T extends string>(obj: Obj, key: string, allowed: readonly T[], fail: (f: string, m: string) => void): T | undefined {
  const value = obj[key];
  if (!(allowed as readonly Json[]).includes(value)) {
    fail(key, value === undefined ? `is missing (one of: ${allowed.join(', ')})` : `"${String(value)}" is not one of: ${allowed.join(', ')}`);
    return undefined;
  }
  return value as T;
}

function requireArray(obj: Obj, key: string, fail: (f: string, m: string) => void, min: number): Json[] | undefined {
  const value = obj[key];
  if (!Array.isArray(value)) {
    fail(key, value === undefined ? 'is missing (a list)' : 'must be a list');
    return undefined;
  }
  if (value.length < min) fail(key, `needs at least ${min} item${min === 1 ? '' : 's'}`);
  return value;
}
