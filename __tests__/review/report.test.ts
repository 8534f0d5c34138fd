import type { Finding } from '../../src/findings';
import { annotationOf, checkRunTitle } from '../../src/report/check-run';
import { formatGithub } from '../../src/report/github';
import { formatJson } from '../../src/report/json';
import { formatMarkdown } from '../../src/report/markdown';
import type { Report } from '../../src/report/report';
import { commentBody } from '../../src/report/review';
import { formatText } from '../../src/report/text';
import type { CheckResult, RolloutReport } from '../../src/rollout/report';

/** A rule's finding: its code and its name. */
const ruleFinding: Finding = {
  ruleId: 'RL101', name: 'missing-generation-prompt', severity: 'error', path: 'train/rollout.py',
  line: 2, column: 14, endLine: 2, endColumn: 30, message: 'no generation prompt', fingerprint: '0123456789abcdef',
};
/** A probe check's finding: its id is its name. */
const probeFinding: Finding = {
  ...ruleFinding, ruleId: 'template-stop-token', name: 'template-stop-token', path: 'model/generation_config.json', line: 4, column: 3, endLine: 4, endColumn: 17, message: 'eos mismatch',
};

const check = (id: CheckResult['id'], status: CheckResult['status']): CheckResult =>
  ({ id, status, count: status === 'pass' ? 0 : 3, total: 8, threshold: 0, message: `${id}: 3 of 8`, examples: [] });

const rollout = (checks: CheckResult[], failure?: string): RolloutReport => ({
  trajectories: 8, skipped: 0, checks, metrics: { trajectories: 8 }, severities: {}, files: [{ path: '$RL_REVIEW_OUT/smoke.jsonl', format: 'native' }], filesFound: 1,
  notices: [], distributions: [], failure,
});

describe('a probe finding names its check once', () => {
  const report: Report = { findings: [ruleFinding, probeFinding], notices: [] };

  test('text', () => {
    const text = formatText(report, { color: false, sourceLine: () => undefined });
    expect(text).toContain('error   no generation prompt  RL101 missing-generation-prompt\n');
    expect(text).toContain('error   eos mismatch  template-stop-token\n');
  });

  test('markdown, workflow commands and check-run annotations', () => {
    expect(formatMarkdown(report, 'never')).toMatch(/\[RL101 missing-generation-prompt\]\([^)]+\)/);
    expect(formatMarkdown(report, 'never')).toMatch(/\[template-stop-token\]\([^)]+docs\/probes\.md#template-stop-token\)\*\*: eos mismatch/);
    expect(formatGithub(report)).toContain(',title=template-stop-token::eos mismatch');
    expect(annotationOf(probeFinding).title).toBe('template-stop-token');
    expect(annotationOf(ruleFinding).title).toBe('RL101 missing-generation-prompt');
  });

  test('inline review comments', () => {
    const title = (finding: Finding) => commentBody(finding, { line: finding.line, suggestion: false }).split('\n')[1];
    expect(title(probeFinding)).toMatch(/^🔴 \*\*\[template-stop-token\]\([^)]+\)\*\* · error$/);
    expect(title(ruleFinding)).toMatch(/^🔴 \*\*\[RL101 missing-generation-prompt\]\(/);
  });
});

describe('the smoke rollout in every format', () => {
  const report: Report = { findings: [], notices: [], rollout: rollout([check('special-token-leak', 'fail'), check('tool-call-format', 'warn'), check('truncation', 'pass')]) };

  test('text: its table after the findings', () => {
    const text = formatText(report, { color: false, sourceLine: () => undefined });
    expect(text).toContain('Smoke rollout: 8 trajectories from 1 file (native), 0 skipped');
    expect(text).toMatch(/\nFAIL {4}special-token-leak +3 of 8/);
    expect(text.trim().split('\n').at(-1)).toBe('No findings.');
  });

  test('json: its checks and metrics, and why it failed to run', () => {
    expect(JSON.parse(formatJson(report)).rollout).toMatchObject({ trajectories: 8, checks: [{ id: 'special-token-leak', status: 'fail' }, {}, {}], metrics: { trajectories: 8 } });
    const failed = JSON.parse(formatJson({ ...report, rollout: rollout([], 'the smoke command exited with status 1') })).rollout;
    expect(failed).toMatchObject({ trajectories: 8, failure: 'the smoke command exited with status 1', notices: [] });
  });

  test('github: failed and warned checks, or the failure, annotate the run', () => {
    expect(formatGithub(report).trim().split('\n')).toEqual([
      '::error title=smoke rollout special-token-leak::special-token-leak: 3 of 8',
      '::warning title=smoke rollout tool-call-format::tool-call-format: 3 of 8',
    ]);
    expect(formatGithub({ ...report, rollout: rollout([], 'the smoke command timed out after 15 min') })).toBe(
      '::error title=rl-review smoke rollout::the smoke command timed out after 15 min\n',
    );
  });
});

describe('the check run title says what failed', () => {
  test.each<[string, Report, string]>([
    ['findings by severity', { findings: [ruleFinding, { ...probeFinding, severity: 'warning' }], notices: [] }, '2 findings: 1 error, 1 warning, 0 info'],
    ['nothing', { findings: [], notices: [], rollout: rollout([check('truncation', 'pass'), check('tool-call-format', 'warn')]) }, 'No findings'],
    ['failed smoke checks, with no finding', { findings: [], notices: [], rollout: rollout([check('special-token-leak', 'fail'), check('loss-mask', 'fail')]) }, 'Smoke rollout: special-token-leak, loss-mask failed'],
    ['a smoke command that failed', { findings: [], notices: [], rollout: rollout([], 'the smoke command exited with status 1') }, 'Smoke rollout failed: the smoke command exited with status 1'],
    ['both', { findings: [ruleFinding], notices: [], rollout: rollout([check('loss-mask', 'fail')]) }, '1 finding: 1 error, 0 warnings, 0 info; smoke rollout: loss-mask failed'],
  ])('%s', (_name, report, title) => {
    expect(checkRunTitle(report)).toBe(title);
  });
});
