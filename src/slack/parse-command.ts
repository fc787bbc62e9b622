import type { Lang } from '../catalogue/types.js';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'clusters'; clusterNames: string[] }
  | { kind: 'answer'; text: string; clusterNames: string[]; lang?: Lang; top?: number }
  | { kind: 'invalid'; message: string };

const FLAG = /^(--cluster|-c|--lang|--top)(?:=(.*))?$/;
/** The most matches one Slack answer shows (each takes several blocks of the 50 a message may have). */
export const MAX_TOP = 10;

/**
 * Parses `/k8sfix` text: `help`, `clusters`, or an error text with optional `--cluster NAME` (repeatable,
 * comma lists allowed), `--lang en|ko` and `--top N` (1 to 10 matches). Flags are read only at the start and at the end of the text, so a
 * pasted log that happens to contain `--cluster` is left alone.
 */
export function parseCommand(raw: string): ParsedCommand {
  const text = raw.trim();
  const word = text.toLowerCase();
  if (word === '' || word === 'help' || word === '-h' || word === '--help') return { kind: 'help' };

  const clusterNames: string[] = [];
  let lang: Lang | undefined;
  let top: number | undefined;
  const tokens = text.split(/(\s+)/); // keeps whitespace tokens so the rest of the text is rebuilt exactly
  const apply = (flag: string, value: string | undefined): string | undefined => {
    if (value === undefined || value === '') return `${flag} needs a value`;
    if (flag === '--lang') {
      const l = value.toLowerCase();
      if (l !== 'en' && l !== 'ko') return `--lang takes en or ko, not "${value}"`;
      lang = l;
    } else if (flag === '--top') {
      if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > MAX_TOP) return `--top takes a number from 1 to ${MAX_TOP}, not "${value}"`;
      top = Number(value);
    } else clusterNames.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    return undefined;
  };

  // Leading flags.
  let start = 0;
  for (;;) {
    while (start < tokens.length && /^\s*$/.test(tokens[start] ?? '')) start++;
    const m = FLAG.exec(tokens[start] ?? '');
    if (!m) break;
    const flag = m[1] === '-c' ? '--cluster' : (m[1] as string);
    let value = m[2];
    let next = start + 1;
    if (value === undefined) {
      while (next < tokens.length && /^\s*$/.test(tokens[next] ?? '')) next++;
      value = tokens[next];
      next++;
    }
    const problem = apply(flag, value);
    if (problem) return { kind: 'invalid', message: problem };
    start = next;
  }
  // Trailing flags (`<error> --cluster prod`), on the last line only.
  let end = tokens.length;
  for (;;) {
    while (end > start && /^[ \t]*$/.test(tokens[end - 1] ?? '')) end--;
    const last = tokens[end - 1] ?? '';
    const m = FLAG.exec(last);
    if (m && m[2] !== undefined && end - 1 >= start) {
      const problem = apply(m[1] === '-c' ? '--cluster' : (m[1] as string), m[2]);
      if (problem) return { kind: 'invalid', message: problem };
      end -= 1;
      continue;
    }
    const prev = tokens[end - 3];
    const sep = tokens[end - 2] ?? '';
    const pm = prev !== undefined ? FLAG.exec(prev) : null;
    if (pm && pm[2] === undefined && /^[ \t]+$/.test(sep) && end - 3 >= start) {
      const problem = apply(pm[1] === '-c' ? '--cluster' : (pm[1] as string), last);
      if (problem) return { kind: 'invalid', message: problem };
      end -= 3;
      continue;
    }
    break;
  }
  const rest = tokens.slice(start, end).join('').trim();
  const restWord = rest.toLowerCase();
  if (restWord === 'clusters' || restWord === 'cluster') return { kind: 'clusters', clusterNames };
  if (restWord === 'help') return { kind: 'help' };
  if (rest === '') return { kind: 'invalid', message: 'paste the error text after the options, e.g. /k8sfix --cluster prod <error>' };
  const result: ParsedCommand = { kind: 'answer', text: rest, clusterNames };
  if (lang) result.lang = lang;
  if (top !== undefined) result.top = top;
  return result;
}
