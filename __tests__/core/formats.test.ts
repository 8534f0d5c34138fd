import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Finding } from '../../src/findings';
import { formatGithub } from '../../src/report/github';
import { formatJson } from '../../src/report/json';
import { formatMarkdown } from '../../src/report/markdown';
import type { Report } from '../../src/report/report';
import { buildSarif } from '../../src/report/sarif';
import { formatText } from '../../src/report/text';

const finding: Finding = {
  ruleId: 'RL101',
  name: 'missing-generation-prompt',
  severity: 'error',
  path: 'train/rollout.py',
  line: 2,
  column: 14,
  endLine: 2,
  endColumn: 30,
  message: 'apply_chat_template() without add_generation_prompt=True',
  fix: { description: 'Pass add_generation_prompt=True', line: 2, endLine: 2, replacement: '    p = t(m, add_generation_prompt=True)' },
  fingerprint: '0123456789abcdef',
};
const report: Report = {
  findings: [finding, { ...finding, severity: 'warning', line: 9, endLine: 9, fix: undefined, ruleId: 'RL104', name: 'reward-shift', message: 'shift, 50%: done' }],
  notices: [{ path: 'broken.py', line: 3, message: 'syntax error: analyzed what tree-sitter could recover' }],
  stats: { files: 3, parsed: 2, skipped: 1, durationMs: 12 },
};

describe('output formats', () => {
  test('json: the documented shape', () => {
    const json = JSON.parse(formatJson(report));
    expect(json.version).toBe(1);
    expect(Object.keys(json.findings[0])).toEqual(expect.arrayContaining(['ruleId', 'name', 'severity', 'path', 'line', 'column', 'endLine', 'endColumn', 'message', 'fix']));
    expect(json.stats).toEqual({ files: 3, parsed: 2, skipped: 1, durationMs: 12 });
  });

  test('sarif: valid against the official SARIF 2.1.0 schema, with rule metadata and help links', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const sarif = buildSarif(report);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const run = sarif.runs[0];
    const rule = run.tool.driver.rules!.find((r) => r.id === 'RL101')!;
    expect(rule.helpUri).toMatch(/\/docs\/rules\/missing-generation-prompt\.md$/);
    expect(run.results![0]).toMatchObject({ ruleId: 'RL101', level: 'error', partialFingerprints: { 'rlReview/v1': '0123456789abcdef' } });
    expect(run.results![1].level).toBe('warning');
    expect(run.invocations![0].toolExecutionNotifications).toHaveLength(1);
  });

  test('github: workflow commands with escaped properties and data', () => {
    const lines = formatGithub(report).trim().split('\n');
    expect(lines[0]).toBe('::error file=train/rollout.py,line=2,endLine=2,col=14,endColumn=30,title=RL101 missing-generation-prompt::apply_chat_template() without add_generation_prompt=True');
    expect(lines[1]).toMatch(/^::warning .*::shift, 50%25: done$/);
    expect(lines[2]).toBe('::notice file=broken.py,line=3,title=rl-review::syntax error: analyzed what tree-sitter could recover');
  });

  test('markdown: the verdict, the blockers, a table linking rule docs, and notices', () => {
    const md = formatMarkdown(report, 'error');
    expect(md).toMatch(/^## rl-review\n\n❌ \*\*Blocks merge\*\* at `fail-on: error`: 1 error · 1 warning · 0 info\n/);
    expect(md).toContain('**Blocking the merge:**\n\n1. 🔴 error [RL101 missing-generation-prompt](https://github.com/');
    // The error is a blocker, listed above; the table below has the rest.
    expect(md).toMatch(/<details><summary><b>Other findings<\/b> · 0 errors · 1 warning · 0 info<\/summary>\n\n\| Severity \| Location \| Finding \|\n\|---\|---\|---\|\n\| 🟠 warning \| /);
    expect(md).toContain('<details><summary><b>Notices</b> · 1</summary>');
  });

  test('markdown: text from the PR cannot inject HTML, mentions or break the table', () => {
    const evil: Finding = { ...finding, path: 'a|b<img src=x onerror=alert(1)>.py', message: 'ping @octocat </details> | `x`' };
    // At fail-on: never, nothing blocks: the finding is in the table.
    const md = formatMarkdown({ findings: [evil], notices: [] }, 'never');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('@octocat');
    // Only rl-review's own collapsible sections: the message's </details> is text.
    expect(md.match(/<\/details>/g)).toHaveLength(md.match(/<details>/g)!.length);
    expect(md).toContain('&lt;/details&gt;');
    expect(md.split('\n').find((l) => l.startsWith('|') && l.includes('RL101'))!.split(/(?<!\\)\|/).length).toBe(5);
  });

  test('text: grouped by file, source line with a caret, one total line', () => {
    const text = formatText(report, { color: false, sourceLine: (_, line) => (line === 2 ? '    p = tok.apply_chat_template(m)' : undefined) });
    expect(text).toContain('train/rollout.py\n  2:14  error   apply_chat_template()');
    expect(text).toContain('\n      ' + ' '.repeat(13) + '^'.repeat(16) + '\n');
    expect(text).toContain('notice: broken.py:3: syntax error');
    expect(text.trim().split('\n').at(-1)).toBe('2 findings (1 error, 1 warning, 0 info) in 3 files (2 parsed, 1 skipped), 12 ms.');
  });
});
