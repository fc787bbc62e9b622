/** Requests to the app's HTTP receiver signed the way Slack signs them (v0 HMAC-SHA256 of `v0:ts:body`). */
import { createHmac } from 'node:crypto';

export interface SignOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the computed signature (to forge one). */
  signature?: string;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedResponse {
  status: number;
  body: string;
  /** Milliseconds from sending to the full response (the acknowledgement). */
  ms: number;
}

/** POSTs a signed body to the app. */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignOptions & { headers?: Record<string, string> } = {},
): Promise<SignedResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

/** The form body Slack sends for a slash command. */
export function slashCommandBody(fields: { text: string; response_url: string; user_id?: string; channel_id?: string; command?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'fake',
    channel_id: fields.channel_id ?? 'C0INC0001',
    channel_name: 'inc-42',
    user_id: fields.user_id ?? 'U0USER001',
    user_name: 'alice',
    command: fields.command ?? '/k8sfix',
    text: fields.text,
    api_app_id: 'A0APP0001',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: '123.456.abc',
  }).toString();
}

let eventCounter = 0;

/** The JSON body of an Events API callback. */
export function eventCallbackBody(event: Record<string, unknown>, options: { eventId?: string } = {}): string {
  return JSON.stringify(eventEnvelope(event, options));
}

export function eventEnvelope(event: Record<string, unknown>, options: { eventId?: string } = {}): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0APP0001',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${Date.now()}${eventCounter++}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT0001', is_bot: true }],
  };
}

/** The form body Slack sends for an interactive payload (a button click). */
export function interactiveBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
