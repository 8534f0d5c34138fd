import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { escapeHtmlText, escapeMarkdown, inlineCode, messageMarkdown, type MarkdownPlace } from '../../src/report/escape';

/**
 * The escaping functions, rendered the way GitHub renders comments (GFM, through micromark's CommonMark and GFM
 * implementation), on text a pull request controls: whatever the text, no raw HTML gets through, no `@mention`
 * pings, the text stays in its table cell or list item, and the reader sees the text itself.
 */

const render = (markdown: string, allowDangerousHtml: boolean) =>
  micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml });

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** What a reader sees: the text of the HTML, its entities decoded, without the zero-width spaces of the escapes. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ENTITIES[name])
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const collapse = (text: string) => text.replace(/\r\n?|[\n\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();

/** Where rl-review puts escaped text: a summary table's cell, and a list item after a code span (src/report/summary.ts). */
const contexts = (markdown: (place: MarkdownPlace) => string) => ({
  table: `| | Message |\n|---|---|\n| 🔴 | ${markdown('table')} |\n`,
  list: `- \`train.py:3\` RL101: ${markdown('text')}\n- next\n`,
});

/** Every character Markdown, HTML or GitHub reads, the line breaks a renderer may honour, and attacks seen in review. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\r', '\n', '\r\n', '\u2028', '\u2029', '\t', ' ', '  ', '<', '>', '&', '@', '#', '|', '`', '``', '```', '\\', '*', '_', '~', '[', ']', '(', ')',
        '!', '-', '+', '=', ':', '/', '"', "'", '<div>', '</details>', '<img src=x onerror=alert(1)>', '<!--', '-->', '<https://evil.example>',
        '@octocat', '@org/team', 'user@example.com', '#1', '&lt;', '&#60;', '&#x3c;', 'www.example.com', 'javascript:alert(1)', '1.', '- ', '# ',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

/** No raw HTML: rendering with raw HTML allowed gives the same as with it escaped. */
function expectNoRawHtml(markdown: string): void {
  expect(render(markdown, true)).toBe(render(markdown, false));
}

/** No `@mention` or team ping, in text or a link: every `@` outside code is broken up (GitHub links none in code). */
function expectNoMention(html: string): void {
  expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@(?!\u200b)/);
}

/** The text stays in the one row (two cells) or the one list item it was put in. */
function expectContained(html: string, where: 'table' | 'list'): void {
  if (where === 'table') {
    expect(html.match(/<tr>/g)).toHaveLength(2);
    expect(html.match(/<td>/g)).toHaveLength(2);
  } else {
    expect(html.match(/<li>/g)).toHaveLength(2);
    const item = /<li>([\s\S]*?)<\/li>/.exec(html)![1];
    expect(item).not.toMatch(/<(ul|ol|li|pre|h\d|hr|blockquote|p)\b/);
  }
}

describe('escapeMarkdown: running text from a pull request', () => {
  test('property: no raw HTML, no mention, stays in its cell or item, and reads as the text itself', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const [where, markdown] of Object.entries(contexts(() => escapeMarkdown(text))) as ['table' | 'list', string][]) {
          expectNoRawHtml(markdown);
          const html = render(markdown, true);
          expectNoMention(html);
          expectContained(html, where);
          expect(visibleText(html)).toContain(collapse(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a www. address after a word character is broken up too (GFM links `_www.x` and showed the escape after it)', () => {
    const html = render(contexts(() => escapeMarkdown('_www.example.com`')).table, true);
    expect(html).not.toContain('<a ');
    expect(visibleText(html)).toContain('_www.example.com`');
  });

  test('a lone carriage return, U+2028 and U+2029 are line breaks like \\n: none can start a raw HTML block', () => {
    for (const br of ['\r', '\r\n', '\n', '\u2028', '\u2029']) {
      const escaped = escapeMarkdown(`train.py${br}<div>@org/team</div>`);
      expect(escaped).toBe('train.py &lt;div&gt;@\u200borg/team&lt;/div&gt;');
    }
  });
});

describe('inlineCode: a code span around text from a pull request', () => {
  test('property: no raw HTML, no mention, stays in its cell or item, and shows the text itself in one code span', () => {
    fc.assert(
      // A code span cannot be empty: rl-review never quotes an empty path or line.
      fc.property(hostileText.filter((text) => text !== ''), (text) => {
        for (const [where, markdown] of Object.entries(contexts((place) => inlineCode(text, place))) as ['table' | 'list', string][]) {
          expectNoRawHtml(markdown);
          const html = render(markdown, true);
          expectNoMention(html);
          expectContained(html, where);
          const code = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
          expect(code.at(-1) === undefined ? '' : visibleText(code.at(-1)!)).toBe(collapse(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  test("a path with a lone carriage return stays one code span (it once ended the table row and opened a <div> block)", () => {
    const path = 'src/a.py\r<div>@org/team';
    expect(inlineCode(path)).toBe('`src/a.py <div>@org/team`');
    const html = render(contexts((place) => inlineCode(path, place)).table, true);
    expect(html).toContain('<td><code>src/a.py &lt;div&gt;@org/team</code></td>');
  });

  test('a chat token with `|` in a table cell is copied as it is: escaped as \\|, not replaced by a look-alike', () => {
    expect(inlineCode('<|im_end|>', 'table')).toBe('`<\\|im_end\\|>`');
    expect(render(contexts((place) => inlineCode('<|im_end|>', place)).table, true)).toContain('<td><code>&lt;|im_end|&gt;</code></td>');
  });
});

describe("messageMarkdown: a rule's message, prose and quoted code", () => {
  test('property: no raw HTML, no mention outside code, stays in its cell or item, and reads as the message without its backticks', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (before, quoted, after) => {
        const message = `${before} \`${quoted.replace(/[`\r\n\u2028\u2029]/g, '') || 'x'}\` ${after}`;
        for (const [where, markdown] of Object.entries(contexts((place) => messageMarkdown(message, place))) as ['table' | 'list', string][]) {
          expectNoRawHtml(markdown);
          const html = render(markdown, true);
          expectNoMention(html);
          expectContained(html, where);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("the rule's code quotes render as code, with no visible backticks or backslashes", () => {
    const message = 'The prompt does not end with `<|im_start|>assistant\\n`: the model continues the user turn (`add_generation_prompt=True` fixes it).';
    const html = render(contexts((place) => messageMarkdown(message, place)).table, true);
    expect(html).toContain('<code>&lt;|im_start|&gt;assistant\\n</code>');
    expect(html).toContain('<code>add_generation_prompt=True</code>');
    expect(visibleText(html)).toContain('The prompt does not end with <|im_start|>assistant\\n: the model continues the user turn (add_generation_prompt=True fixes it).');
  });
});

describe('escapeHtmlText: text inside an HTML element (a <summary>)', () => {
  test('property: the <details> block keeps its structure, with no mention and the text itself', () => {
    const details = (text: string) => `<details><summary>🔴 <code>truncation</code>: ${text}</summary>\n\nexamples\n\n</details>\n`;
    const structure = (html: string) => html.match(/<\/?[a-z][^>]*>/g);
    const plain = structure(render(details('plain'), true));
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = render(details(escapeHtmlText(text)), true);
        expect(structure(html)).toEqual(plain);
        expectNoMention(html);
        expect(visibleText(html)).toContain(collapse(text));
      }),
      { numRuns: 300 },
    );
  });
});
