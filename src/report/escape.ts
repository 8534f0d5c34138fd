/**
 * Text taken from a pull request (paths, code, messages quoting code) goes into Markdown only through these
 * functions: no raw HTML, no `@mention` pings, no `#123` cross-links, no breaking out of a table, a list item or a
 * code fence. Each takes plain text and gives Markdown for one place: `escapeMarkdown` for running text,
 * `inlineCode` for a code span, `messageMarkdown` for a rule's message (prose and code spans), `escapeHtmlText` for
 * text inside an HTML element, `codeBlock` for a fenced block.
 */

/**
 * Every line break a renderer may honour: CommonMark's line endings (`\r\n`, a lone `\r`, `\n`) and the Unicode line
 * and paragraph separators. Within one line of Markdown (a table row, a list item, the text of an HTML block) a
 * break would end it, and what follows would be parsed as a block of its own (raw HTML, a heading...).
 */
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;

/** Text on one line: each line break becomes a space. */
const oneLine = (text: string) => text.replace(LINE_BREAK, ' ');

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

/** Where Markdown goes: running text (a paragraph, a list item) or a GFM table cell, where `|` splits the cell. */
export type MarkdownPlace = 'text' | 'table';

/**
 * A code span that cannot be broken out of: its backtick run is longer than any inside, and it stays on one line. In
 * a table cell a `|` (which splits a GFM cell even inside code) is escaped as `\|`, which GFM shows as `|` in the
 * code. Nothing else changes: inside a code span HTML is text and `@` pings no one, so a copied `<|im_end|>` stays
 * `<|im_end|>`.
 */
export function inlineCode(text: string, place: MarkdownPlace = 'text'): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const line = oneLine(text);
  // A backslash before a `|` would escape the escape (`\\|` ends the cell): a zero-width space keeps them apart.
  const body = place === 'table' ? line.replace(/\\(?=\|)/g, '\\\u200b').replace(/\|/g, '\\|') : line;
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A message written by a rule or a check, which quotes code between backticks (`` `<|im_start|>assistant\n` ``) and
 * may quote the pull request's code there or in its prose: the quotes become code spans (see `inlineCode`), the
 * prose running text (see `escapeMarkdown`). A backtick without its pair is prose.
 */
export function messageMarkdown(message: string, place: MarkdownPlace = 'text'): string {
  const parts: string[] = [];
  let last = 0;
  for (const quote of message.matchAll(/`([^`\r\n\u2028\u2029]+)`/g)) {
    parts.push(escapeMarkdown(message.slice(last, quote.index)), inlineCode(quote[1], place));
    last = quote.index + quote[0].length;
  }
  parts.push(escapeMarkdown(message.slice(last)));
  return parts.join('');
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
