/**
 * What a reviewer reads on the example project's pull request, in each state it can be in: the sticky summary, the
 * review body, an inline comment and the check run, as snapshots, and the summary rendered the way GitHub renders it
 * (GFM, GitHub's sanitizer, GitHub's stylesheet in Chromium): the verdict first, code as code, one screen tall.
 * Build first: `npm run build`. `RL_REVIEW_SCREENSHOT=docs/pr-summary.png` saves the README's screenshot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { PullRequestLab, type ActionRun, type FileChanges } from '../emulator';
import type { PullRequestRecord } from '../emulator/state';
import { chromium, openInChromium, renderLikeGitHub } from '../helpers/github-render';

const TIMEOUT_MS = 150_000;

/** The files of an example directory (examples/DIR), at DIR/ in the repository. */
function example(dir: string): FileChanges {
  return Object.fromEntries(
    readdirSync(`examples/${dir}`).filter((name) => !name.endsWith('.md')).map((name) => [`${dir}/${name}`, readFileSync(`examples/${dir}/${name}`, 'utf8')]),
  );
}

const STATIC_ONLY = { config: '.github/static-only.yml' };

/** Each state: the pull request's files, the Action's inputs, and whether it comes from a fork. */
const STATES: Record<string, { files: FileChanges; inputs: Record<string, string>; fromFork?: boolean }> = {
  'findings only': { files: example('grpo_trainer'), inputs: STATIC_ONLY },
  'findings and failed smoke checks': { files: { ...example('grpo_trainer'), ...example('smoke'), ...example('model') }, inputs: {} },
  'smoke command crashed': { files: { ...example('grpo_trainer'), ...example('smoke'), ...example('model') }, inputs: { 'smoke-command': 'python3 smoke/crash.py' } },
  'overflow past max-comments': { files: example('grpo_trainer'), inputs: { ...STATIC_ONLY, 'max-comments': '3' } },
  'fork fallback': { files: example('grpo_trainer'), inputs: STATIC_ONLY, fromFork: true },
  'everything passing': { files: { 'train/clean.py': 'STEP = 1\n' }, inputs: STATIC_ONLY },
};

let lab: PullRequestLab;
const runs = new Map<string, { pull: PullRequestRecord; run: ActionRun }>();

beforeAll(async () => {
  lab = await PullRequestLab.start({
    'README.md': '# the example project\n',
    '.github/rl-review.yml': readFileSync('examples/.github/rl-review.yml', 'utf8'),
    '.github/static-only.yml': 'rules: {}\n',
    // A smoke command that dies as a GPU job does on a runner without one.
    'smoke/crash.py': [
      'import sys',
      'print("loading policy...")',
      'print("Traceback (most recent call last):", file=sys.stderr)',
      'print(\'  File "smoke/crash.py", line 7, in <module>\', file=sys.stderr)',
      'print("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", file=sys.stderr)',
      'sys.exit(1)',
      '',
    ].join('\n'),
  });
  // One at a time: the machine has two cores, and each run is a whole Action.
  for (const [state, { files, inputs, fromFork }] of Object.entries(STATES)) {
    const pull = await lab.openPullRequest(state.replace(/\W+/g, '-'), files, { fromFork });
    runs.set(state, { pull, run: await lab.review(pull, inputs) });
  }
}, 6 * TIMEOUT_MS);

afterAll(async () => {
  expect(lab.gh.violations).toEqual([]);
  await lab.close();
});

/** What changes from one run to the next: commit ids, run ids, timings, the emulator's address, temp paths. */
function stable(text: string): string {
  return text
    .replace(/https?:\/\/(?:127\.0\.0\.1|localhost):\d+/g, '<server>')
    .replace(/\b[0-9a-f]{40}\b/g, '<sha>')
    .replace(/`[0-9a-f]{7}`/g, '`<sha7>`')
    .replace(/actions\/runs\/\d+/g, 'actions/runs/<run>')
    .replace(/\d+ ms\b/g, '<ms> ms')
    .replace(/ran for [\d.]+ s/g, 'ran for <t> s')
    .replace(/\/tmp\/[\w./-]+/g, '<tmp>');
}

/** Everything the reviewer sees, for one state, as posted. */
function bodies(state: string) {
  const { pull, run } = runs.get(state)!;
  const [check] = lab.gh.state.checkRuns.filter((c) => c.headSha === pull.head.sha);
  const review = lab.gh.state.reviews.find((r) => r.pullNumber === pull.number);
  const inline = lab.gh.state.reviewComments.find((c) => c.pullNumber === pull.number);
  return {
    summaryComment: lab.summaryComment(pull),
    reviewBody: review?.body ?? '',
    firstInlineComment: inline?.body ?? '',
    checkRun: check ? { conclusion: check.conclusion, title: check.output.title, summary: check.output.summary ?? '', annotations: check.annotations.length } : undefined,
    fallbackAnnotations: run.annotations.length,
    jobSummary: run.summary,
  };
}

describe.each(Object.keys(STATES))('%s', (state) => {
  test('summary, review body, inline comment and check run', () => {
    expect(JSON.parse(stable(JSON.stringify(bodies(state))))).toMatchSnapshot();
  });

  test('rendered as GitHub renders it: the verdict first, code spans as code, no visible escapes, one <details> per section', () => {
    const { summaryComment, jobSummary } = bodies(state);
    // A fork's read-only token posts no comment: the job summary is what its reviewers read.
    const markdown = summaryComment || jobSummary;
    const html = renderLikeGitHub(markdown);
    expect(html).toMatch(/^\s*<h2>rl-review<\/h2>\n<p>(❌ <strong>Blocks merge<\/strong>|✅ <strong>Passes<\/strong>) at <code>fail-on: error<\/code>: /);
    expect(html.match(/<details(?: open(?:="")?)?>/g)?.length ?? 0).toBe(html.match(/<\/details>/g)?.length ?? 0);
    // Outside code, no backslash escape shows: they are all Markdown's.
    const prose = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
    expect(prose).not.toMatch(/\\[\\`*_{}[\]()#+!|~<>-]/);
    expect(prose).not.toMatch(/`/);
  });
});

test('the summary with findings and failed smoke checks is one screen tall with its sections closed, and its Mermaid parses', () => {
  const binary = chromium();
  if (!binary) {
    console.warn('Skipped: Chromium is not installed (.ci/run installs Debian\'s chromium).');
    return;
  }
  const { summaryComment } = bodies('findings and failed smoke checks');
  const page = openInChromium(binary, renderLikeGitHub(summaryComment), { screenshot: process.env.RL_REVIEW_SCREENSHOT, screenshotHeight: 1000 });
  expect(page.height).toBeLessThanOrEqual(1000);
  expect(page.mermaid.length).toBeGreaterThan(0);
  expect(page.mermaid.filter((block) => block.error)).toEqual([]);
}, TIMEOUT_MS);
