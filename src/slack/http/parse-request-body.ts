import { parse as parseQuery } from 'node:querystring';

/** The kinds of request the app serves over HTTP; anything else is refused before Bolt sees it. */
export type RequestKind = 'ssl_check' | 'url_verification' | 'app_rate_limited' | 'event_callback' | 'block_actions' | 'view_submission' | 'slash_command';

export type ParsedRequest = { ok: true; kind: RequestKind; body: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Parses a request body the way Bolt will (form fields, a form `payload` holding JSON, or JSON) and checks that
 * it has the shape of a request the app serves, with every field Bolt or a listener reads of the right type.
 * Bolt reads fields of a body without checking them (`'channel' in event`, `body.ssl_check`), so a validly signed
 * `null`, `payload=null` or `"event": null` would otherwise end the process or answer 500. The problem names the
 * field and never echoes its value.
 */
export function parseRequestBody(raw: Buffer, contentType: string | undefined): ParsedRequest {
  const text = raw.toString('utf8');
  let body: unknown;
  // The same test as Bolt's, so both read the body the same way.
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(text);
    if (form.ssl_check === '1') return { ok: true, kind: 'ssl_check', body: { ssl_check: '1' } };
    if (form.payload === undefined) {
      const problem = SLASH_COMMAND(form, 'body');
      return problem ? { ok: false, problem } : { ok: true, kind: 'slash_command', body: form };
    }
    if (typeof form.payload !== 'string') return { ok: false, problem: 'payload must be one form field' };
    const parsed = parseJson(form.payload, 'payload');
    if (!parsed.ok) return parsed;
    body = parsed.value;
    if (!isObject(body)) return { ok: false, problem: 'payload must be a JSON object' };
    // view_submission: the fix-action modals (parameters, the reason with a high-risk approval).
    if (body.type === 'view_submission') {
      const problem = VIEW_SUBMISSION(body, 'payload');
      return problem ? { ok: false, problem } : { ok: true, kind: 'view_submission', body };
    }
    if (body.type !== 'block_actions') return { ok: false, problem: 'payload.type is not one the app serves (block_actions, view_submission)' };
    const problem = BLOCK_ACTIONS(body, 'payload');
    return problem ? { ok: false, problem } : { ok: true, kind: 'block_actions', body };
  }
  const parsed = parseJson(text, 'body');
  if (!parsed.ok) return parsed;
  body = parsed.value;
  if (!isObject(body)) return { ok: false, problem: 'body must be a JSON object' };
  const kind = body.type;
  const check = typeof kind === 'string' ? JSON_KINDS[kind] : undefined;
  if (!check) return { ok: false, problem: 'body.type is not one the app serves (event_callback, url_verification)' };
  const problem = check(body, 'body');
  return problem ? { ok: false, problem } : { ok: true, kind: kind as RequestKind, body };
}

type Check = (value: unknown, path: string) => string | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string, path: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: `${path} is not JSON` };
  }
}

const str: Check = (v, p) => (typeof v === 'string' ? undefined : `${p} must be a string`);
const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${p} must be a number`);
const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : `${p} must be true or false`);
const optional =
  (check: Check): Check =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);
/** Slack documents a few fields as null (the team of an org-wide install); every other null is refused. */
const nullable =
  (check: Check): Check =>
  (v, p) =>
    v === null ? undefined : check(v, p);
const oneOf =
  (...checks: Check[]): Check =>
  (v, p) =>
    checks.some((c) => c(v, p) === undefined) ? undefined : `${p} has the wrong type`;
const object =
  (fields: Record<string, Check> = {}): Check =>
  (v, p) => {
    if (!isObject(v)) return `${p} must be an object`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(v[name], `${p}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  };
const arrayOf =
  (check: Check, min = 0, max = 1000): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return `${p} must be an array`;
    if (v.length < min || v.length > max) return `${p} must have ${min} to ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i], `${p}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

/** The message and app_mention fields the listeners read; both need a channel and a ts to reply to. */
const MESSAGE_EVENT = object({
  type: str,
  channel: str,
  ts: str,
  user: optional(str),
  text: optional(str),
  thread_ts: optional(str),
  subtype: optional(str),
  bot_id: optional(str),
  app_id: optional(str),
  channel_type: optional(str),
  edited: optional(object()),
  message: optional(object()),
  files: optional(arrayOf(object({ name: optional(str), size: optional(num), url_private: optional(str), url_private_download: optional(str) }))),
});

/** Other events: only the fields Bolt itself reads to route them. */
const OTHER_EVENT = object({
  type: str,
  channel: optional(oneOf(str, object({ id: str }))),
  channel_id: optional(str),
  user: optional(oneOf(str, object({ id: str }))),
  item: optional(object()),
  subteam: optional(object()),
});

const EVENT_CALLBACK: Check = (v, p) => {
  const envelope = object({
    event_id: str,
    team_id: optional(str),
    api_app_id: optional(str),
    enterprise_id: optional(nullable(str)),
    authorizations: optional(arrayOf(object({ team_id: optional(nullable(str)), enterprise_id: optional(nullable(str)), user_id: optional(str) }))),
    event: object({ type: str }),
  })(v, p);
  if (envelope) return envelope;
  const event = (v as { event: { type: string } }).event;
  return (event.type === 'message' || event.type === 'app_mention' ? MESSAGE_EVENT : OTHER_EVENT)(event, `${p}.event`);
};

const JSON_KINDS: Record<string, Check> = {
  url_verification: object({ challenge: str }),
  app_rate_limited: object({ team_id: optional(str), minute_rate_limited: optional(num) }),
  event_callback: EVENT_CALLBACK,
};

const BLOCK_ACTIONS = object({
  user: object({ id: str, team_id: optional(str) }),
  team: optional(nullable(object({ id: str }))),
  enterprise: optional(nullable(object({ id: str }))),
  api_app_id: optional(str),
  response_url: optional(str),
  trigger_id: optional(str),
  channel: optional(object({ id: str })),
  container: optional(object({ channel_id: optional(str), message_ts: optional(str), is_ephemeral: optional(bool) })),
  message: optional(object({ ts: str, thread_ts: optional(str) })),
  actions: arrayOf(object({ action_id: str, block_id: optional(str), type: optional(str), value: optional(str) }), 1, 25),
});

/** Every input value a modal submits: block id → action id → an object (the listeners read value or selected_option). */
const VIEW_VALUES: Check = (v, p) => {
  if (!isObject(v)) return `${p} must be an object`;
  for (const [blockId, actions] of Object.entries(v)) {
    if (!isObject(actions)) return `${p}.${blockId} must be an object`;
    for (const [actionId, input] of Object.entries(actions)) {
      const problem = object({ value: optional(nullable(str)), selected_option: optional(nullable(object({ value: str }))) })(input, `${p}.${blockId}.${actionId}`);
      if (problem) return problem;
    }
  }
  return undefined;
};

const VIEW_SUBMISSION = object({
  user: object({ id: str, team_id: optional(str) }),
  team: optional(nullable(object({ id: str }))),
  view: object({ id: str, callback_id: str, private_metadata: optional(str), blocks: optional(arrayOf(object({}), 0, 100)), state: object({ values: VIEW_VALUES }) }),
});

const SLASH_COMMAND = object({
  command: str,
  text: optional(str),
  user_id: str,
  channel_id: str,
  team_id: str,
  response_url: str,
  enterprise_id: optional(str),
  trigger_id: optional(str),
});
