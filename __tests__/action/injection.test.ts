import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { fingerprintOf, type Finding } from '../../src/findings';
import { commentBody, parseExistingComment } from '../../src/report/review';
import { findingsSection, noticesSection, notInlineSection } from '../../src/report/summary';
import { outsideFences } from '../helpers/markdown';

/**
 * Everything taken from a PR (paths, code in messages and fixes) must not inject HTML, ping people, forge
 * rl-review's hidden markers, or break out of a code fence or a table.
 */

const HOSTILE_PATH = 'src/<img src=x onerror=alert(1)>@octocat `x` | #1.py';
const HOSTILE_CODE = 'x = "<script>alert(1)</script> @octocat #1 ``` <!-- rl-review:summary -->"';

const finding: Finding = {
  ruleId: 'RL101',
  name: 'missing-generation-prompt',
  severity: 'error',
  path: HOSTILE_PATH,
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 10,
  message: `apply_chat_template() here: ${HOSTILE_CODE}`,
  fix: { description: 'add add_generation_prompt=True', line: 3, endLine: 3, replacement: `${HOSTILE_CODE}\n\`\`\`\`\n</details>` },
  fingerprint: fingerprintOf('RL101', HOSTILE_PATH, HOSTILE_CODE),
};

function expectInert(markdown: string): void {
  const rendered = outsideFences(markdown);
  expect(rendered).not.toMatch(/<(img|script|\/details)/i);
  expect(rendered).not.toMatch(/(^|[^\u200b])@octocat/);
  expect(rendered).not.toMatch(/(^|[^\\])#1\b/);
}

describe('Markdown injection from PR contents', () => {
  test('inline comment: no HTML, no ping, no cross-link; the suggestion fence outlasts any backtick run in the code', () => {
    const body = commentBody(finding, { line: 3, suggestion: true });
    expectInert(body);
    const suggestion = /^(`{4,})suggestion\n([\s\S]*)\n\1$/m.exec(body);
    expect(suggestion?.[2]).toBe(finding.fix!.replacement);
  });

  test('a forged marker in the code does not make a second rl-review marker', () => {
    const body = commentBody(finding, { line: 3, suggestion: true });
    expect(outsideFences(body).match(/<!-- rl-review/g)).toHaveLength(1);
    expect(parseExistingComment({ id: 1, path: finding.path, body })?.fingerprint).toBe(finding.fingerprint);
  });

  test('summary tables and lists: the hostile path and message stay inert and inside their table cell', () => {
    const table = findingsSection('Findings', [finding], (f) => `https://github.com/o/r/blob/abc/${encodeURIComponent(f.path)}`)!;
    const row = table.blocks[1];
    expectInert(row);
    // Three cells: an unescaped `|` from the path or the code would add some.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(3);

    const notInline = notInlineSection([{ finding, reason: 'rejected' }])!.blocks[0];
    expectInert(notInline.replace(/`{2,}[^`][\s\S]*?`{2,}/g, ''));
    // The path is one code span, shown as it is: inside code, HTML is text and `@` pings no one.
    expect(micromark(notInline, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true })).toBe(
      '<ul>\n<li><code>src/&lt;img src=x onerror=alert(1)&gt;@octocat `x` | #1.py:3</code> RL101: GitHub rejected the comment</li>\n</ul>',
    );

    const notice = noticesSection([{ path: HOSTILE_PATH, message: `cannot parse ${HOSTILE_CODE}` }])!.blocks[0];
    expectInert(notice.replace(/^- ``[^`][\s\S]*?``/, ''));
  });
});
