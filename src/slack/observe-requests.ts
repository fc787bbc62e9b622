import { randomBytes } from 'node:crypto';
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Observability } from '../observe/observability.js';
import { runInRequest, type RequestRecord } from '../observe/request-context.js';

/**
 * Global middleware: gives each Slack request an id and a record the answering code fills in (see note-answer.ts),
 * then logs one JSON line when the request is done: id, kind, surface, issues matched, confidence, outcome and
 * the time taken. Never the text: only its first 200 characters, and only at debug level. Requests nobody
 * answered (messages in channels that are not incident channels) are logged at debug only.
 */
export function observeRequests(observe: Observability): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const record: RequestRecord = { id: randomBytes(6).toString('hex'), startedAt: performance.now(), issues: [], confidence: [] };
    const kind = kindOf(body as Record<string, unknown>);
    try {
      await runInRequest({ record, metrics: observe.metrics }, next);
    } finally {
      const line: Record<string, unknown> = {
        requestId: record.id,
        kind,
        surface: record.surface ?? null,
        outcome: record.outcome ?? 'none',
        issues: record.issues,
        confidence: record.confidence,
        ms: Math.round(performance.now() - record.startedAt),
      };
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string') line.eventId = eventId;
      if (record.error) line.error = record.error;
      const level = record.outcome || record.error || kind !== 'event' ? 'info' : 'debug';
      if (observe.logger.isLevelEnabled('debug') && record.inputPreview !== undefined) {
        observe.logger.debug({ requestId: record.id, inputStart: record.inputPreview }, 'k8sfix: request input');
      }
      observe.logger[level](line, 'k8sfix: request');
    }
  };
}

function kindOf(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'command';
  if (body.type === 'event_callback') return 'event';
  if (typeof body.type === 'string') return body.type;
  return 'other';
}
