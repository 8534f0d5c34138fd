/**
 * Everything taken from a PR (paths, code, messages quoting code) is escaped before it goes into Markdown:
 * no raw HTML, no `@mention` pings, no `#123` cross-links, no breaking out of a table or a code fence.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/@/g, '@\u200b')
    .replace(/\r?\n/g, ' ');
}

/** Inline code that cannot be broken out of: a backtick run longer than any inside, HTML-free by construction. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\u2223');
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run in `code`. */
export function codeBlock(code: string, language = ''): string {
  const longest = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}
