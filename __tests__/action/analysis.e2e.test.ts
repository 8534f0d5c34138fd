/**
 * The static analysis fails closed on a pull request, against the GitHub API emulator (__tests__/emulator): a file it
 * cannot analyze is a warning, a padded file hides no finding, a push that makes a file unanalyzable resolves none of
 * its findings, and the `rl-review: ignore` comments a pull request adds are shown. Build first: `npm run build`.
 */
import { PullRequestLab } from '../emulator';

/** Generous: the machine may be busy, and a run waits out GitHub's pacing of writes. */
const TIMEOUT_MS = 150_000;

/** RL101 on line 2 (`suffix` ends that line). */
const flaggedRollout = (name: string, suffix = '') =>
  `def ${name}(engine, tok, messages):\n    prompt = tok.apply_chat_template(messages, tokenize=False)${suffix}\n    return engine.generate(prompt)\n`;

/** Lines no rule flags, to `bytes`: generated code or data, past the 2 MiB that rl-review analyzes. */
const filler = (bytes: number) => 'STEP = 1\n'.repeat(Math.ceil(bytes / 9));

let lab: PullRequestLab;

beforeAll(async () => {
  lab = await PullRequestLab.start({
    'README.md': '# an RL project\n',
    // Already on the base: the pull requests below do not add it.
    'train/old.py': '# rl-review: ignore-file[RL104]\nREWARD_SHIFT = 0.5\n',
  });
});

afterAll(async () => {
  expect(lab.gh.violations).toEqual([]);
  await lab.close();
});

describe('rl-review Action: a file it cannot analyze does not pass as clean', () => {
  test.concurrent('a file over 2 MiB is a not-analyzed warning that fails at fail-on: warning; a padded file hides no error', async () => {
    // The attack: 14,500 suppressed findings in 1.9 MB made the analysis quadratic, the watchdog stopped it, and the
    // real finding on line 2 was a notice that passed the check.
    const padding = Array.from({ length: 14_500 }, (_, i) =>
      `def rollout_${i}(engine, tok, m):\n    p = tok.apply_chat_template(m, tokenize=False)  # rl-review: ignore[RL101]\n    return engine.generate(p)\n`);
    const pull = await lab.openPullRequest('unanalyzable', {
      'train/padded.py': flaggedRollout('rollout') + padding.join(''),
      'data/generated.py': filler(2.1 * 1024 * 1024),
    });

    const run = await lab.review(pull, { 'fail-on': 'warning' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ findings: '2', errors: '1', conclusion: 'failure' });
    const [check] = lab.gh.state.checkRuns.filter((c) => c.headSha === pull.head.sha);
    expect(check.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['data/generated.py', 1, 'warning', 'not-analyzed'],
      ['train/padded.py', 2, 'failure', 'RL101 missing-generation-prompt'],
    ]);
    const summary = lab.summaryComment(pull);
    expect(summary).toContain('Not analyzed: larger than 2 MiB. rl-review cannot say whether this file has findings.');
    expect(summary).toContain('[not-analyzed](');
  }, TIMEOUT_MS);

  test.concurrent('a push that makes a file too large to analyze does not mark its earlier findings resolved', async () => {
    const pull = await lab.openPullRequest('grows', { 'train/rollout.py': flaggedRollout('rollout') });
    await lab.review(pull, {});
    const [comment] = lab.gh.state.reviewComments.filter((c) => c.pullNumber === pull.number);
    expect(comment.body).toMatch(/rule=RL101/);

    const pushed = await lab.push(pull, { 'train/rollout.py': flaggedRollout('rollout') + filler(2.1 * 1024 * 1024) });
    const run = await lab.review(pull, {}, pushed);
    expect(run.outputs).toMatchObject({ findings: '1', errors: '0', conclusion: 'success' });
    expect(lab.gh.state.reviewComments.find((c) => c.id === comment.id)?.body).not.toContain('Resolved');
    expect(lab.gh.state.reviewThreads.find((t) => t.commentIds.includes(comment.id))?.isResolved).toBe(false);
    expect(lab.summaryComment(pull)).toContain('Not analyzed: larger than 2 MiB');
  }, TIMEOUT_MS);
});

describe('rl-review Action: what a pull request silences in the code is shown', () => {
  test.concurrent('the ignore-file and blanket ignore comments it adds, with the findings they silence; not those of the base', async () => {
    const pull = await lab.openPullRequest('silencing', {
      'train/a.py': `# rl-review: ignore-file[RL101]\n${flaggedRollout('rollout')}${flaggedRollout('sample')}`,
      'train/b.py': flaggedRollout('rollout', '  # rl-review: ignore'),
      'train/c.py': '# rl-review: ignore-file\nSTEP = 1\n',
      'train/old.py': '# rl-review: ignore-file[RL104]\nREWARD_SHIFT = 0.0\n',
    });

    const run = await lab.review(pull, {});
    expect(run.outputs).toMatchObject({ findings: '0', conclusion: 'success' });
    const summary = lab.summaryComment(pull);
    const section = summary.slice(summary.indexOf('<details><summary><b>Rules silenced by this pull request</b>'));
    expect(section.split('\n').slice(0, 6)).toEqual([
      '<details><summary><b>Rules silenced by this pull request</b> · 3</summary>',
      '',
      '3 `rl-review: ignore` comments added by this pull request silence 3 findings; 2 of them switch rules off in a whole file (`ignore-file`).',
      '',
      '- `train/a.py:1` `ignore-file[RL101]`: RL101 off in the whole file; 2 findings silenced (RL101 ×2)',
      '- `train/b.py:2` `ignore`: every rule off on this line and the next; 1 finding silenced (RL101 ×1)',
    ]);
    expect(section).toContain('- `train/c.py:1` `ignore-file`: every rule off in the whole file; no finding silenced in this run');
    expect(section).not.toContain('train/old.py');
    expect(run.summary).toContain('<summary><b>Rules silenced by this pull request</b>');
  }, TIMEOUT_MS);
});
