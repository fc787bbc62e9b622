/**
 * Everything the bot echoes from a user goes through here first: Slack parses `<...>` as mentions and links and
 * `&` as an entity, so a pasted `<!channel>` would ping the channel and a pasted ``` would close our code block.
 */

const ZWSP = '\u200b';

/** Escapes the three characters Slack's mrkdwn treats as control characters (`&`, `<`, `>`). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes text for mrkdwn outside code and also disarms formatting characters that a paste can use to
 * restyle our message (`*bold*`, `_italic_`, `~strike~`, backticks) by separating them with a zero-width space.
 * Slack reads `*`, `_` and `~` as formatting only at the edge of a word, so one between two letters or digits
 * (`CLUSTER_NAME`, `K8SFIX_LANG`) is left alone: a name copied from the answer then pastes as it reads.
 */
export function escapeInline(text: string): string {
  return escapeMrkdwn(text).replace(/[*_~`]/g, (c: string, at: number, whole: string) =>
    c !== '`' && isWordChar(whole[at - 1]) && isWordChar(whole[at + 1]) ? c : `${c}${ZWSP}`,
  );
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Makes text safe inside a ``` block: no run of three backticks survives, and the ends cannot merge with the fence. */
export function escapeCode(text: string): string {
  let out = escapeMrkdwn(text).replace(/`{2,}/g, (run) => run.split('').join(ZWSP));
  if (out.startsWith('`')) out = ZWSP + out;
  if (out.endsWith('`')) out += ZWSP;
  return out;
}

/** A fenced code block around arbitrary text. */
export function codeBlock(text: string): string {
  return '```' + escapeCode(text.length === 0 ? ' ' : text) + '```';
}

/** Inline code (single backticks) around a short value such as a cluster name; newlines become spaces. */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/`/g, "'");
  return '`' + escapeMrkdwn(flat.length === 0 ? ' ' : flat) + '`';
}

/**
 * Turns message text as Slack delivers it into what the user typed: links `<https://x|label>` become the URL,
 * mentions `<@U123>` become `@U123`, special mentions `<!here>` become `@here`, entities are decoded.
 * The matcher sees the paste as it was; nothing here is ever echoed back without escaping again.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<([^<>\n]*)>/g, (_all, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@') || target.startsWith('#')) return label ? `${target[0]}${label}` : target;
      if (target.startsWith('!')) {
        const name = target.slice(1).split('^')[0] ?? '';
        return label ?? `@${name.replace(/^subteam$/, 'group')}`;
      }
      return target.startsWith('mailto:') ? (label ?? target.slice(7)) : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
