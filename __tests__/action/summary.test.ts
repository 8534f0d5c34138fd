import type { Finding } from '../../src/findings';
import { annotationOf, ANNOTATIONS_PER_REQUEST, batches } from '../../src/report/check-run';
import {
  COMMENT_BODY_LIMIT, countBytes, countCharacters, findingsSection, jobSummaryNote, renderSections, type SummarySection,
} from '../../src/report/summary';

const finding = (line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'RL104',
  name: 'reward-shift',
  severity: 'warning',
  path: 'rewards.py',
  line,
  column: 5,
  endLine: line,
  endColumn: 20,
  message: 'reward - 0.5 shifts the reward: scale it instead',
  fingerprint: `fp${line}`,
  ...extra,
});

const fileUrl = (f: Finding) => `https://github.com/o/r/blob/abc/${f.path}#L${f.line}`;

describe('renderSections: summaries stay under GitHub limits', () => {
  const note = jobSummaryNote('https://github.com/o/r/actions/runs/7');

  test('a short summary is rendered whole: head, then each section collapsed under its title', () => {
    const text = renderSections('## rl-review', [{ title: 'Smoke rollout', blocks: ['- 8 rollouts, 0 crashed'] }], {
      limit: COMMENT_BODY_LIMIT, measure: countCharacters, omittedNote: note,
    });
    expect(text).toBe('## rl-review\n\n<details><summary><b>Smoke rollout</b></summary>\n\n- 8 rollouts, 0 crashed\n\n</details>\n');
  });

  test('5,000 findings: the table is cut under 65,536 characters with a note linking the job summary', () => {
    const table = findingsSection('Findings', Array.from({ length: 5000 }, (_, i) => finding(i + 1)), fileUrl)!;
    const rollout: SummarySection = { title: 'Smoke rollout', blocks: ['- 8 rollouts, 0 crashed'] };
    const text = renderSections('## rl-review', [table, rollout], { limit: COMMENT_BODY_LIMIT, measure: countCharacters, omittedNote: note });
    expect(text.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
    expect(text).toMatch(/_… \d+ more not shown \(GitHub limits comments to 65,536 characters\): see the \[job summary\]\(https:\/\/github.com\/o\/r\/actions\/runs\/7\)\._/);
    // The longest section is cut first: the short one after it survives whole.
    expect(text).toContain('<summary><b>Smoke rollout</b></summary>\n\n- 8 rollouts, 0 crashed');
    // The table keeps its header and whole rows.
    expect(text).toContain('| Severity | Location | Finding |\n|---|---|---|\n| 🟠 warning | [rewards.py:1]');
  });

  test('the job summary limit is in bytes: multi-byte text is measured as such', () => {
    const blocks = Array.from({ length: 3000 }, () => '- ' + 'é'.repeat(200));
    const text = renderSections('## rl-review', [{ title: 'Notices', blocks }], { limit: 1024 * 1024, measure: countBytes, omittedNote: note });
    expect(countBytes(text)).toBeLessThanOrEqual(1024 * 1024);
    // Counted in characters it would have kept nearly twice as much.
    expect(text.length).toBeLessThan(0.6 * 1024 * 1024);
  });
});

describe('check run annotations', () => {
  test('batched 50 per request; columns only on single-line annotations', () => {
    const annotations = Array.from({ length: 120 }, (_, i) => annotationOf(finding(i + 1)));
    expect(batches(annotations, ANNOTATIONS_PER_REQUEST).map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches([], ANNOTATIONS_PER_REQUEST)).toEqual([[]]);
    expect(annotationOf(finding(3))).toMatchObject({ start_line: 3, end_line: 3, start_column: 5, end_column: 20, annotation_level: 'warning' });
    expect(annotationOf(finding(3, { endLine: 5 }))).not.toHaveProperty('start_column');
    expect(annotationOf(finding(3, { severity: 'error' })).annotation_level).toBe('failure');
  });
});
