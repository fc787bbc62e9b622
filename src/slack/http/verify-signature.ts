import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's window: a request is accepted only within five minutes of its timestamp, either way. */
export const MAX_CLOCK_SKEW_SEC = 300;

export type SignatureCheck = { ok: true; timestamp: number; signature: string } | { ok: false; reason: string };

/**
 * Checks a request the way Slack signs it: `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing
 * secret, compared in constant time, and a timestamp no more than five minutes from now in the past *or* the
 * future (a timestamp in the future would otherwise keep a captured request valid for as long as it names).
 * The reason never contains the secret or the signature.
 */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | string[] | undefined; signature: string | string[] | undefined },
  body: Buffer,
  nowMs: number = Date.now(),
): SignatureCheck {
  const { timestamp: rawTimestamp, signature } = headers;
  if (typeof rawTimestamp !== 'string' || !/^\d{1,12}$/.test(rawTimestamp)) return { ok: false, reason: 'no valid X-Slack-Request-Timestamp' };
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'no valid X-Slack-Signature' };
  const timestamp = Number(rawTimestamp);
  const skew = Math.floor(nowMs / 1000) - timestamp;
  if (skew > MAX_CLOCK_SKEW_SEC) return { ok: false, reason: 'timestamp older than 5 minutes' };
  if (skew < -MAX_CLOCK_SKEW_SEC) return { ok: false, reason: 'timestamp more than 5 minutes in the future' };
  const expected = createHmac('sha256', secret).update(`v0:${rawTimestamp}:`).update(body).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true, timestamp, signature };
}
