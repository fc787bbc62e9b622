/** Longest line read: evidence lines are at most 300 characters; this bounds the lazy groups' work. */
const MAX_LINE = 2000;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The values a signature's `<placeholders>` stand for in one matched line, e.g. `<pod>` in
 * "Back-off restarting failed container in pod <pod>" → { pod: 'anetd-x7k2p' }. Literal text matches
 * case-insensitively with any run of whitespace; {} when the line does not show the signature whole.
 */
export function extractPlaceholderValues(signature: string, line: string): Record<string, string> {
  const names: string[] = [];
  const parts = signature.split(/(<[a-z0-9_-]+>)/);
  const source = parts
    .map((part) => {
      const placeholder = /^<([a-z0-9_-]+)>$/.exec(part);
      if (!placeholder) return escape(part).replace(/\s+/g, '\\s+');
      names.push(placeholder[1]!);
      // The last placeholder of a signature may run to the end of a token, the others stop at the next literal.
      return `(\\S+?|.+?)`;
    })
    .join('');
  const match = new RegExp(source.replace(/\(\\S\+\?\|\.\+\?\)$/, '(\\S+)'), 'i').exec(line.slice(0, MAX_LINE));
  if (!match) return {};
  const values: Record<string, string> = {};
  names.forEach((name, i) => {
    const value = match[i + 1];
    if (value !== undefined && name !== 'any' && !(name in values)) values[name] = value;
  });
  return values;
}
