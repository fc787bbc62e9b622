/**
 * Normalisation shared by the input and the catalogue's signatures: both sides go through the same
 * functions, so whatever is replaced or squeezed away here cannot make them differ.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;

/** Removes terminal colour codes and control characters (binary junk becomes spaces). */
export function stripAnsiAndControl(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, ' ');
}

/**
 * Undoes the escapes of JSON log lines (`{"msg":"failed to \"pull\"\n..."}`), so the message reads as the
 * software printed it. Literal `\n` becomes a line break, `\"` a quote, `\u003c` a `<`.
 */
export function unescapeJsonText(text: string): string {
  if (!text.includes('\\')) return text;
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\+r\\+n|\\+n|\\+r/g, '\n')
    .replace(/\\+t/g, ' ')
    .replace(/\\+"/g, '"');
}

/** Volatile parts of log lines, replaced by a fixed token so that the same error dedupes and compares equal. */
const VOLATILE: [RegExp, string][] = [
  // ISO 8601 and RFC 3339 timestamps, klog headers (I1123 10:00:00.123456), syslog dates (Nov 23 10:00:01).
  [/\b\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?/g, ' '],
  [/\b[iwef]\d{4} \d{2}:\d{2}:\d{2}\.\d+/g, ' '],
  [/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) +\d{1,2} \d{2}:\d{2}:\d{2}\b/g, ' '],
  [/\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b/g, ' '],
  [/\bsha256:[0-9a-f]{12,64}\b/g, 'sha256:#'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '#uuid'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g, '#ip'],
  [/\b[0-9a-f]{24,}\b/g, '#hex'],
  // Pod name suffixes of a Deployment (cart-7d9f8b6c5d-x2x9q), in the alphabet Kubernetes draws them from.
  [/\b([a-z][a-z0-9-]*?)-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, '$1-#pod'],
];

/** Lower-cases and replaces timestamps, digests, UUIDs, IPs and long hex ids with fixed tokens. */
export function normalizeLine(line: string): string {
  let out = line.toLowerCase();
  for (const [pattern, token] of VOLATILE) out = out.replace(pattern, token);
  return out;
}

// Whitespace, quotes of every kind, backslashes and zero-width characters: their presence and shape vary
// between a terminal, a JSON log and a Slack paste, so comparisons ignore them.
const SQUEEZE = /[\s"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\\\u200b-\u200d\u2060\ufeff]+/g;

/** The line with whitespace, quotes and backslashes removed: the form signatures are compared in. */
export function squeeze(text: string): string {
  return text.replace(SQUEEZE, '');
}
