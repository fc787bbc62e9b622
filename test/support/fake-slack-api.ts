/**
 * A local stand-in for the parts of Slack the app talks to: the Web API (`/api/<method>`), response URLs
 * (`/respond/<id>`), private file downloads (`/files/<name>`) and the Socket Mode WebSocket that a faked
 * `apps.connections.open` hands out. It records every request so tests can assert on what the app posted,
 * and can answer `ratelimited` (HTTP 429 with Retry-After) the way Slack does.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`), `respond` for a response_url, `file` for a download. */
  method: string;
  /** Parsed body: form fields with JSON fields (`blocks`) decoded, or the JSON body. */
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** The response_url id or the file name. */
  id?: string;
  at: number;
  /** What the fake answered a Web API call (e.g. the `ts` of a posted message). */
  response?: Record<string, unknown>;
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  /** Channel names for conversations.info, by id. */
  channels?: Record<string, string>;
  /** Locales for users.info, by user id. */
  locales?: Record<string, string>;
  /** Members of user groups for usergroups.users.list, by group id. */
  userGroups?: Record<string, string[]>;
  /** Methods that answer `{ ok: false, error }` from the start, e.g. `{ 'auth.test': 'token_revoked' }`. */
  failing?: Record<string, string>;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly botUserId: string;
  readonly botId: string;
  private readonly events = new EventEmitter();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly rateLimits = new Map<string, number[]>();
  private readonly files = new Map<string, string>();
  private readonly fileInfos = new Map<string, Record<string, unknown>>();
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private tsCounter = 1700000000;
  private port = 0;
  /** When set, calls to a method answer with this error (`{ ok: false, error }`). */
  readonly failing = new Map<string, string>();

  constructor(private readonly options: FakeSlackOptions = {}) {
    this.botUserId = options.botUserId ?? 'UBOT0001';
    this.botId = options.botId ?? 'BBOT0001';
    this.events.setMaxListeners(0);
    for (const [method, error] of Object.entries(options.failing ?? {})) this.failing.set(method, error);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } }));
      this.events.emit('socket');
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The Web API base for `SLACK_API_URL` / `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** Serves a file at a private URL on this fake; returns the URL. */
  addFile(name: string, content: string): string {
    this.files.set(name, content);
    return `${this.url}/files/${encodeURIComponent(name)}`;
  }

  /** What files.info answers for a file id (the full file object); unknown ids get `file_not_found`, as Slack answers. */
  setFileInfo(id: string, file: Record<string, unknown>): void {
    this.fileInfos.set(id, { id, ...file });
  }

  /** The next `times` calls of a method (or `respond`) answer 429 with `Retry-After: retryAfterSec`. */
  rateLimit(method: string, retryAfterSec = 1, times = 1): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), ...Array<number>(times).fill(retryAfterSec)]);
  }

  callsTo(method: string, id?: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (id === undefined || c.id === id));
  }

  /** Resolves once `count` recorded calls satisfy the predicate; rejects after timeoutMs with what was recorded. */
  waitFor(predicate: (call: RecordedCall) => boolean, count = 1, timeoutMs = 10_000): Promise<RecordedCall[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.calls.filter(predicate);
        if (found.length >= count) {
          clearTimeout(timer);
          this.events.off('call', check);
          resolve(found);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.events.off('call', check);
        reject(new Error(`waited ${timeoutMs} ms for ${count} matching call(s); recorded: ${this.calls.map((c) => c.method + (c.id ? `:${c.id}` : '')).join(', ')}`));
      }, timeoutMs);
      if (!check()) this.events.on('call', check);
    });
  }

  /** Waits until the app has connected over Socket Mode. */
  async waitForSocket(timeoutMs = 10_000): Promise<void> {
    if (this.sockets.size > 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no Socket Mode connection')), timeoutMs);
      this.events.once('socket', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Drops every Socket Mode connection without a close handshake, as a network cut would. */
  dropSockets(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Waits until the app has closed its Socket Mode connections (a clean close handshake), at most timeoutMs. */
  async waitForSocketsClosed(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Sends a Socket Mode envelope and resolves with the app's acknowledgement payload. */
  sendEnvelope(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown, options: { retryAttempt?: number } = {}): Promise<unknown> {
    const envelopeId = `env-${Math.random().toString(16).slice(2)}`;
    const ack = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for envelope ${envelopeId}`)), 10_000);
      this.acks.set(envelopeId, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: options.retryAttempt ?? 0,
      retry_reason: options.retryAttempt ? 'timeout' : '',
    };
    for (const socket of this.sockets) socket.send(JSON.stringify(envelope));
    return ack;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const raw = await readBody(req);
    const [, kind = '', name = ''] = path.split('/');
    if (kind === 'files') {
      const file = this.files.get(decodeURIComponent(name));
      this.record({ method: 'file', body: {}, headers: req.headers, id: decodeURIComponent(name), at: Date.now() });
      res.writeHead(file === undefined ? 404 : 200, { 'content-type': 'text/plain' });
      res.end(file ?? 'not found');
      return;
    }
    const body = parseBody(raw, req.headers['content-type']);
    const method = kind === 'respond' ? 'respond' : name;
    const limited = this.rateLimits.get(method);
    if (limited && limited.length > 0) {
      const retryAfter = limited.shift() as number;
      this.record({ method: `${method}:ratelimited`, body, headers: req.headers, id: kind === 'respond' ? name : undefined, at: Date.now() });
      res.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (kind === 'respond') {
      this.record({ method: 'respond', body, headers: req.headers, id: name, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    const response = this.answer(method, body);
    this.record({ method, body, headers: req.headers, at: Date.now(), response });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(response));
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const error = this.failing.get(method);
    if (error) return { ok: false, error };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'k8sfix', team_id: 'T0001', user_id: this.botUserId, bot_id: this.botId };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `${this.tsCounter++}.000100`, message: { text: body.text } };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.tsCounter++}.000200` };
      case 'conversations.info': {
        const id = String(body.channel);
        const name = this.options.channels?.[id];
        return name ? { ok: true, channel: { id, name } } : { ok: false, error: 'channel_not_found' };
      }
      case 'files.info': {
        const file = this.fileInfos.get(String(body.file));
        return file ? { ok: true, file } : { ok: false, error: 'file_not_found' };
      }
      case 'usergroups.users.list': {
        const users = this.options.userGroups?.[String(body.usergroup)];
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'views.open':
        return { ok: true, view: { id: `V${this.tsCounter++}`, ...(typeof body.view === 'string' ? (JSON.parse(body.view) as Record<string, unknown>) : {}) } };
      case 'users.info': {
        const id = String(body.user);
        return { ok: true, user: { id, locale: this.options.locales?.[id] ?? 'en-US' } };
      }
      default:
        return { ok: true };
    }
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    this.events.emit('call');
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = (key === 'blocks' || key === 'attachments') && value.startsWith('[') ? JSON.parse(value) : value;
  }
  return out;
}
