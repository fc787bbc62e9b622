/**
 * Normalisation shared by the input and the catalogue's signatures: both sides go through the same
 * functions, so whatever is replaced or squeezed away here cannot make them differ.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;

/**
 * Letters of other scripts that look like Latin ones (Cyrillic `о`, Greek `ο`...). A paste that spells
 * `cоntainerd` with a Cyrillic о reads as `containerd`; the catalogue is written in Latin and Hangul only, so
 * folding them can hide nothing.
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i',
  ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ү: 'y', ӏ: 'l',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J',
  // Greek
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', τ: 't', υ: 'u', ι: 'i', κ: 'k', χ: 'x', ε: 'e',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');
// Format characters (Cf): zero-width spaces and joiners, direction marks (U+200E), the soft hyphen, BOMs.
const FORMAT = /\p{Cf}/gu;

/**
 * Undoes what hides text from a comparison without changing how it reads: compatibility forms (full-width
 * `ｆａｉｌｅｄ`, ligatures) through NFKC, invisible format characters, and Latin look-alikes of other scripts.
 */
export function foldLookalikes(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  return text.normalize('NFC').replace(COMPATIBILITY, (form) => form.normalize('NFKC')).replace(FORMAT, '').replace(LOOKALIKE, (letter) => LOOKALIKES[letter]!);
}

/**
 * The compatibility forms that can spell Latin text in disguise, folded by NFKC one character at a time:
 * odd spaces, superscripts and subscripts, letterlike symbols, enclosed alphanumerics, ligatures, full-width
 * forms and mathematical alphanumerics. Everything else gets NFC only: a whole-text NFKC would let a paste of
 * U+FDFA (18 letters after NFKC) grow eighteenfold before it is read.
 */
const COMPATIBILITY = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\u00b2\u00b3\u00b9\u2070-\u209f\u2100-\u214f\u2460-\u24ff\ufb00-\ufb06\uff01-\uff5e]|\ud835[\udc00-\udfff]/g;

/** Any character that CONTROL replaces; every ANSI code starts with one (ESC). */
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/** Removes terminal colour codes and control characters (binary junk becomes spaces). */
export function stripAnsiAndControl(text: string): string {
  // Nearly every line holds neither: one search instead of two.
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ANSI, '').replace(CONTROL, ' ');
}

/**
 * Undoes the escapes of JSON log lines (`{"msg":"failed to \\"pull\\"\\n..."}`), so the message reads as the
 * software printed it. Literal `\\n` becomes a line break, `\\"` a quote, `\\u003c` a `<`; a run of backslashes
 * (JSON escaped twice or more) counts as one.
 *
 * One pass over the text: regexes such as `/\\+n/` retry at every backslash of a long run and take quadratic
 * time on a paste of backslashes, so escapes are read by hand.
 */
export function unescapeJsonText(text: string): string {
  let at = text.indexOf('\\');
  if (at === -1) return text;
  const out: string[] = [];
  let copied = 0;
  while (at !== -1) {
    let end = at;
    while (end < text.length && text.charCodeAt(end) === BACKSLASH) end++;
    const replaced = readEscape(text, end);
    if (replaced) {
      out.push(text.slice(copied, at), replaced.text);
      copied = replaced.end;
      at = text.indexOf('\\', replaced.end);
    } else {
      at = text.indexOf('\\', end);
    }
  }
  out.push(text.slice(copied));
  return out.join('');
}

const BACKSLASH = 0x5c;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The escape whose letter is at `at` (just after a run of backslashes), or undefined when it is none we undo. */
function readEscape(text: string, at: number): { text: string; end: number } | undefined {
  switch (text[at]) {
    case 'n':
      return { text: '\n', end: at + 1 };
    case 'r': {
      // `\r\n` (with any run of backslashes before the n) is one line break.
      let next = at + 1;
      while (next < text.length && text.charCodeAt(next) === BACKSLASH) next++;
      return { text: '\n', end: next > at + 1 && text[next] === 'n' ? next + 1 : at + 1 };
    }
    case 't':
      return { text: ' ', end: at + 1 };
    case '"':
      return { text: '"', end: at + 1 };
    case 'u': {
      const hex = text.slice(at + 1, at + 5);
      return HEX4.test(hex) ? { text: String.fromCharCode(parseInt(hex, 16)), end: at + 5 } : undefined;
    }
    default:
      return undefined;
  }
}

/** Volatile parts of log lines, replaced by a fixed token so that the same error dedupes and compares equal. */
const VOLATILE: [RegExp, string][] = [
  // ISO 8601 and RFC 3339 timestamps, klog headers (I1123 10:00:00.123456), syslog dates (Nov 23 10:00:01).
  [/\b\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?/g, ' '],
  [/\b[iwef]\d{4} \d{2}:\d{2}:\d{2}\.\d+/g, ' '],
  [/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) +\d{1,2} \d{2}:\d{2}:\d{2}\b/g, ' '],
  [/\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b/g, ' '],
  [/\bsha256:[0-9a-f]{12,64}\b/g, 'sha256:#'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g, '#ip'],
];

/**
 * UUIDs and hex ids of 24 digits or more, as whole words, in one pass: nearly every word of a log starts with a
 * hex letter (`failed`, `event`...), so each pattern tried at every word cost about as much as all the others.
 */
const HEX_ID = /\b[0-9a-f]{8}(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})\b/g;
const hexIdToken = (found: string): string => (found.length === 36 && found[8] === '-' ? '#uuid' : '#hex');

/**
 * A pod-hash suffix (a Deployment's `cart-7d9f8b6c5d-x2x9q`), in the alphabet Kubernetes draws suffixes from,
 * at the end of a name. Each place is tried over at most 17 characters, so the search is linear; the name before
 * the suffix is read back once per suffix found (suffixes end their names, so no name is read twice).
 */
const POD_SUFFIX = /-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}(?![a-z0-9-])/g;

function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45;
}

function replacePodSuffixes(line: string): string {
  return line.replace(POD_SUFFIX, (suffix: string, at: number) => {
    // The name must hold a letter before its suffix: `10-2024…` is not a pod name, nor is a suffix alone.
    for (let i = at - 1; i >= 0 && isNameChar(line.charCodeAt(i)); i--) {
      const code = line.charCodeAt(i);
      if (code >= 97 && code <= 122) return '-#pod';
    }
    return suffix;
  });
}

/** Lower-cases and replaces timestamps, digests, UUIDs, IPs, long hex ids and pod-hash suffixes with fixed tokens. */
export function normalizeLine(line: string): string {
  let out = line.toLowerCase();
  for (const [pattern, token] of VOLATILE) out = out.replace(pattern, token);
  return replacePodSuffixes(out.replace(HEX_ID, hexIdToken));
}

// Whitespace, quotes of every kind, backslashes and zero-width characters: their presence and shape vary
// between a terminal, a JSON log and a Slack paste, so comparisons ignore them.
const SQUEEZE = /[\s"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\\\u200b-\u200d\u2060\ufeff]+/g;

/** The line with whitespace, quotes and backslashes removed: the form signatures are compared in. */
export function squeeze(text: string): string {
  return text.replace(SQUEEZE, '');
}

/**
 * Lines joined by NUL (see PendingBatch), normalised and squeezed in one call: exactly as one by one, since no
 * pattern matches or removes NUL, at about half the cost.
 */
export function normalizeBatch(joined: string): string {
  return squeeze(normalizeLine(joined));
}
