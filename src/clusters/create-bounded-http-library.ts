import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { ResponseContext, wrapHttpLibrary, type HttpLibrary, type RequestContext } from '@kubernetes/client-node';
import { ClusterResponseTooLargeError } from './cluster-response-too-large-error.js';

export interface BoundedHttpOptions {
  /** The kubeconfig context these requests go to; named in the error when it sends too much. */
  context: string;
  /** Bytes one answer may have, counted as they arrive (on the wire and after gunzip); past it the connection is closed. */
  maxResponseBytes: number;
  /** Aborts every request still running, body included: the cluster's time is up. */
  signal: AbortSignal;
}

/**
 * The HTTP layer under client-node's generated APIs, replacing its node-fetch one, which buffers a body of any
 * size and keeps reading it after the caller gave up. This one reads each answer into memory only up to
 * `maxResponseBytes`, destroys the connection the moment the limit is passed or `signal` aborts, and never
 * follows a redirect (a 3xx reaches client-node as an HTTP status, so the bearer token goes nowhere else).
 * TLS and credentials stay client-node's: the agent and headers its auth step put on the request are used as is.
 */
export function createBoundedHttpLibrary(options: BoundedHttpOptions): HttpLibrary {
  return wrapHttpLibrary({ send: (request) => send(request, options) });
}

function send(request: RequestContext, { context, maxResponseBytes, signal }: BoundedHttpOptions): Promise<ResponseContext> {
  return new Promise<ResponseContext>((resolve, reject) => {
    const url = new URL(request.getUrl());
    const what = `${request.getHttpMethod()} ${url.pathname}`;
    const signals = [signal, request.getSignal()].filter((s): s is AbortSignal => s !== undefined);
    const aborted = signals.length > 1 ? AbortSignal.any(signals) : signal;
    if (aborted.aborted) return reject(abortError(what));

    let settled = false;
    const sources: Readable[] = [];
    const finish = (error: Error | undefined, response?: ResponseContext) => {
      if (settled) return;
      settled = true;
      aborted.removeEventListener('abort', onAbort);
      if (error) {
        // Destroying the request closes the socket, so the server stops sending and nothing more is buffered.
        for (const source of sources) source.destroy();
        req.destroy();
        reject(error);
      } else resolve(response!);
    };
    const onAbort = () => finish(abortError(what));
    const tooLarge = () => finish(new ClusterResponseTooLargeError(context, what, maxResponseBytes));

    const transport = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const agent = request.getAgent();
    const payload = request.getBody();
    // Node sends a DELETE body neither chunked nor with a length unless told: the server would read garbage.
    const length = typeof payload === 'string' ? { 'content-length': String(Buffer.byteLength(payload)) } : {};
    const req = transport(url, {
      method: request.getHttpMethod(),
      headers: { ...withoutHeader(request.getHeaders(), 'accept-encoding'), 'accept-encoding': 'gzip, deflate', ...length },
      ...(agent ? { agent } : {}),
    });
    aborted.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => finish(error));
    req.on('response', (res: IncomingMessage) => {
      sources.push(res);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxResponseBytes) return tooLarge();
      const decoder = decoderFor(res.headers['content-encoding']);
      let body: Readable = res;
      if (decoder) {
        // A compressed stream that inflates to little is still bytes on the wire: count both.
        let wire = 0;
        res.on('data', (chunk: Buffer) => {
          wire += chunk.length;
          if (wire > maxResponseBytes) tooLarge();
        });
        sources.push(decoder);
        body = res.pipe(decoder);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > maxResponseBytes) return tooLarge();
        chunks.push(chunk);
      });
      body.on('end', () => {
        const data = Buffer.concat(chunks);
        chunks.length = 0;
        finish(undefined, new ResponseContext(res.statusCode ?? 0, flatHeaders(res), { text: async () => data.toString('utf8'), binary: async () => data }));
      });
      body.on('error', (error) => finish(error));
      res.on('error', (error) => finish(error));
      res.on('close', () => {
        if (!res.complete) finish(Object.assign(new Error(`the connection closed before the answer to ${what} ended`), { code: 'ECONNRESET' }));
      });
    });
    if (typeof payload === 'string') req.end(payload);
    else if (payload === undefined) req.end();
    else finish(new Error(`k8sfix sends no ${payload.constructor.name} bodies to a cluster`));
  });
}

function decoderFor(encoding: string | undefined): Readable & NodeJS.WritableStream | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  return undefined;
}

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function abortError(what: string): Error {
  return Object.assign(new Error(`${what} was aborted`), { name: 'AbortError' });
}
