import type { IncomingMessage } from 'node:http';

/** Bolt's own limit: Slack's payloads are far smaller, so anything larger is not from Slack. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * The request body, or `too-large` as soon as it passes the limit. The stream is not destroyed then, so the
 * client still reads the 413; Node discards the rest of the body once the response has ended.
 */
export function readBody(req: IncomingMessage, limit: number = BODY_LIMIT_BYTES): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stop();
        resolve('too-large');
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
