import { describe, expect, test } from '@jest/globals';
import { fitPlain, fitText } from '../../src/slack/blocks/fit-text.js';
import { codeBlock, escapeCode, escapeInline, escapeMrkdwn, inlineCode, slackTextToPlain } from '../../src/slack/escape.js';

describe('escaping what users paste', () => {
  test.each([
    ['a special mention', '<!channel>', '&lt;!channel&gt;'],
    ['a user mention', '<@U123>', '&lt;@U123&gt;'],
    ['a link with a label', '<https://evil.example|docs>', '&lt;https://evil.example|docs&gt;'],
    ['an entity-looking text', '&lt;', '&amp;lt;'],
  ])('%s is shown, never parsed', (_why, input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  test('a paste cannot close our code block: no run of backticks survives and the ends cannot merge with the fence', () => {
    const block = codeBlock('```\n<!here>\n```');
    expect(block.startsWith('```')).toBe(true);
    expect(block.endsWith('```')).toBe(true);
    expect(block.slice(3, -3)).not.toContain('``');
    expect(block).toContain('&lt;!here&gt;');
    expect(escapeCode('`x`').startsWith('\u200b`')).toBe(true);
  });

  test('inline text cannot restyle the message; inline code is one line without backticks', () => {
    expect(escapeInline('*a* _b_ ~c~ `d`')).not.toMatch(/\*a\*|_b_|~c~|`d`/);
    expect(inlineCode('pro`d\nx')).toBe("`pro'd x`");
  });

  test('Slack markup in incoming text becomes what the user typed', () => {
    expect(slackTextToPlain('<@U1> see <https://x.io/a?b=1&amp;c=2|x.io> &lt;none&gt; <!here> <#C1|inc> <mailto:a@b.c|a@b.c>')).toBe(
      '@U1 see https://x.io/a?b=1&c=2 <none> @here #inc a@b.c',
    );
  });
});

describe('cutting text to Block Kit limits', () => {
  test('short text is untouched', () => {
    expect(fitText('hello', 10)).toBe('hello');
  });

  test('a cut inside a code block closes it and says it was cut', () => {
    const text = `intro\n\`\`\`${'a'.repeat(5000)}\`\`\``;
    const cut = fitText(text, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect((cut.split('```').length - 1) % 2).toBe(0);
    expect(cut).toContain('(truncated)');
  });

  test('a cut never splits an entity or a surrogate pair', () => {
    const entities = fitText('&amp;'.repeat(1000), 100);
    expect(entities.replace(/… _\(truncated\)_$/, '')).toMatch(/^(&amp;)+$/);
    const emoji = fitPlain('😀'.repeat(100), 75);
    expect(emoji.length).toBeLessThanOrEqual(75);
    expect(/[\ud800-\udbff]$/.test(emoji.slice(0, -1))).toBe(false);
  });
});

describe('names copy as they read', () => {
  test('an underscore, star or tilde between letters or digits gets no zero-width space', () => {
    expect(escapeInline('set CLUSTER_NAME and K8SFIX_LANG, then run a*b')).toBe('set CLUSTER_NAME and K8SFIX_LANG, then run a*b');
  });

  test('at the edge of a word they are still disarmed', () => {
    expect(escapeInline('_x_ *y*')).not.toMatch(/_x_|\*y\*/);
  });
});
