/**
 * What a YAML or JSON parser said, made safe to show: its message and the position, never the text it parsed.
 * A kubeconfig holds bearer tokens, client keys and passwords, and parsers quote it back: js-yaml (what
 * client-node's `KubeConfig` uses) appends a code frame of the lines around the error and names an unknown alias
 * or tag in its reason (`unidentified alias "hunter2"`); the `yaml` package appends a code frame after a blank
 * line and names tags and escapes; V8's JSON.parse quotes the start of its input. Two broken files showed enough
 * of one token between them to use it.
 *
 * Returns `bad indentation of a mapping entry at line 5, column 4`, or undefined when `error` is not a parse error.
 */
export function describeParseError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const fields = error as Error & {
    reason?: unknown;
    mark?: { line?: unknown; column?: unknown };
    code?: unknown;
    linePos?: { line?: unknown; col?: unknown }[];
  };
  if (error.name === 'YAMLException' && typeof fields.reason === 'string') {
    // js-yaml: `reason` is the message without the position and frame; `mark` is 0-based.
    const { line, column } = fields.mark ?? {};
    return withPosition(withoutSourceText(fields.reason), typeof line === 'number' ? line + 1 : undefined, typeof column === 'number' ? column + 1 : undefined);
  }
  if ((error.name === 'YAMLParseError' || error.name === 'YAMLWarning') && typeof fields.code === 'string') {
    // yaml: `Message at line 3, column 7:` then a blank line and the frame; `linePos` is 1-based.
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const start = fields.linePos?.[0];
    const described = withPosition(withoutSourceText(message), numberOr(start?.line), numberOr(start?.col));
    return `${described} (${fields.code})`;
  }
  if (error instanceof SyntaxError && /JSON/.test(error.message)) {
    // V8 quotes its input, quotes inside unescaped (`Unexpected token 'e', "{"token": eyJhbGci"... is not valid
    // JSON`), so everything from the first double quote goes, and the one character it names with it.
    const line = error.message.split('\n')[0]!;
    const quote = line.indexOf('"');
    if (quote < 0) return line;
    return `${trimTrailingPunctuation(line.slice(0, quote).replace(/'[^']*'/g, '…'))}: not valid JSON`;
  }
  return undefined;
}

/**
 * Drops whatever a parser quoted from its input: the tail after `: ` (`tag name is malformed: !x`), quoted spans,
 * verbatim tags, and any word with characters English prose does not have (`*hunter2`, `!secret`, `\q`, `1.3`).
 */
function withoutSourceText(message: string): string {
  const head = message.split(': ')[0]!;
  const cleaned = head
    // A tag's text stops at the next `!` or `<`, so a run of `!<!<…` is not rescanned from every start.
    .replace(/!<[^>!<]*>/g, '…')
    // Greedy: a quoted name may itself hold quotes (`unidentified alias "ab"cd"`), so first to last quote goes.
    .replace(/"[\s\S]*"|"[\s\S]*$/, '…')
    .replace(/'[\s\S]*'|`[\s\S]*`/, '…')
    .split(/\s+/)
    .map((word) => (/^[A-Za-z(][A-Za-z-]*[,;.)]?$|^[,;:.()?…-]$|^…[,;.]?$/.test(word) ? word : '…'))
    .join(' ')
    .trim();
  return cleaned || 'the parser gave no reason';
}

function withPosition(message: string, line: number | undefined, column: number | undefined): string {
  if (line === undefined) return message;
  return `${message} at line ${line}${column === undefined ? '' : `, column ${column}`}`;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Drops trailing spaces, commas and full stops by hand: `/[\s,.]+$/` retries at every one of a long run. */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t\n\r,.'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
