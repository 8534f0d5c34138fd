/**
 * Text taken from a pull request (paths, code, messages quoting code) goes into Markdown only through these
 * functions: no raw HTML, no `@mention` pings, no `#123` cross-links, no breaking out of a table, a list item or a
 * code fence. Each takes plain text and gives Markdown for one place: `escapeMarkdown` for running text,
 * `inlineCode` for a code span, `escapeHtmlText` for text inside an HTML element, `codeBlock` for a fenced block.
 */

/**
 * Every line break a renderer may honour: CommonMark's line endings (`\r\n`, a lone `\r`, `\n`) and the Unicode line
 * and paragraph separators. Within one line of Markdown (a table row, a list item, the text of an HTML block) a
 * break would end it, and what follows would be parsed as a block of its own (raw HTML, a heading...).
 */
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;

/** Text on one line: each line break becomes a space. */
const oneLine = (text: string) => text.replace(LINE_BREAK, ' ');

/** A zero-width space after `@` and `<`: no mention or team ping, no HTML tag or autolink, and the same text to read. */
const breakMentionsAndTags = (text: string) => text.replace(/[@<]/g, '$&\u200b');

/**
 * Running text (a table cell, a list item after its first word, a paragraph): every character that Markdown or HTML
 * could read is escaped, and URLs are broken up like mentions (`://` and `www.` get a zero-width space) so that GFM
 * does not turn them into links, which would also show the escapes inside them.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/(www)\./gi, '$1\u200b.');
}

/**
 * A code span that cannot be broken out of: its backtick run is longer than any inside, it stays on one line, and a
 * `|` (which splits a GFM table cell even inside code) is shown as `∣`. Should it still fail to form, `<` and `@` are
 * broken up all the same.
 */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const body = breakMentionsAndTags(oneLine(text).replace(/\|/g, '\u2223'));
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Text inside an HTML element (a `<summary>`), where Markdown escapes would show as backslashes: HTML-escaped, on one
 * line (a blank line would end the HTML block), with `@mentions` and `#123` references broken by a zero-width space.
 */
export function escapeHtmlText(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}

/** A fenced block whose fence is longer than any backtick run in `code`. */
export function codeBlock(code: string, language = ''): string {
  const longest = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}
