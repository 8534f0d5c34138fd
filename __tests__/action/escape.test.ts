import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { escapeHtmlText, escapeMarkdown, inlineCode } from '../../src/report/escape';

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
const contexts = (markdown: string) => ({
  table: `| | Message |\n|---|---|\n| 🔴 | ${markdown} |\n`,
  list: `- \`train.py:3\` RL101: ${markdown}\n- next\n`,
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

/** No `@mention` or team ping, in text or a link: every `@` is broken up. */
function expectNoMention(html: string): void {
  expect(html).not.toMatch(/@(?!\u200b)/);
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
        for (const [where, markdown] of Object.entries(contexts(escapeMarkdown(text))) as ['table' | 'list', string][]) {
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
    const html = render(contexts(escapeMarkdown('_www.example.com`')).table, true);
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
  test('property: no raw HTML, no mention, stays in its cell or item, and shows the text in one code span', () => {
    fc.assert(
      // A code span cannot be empty: rl-review never quotes an empty path or line.
      fc.property(hostileText.filter((text) => text !== ''), (text) => {
        for (const [where, markdown] of Object.entries(contexts(inlineCode(text))) as ['table' | 'list', string][]) {
          expectNoRawHtml(markdown);
          const html = render(markdown, true);
          expectNoMention(html);
          expectContained(html, where);
          const code = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
          expect(code.at(-1) === undefined ? '' : visibleText(code.at(-1)!)).toBe(collapse(text).replace(/\|/g, '\u2223'));
        }
      }),
      { numRuns: 300 },
    );
  });

  test("a path with a lone carriage return stays one code span (it once ended the table row and opened a <div> block)", () => {
    const path = 'src/a.py\r<div>@org/team';
    expect(inlineCode(path)).toBe('`src/a.py <\u200bdiv>@\u200borg/team`');
    const html = render(contexts(inlineCode(path)).table, true);
    expect(html).toContain('<td><code>src/a.py &lt;\u200bdiv&gt;@\u200borg/team</code></td>');
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
