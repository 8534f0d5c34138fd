/**
 * The bundled Action (dist/index.js) with a `smoke-command`, run as a runner would against the GitHub API emulator
 * (__tests__/emulator). Build first: `npm run build`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectIsolation } from '../../src/sandbox/isolation';
import { checkout, issueCommentPayload, PullRequestLab, runAction } from '../emulator';
import { STEAL_FROM_PROC } from '../helpers/processes';

/** Generous: the machine may be busy, and a run waits out GitHub's pacing of writes. */
const TIMEOUT_MS = 120_000;

/** The example's scripted policy, plus what a hostile or careless smoke command might do. */
const SMOKE_SCRIPT = `${readFileSync('examples/smoke/smoke_rollout.py', 'utf8')}
import sys
if os.environ.get("GITHUB_TOKEN") or os.environ.get("INPUT_GITHUB-TOKEN"):
    sys.exit("the smoke command can see the GitHub token")
print("::error file=train.py,line=1::a workflow command from the pull request")
`;

let lab: PullRequestLab;

beforeAll(async () => {
  lab = await PullRequestLab.start({ 'README.md': '# an RL project\n', 'scripts/smoke_rollout.py': SMOKE_SCRIPT });
});

afterAll(async () => {
  expect(lab.gh.violations).toEqual([]);
  await lab.close();
});

const openPullRequest = (branch: string, options: { fromFork?: boolean } = {}) => lab.openPullRequest(branch, { [`notes/${branch}.md`]: 'a change\n' }, options);

describe('rl-review Action with a smoke rollout', () => {
  test.concurrent('runs the smoke command without the token and reports its checks in the comment, the check run and the job summary', async () => {
    const pull = await openPullRequest('smoke');
    const run = await lab.review(pull, { 'smoke-command': 'python3 scripts/smoke_rollout.py' });

    expect(run.stdout).toContain('::group::Smoke rollout: python3 scripts/smoke_rollout.py');
    expect(run.stdout).toContain('wrote 32 trajectories');
    // Workflow commands were disabled while the PR's code ran: its ::error:: is not an annotation.
    expect(run.annotations.filter((a) => a.message.includes('from the pull request'))).toEqual([]);

    const summary = lab.summaryComment(pull);
    expect(summary).toContain('<summary><b>Smoke rollout</b>');
    expect(summary).toMatch(/\| \[special-token-leak\]\([^)]*docs\/rollout-checks\.md#special-token-leak\) \| 7 of 32 \(22%\) \| ≤ 0% \| 🔴 fail \|/);
    expect(summary).toContain('<details><summary>🔴 <code>malformed-tool-call-rewarded</code>');
    expect(summary).toMatch(/```mermaid\n%%\{init: .*\}%%\nxychart-beta\n {4}title "Reward distribution"/);
    expect(run.summary).toContain('<summary><b>Smoke rollout</b>');

    expect(run.exitCode).toBe(1);
    expect(run.outputs.conclusion).toBe('failure');
    expect(lab.gh.state.checkRuns.find((c) => c.headSha === pull.head.sha)).toMatchObject({ conclusion: 'failure' });
    expect(existsSync(run.outputs['rollout-file'])).toBe(true);
    expect(JSON.parse(readFileSync(run.outputs['rollout-file'], 'utf8'))).toMatchObject({ version: 1, trajectories: 32 });

    // How long the command ran is in the job summary, never in the comment: an identical re-run leaves it as it is.
    expect(run.summary).toMatch(/command `python3 scripts\/smoke_rollout.py` ran for \d+(\.\d)? s/);
    expect(summary).not.toMatch(/ran for/);
    const rerun = await lab.review(pull, { 'smoke-command': 'python3 scripts/smoke_rollout.py' });
    expect(rerun.stdout).toContain('summary comment unchanged');
  }, TIMEOUT_MS);

  // Issue 11: the token is in the Action's own environment (INPUT_GITHUB-TOKEN), readable in /proc by any process of
  // the same user; GITHUB_ENV and GITHUB_OUTPUT are files a line in which changes later steps; and rl-review's own
  // files (its rollout worker loads after the smoke command ran) would run code inside the Action's process.
  (detectIsolation() === 'none' ? test.skip : test.concurrent)("the smoke command cannot reach the job's token, its file commands or rl-review's own files", async () => {
    const steal = `import sys
sys.argv[1:] = [${JSON.stringify(lab.gh.token)}]
${STEAL_FROM_PROC}
commands = os.path.join(os.environ["RUNNER_TEMP"], "_runner_file_commands")
for path in [os.path.join(commands, "set_output"), os.path.join(commands, "set_env"), ${JSON.stringify(resolve('dist/rollout-worker.js'))}]:
    try:
        open(path, "a").close()
        print("can write", os.path.basename(path))
    except OSError as error:
        print("cannot write", os.path.basename(path) + ":", error.strerror)
with open(os.path.join(os.environ["RL_REVIEW_OUT"], "rollout.jsonl"), "w") as f:
    f.write(json.dumps({"prompt": "p", "response": "r", "reward": 1.0}) + "\\n")
`;
    const pull = await lab.openPullRequest('smoke-steal', { 'scripts/steal.py': steal });
    const run = await lab.review(pull, { 'smoke-command': 'python3 scripts/steal.py', 'fail-on': 'never' });
    expect(run.stdout).toContain('stolen: []');
    expect(run.stdout).not.toContain('can write');
    expect(run.stdout).toMatch(/cannot write set_output: (Read-only file system|No such file or directory)/);
    expect(run.stdout).toMatch(/cannot write rollout-worker.js: (Read-only file system|Permission denied)/);
    expect(run.outputs['rollout-file']).toBeDefined();
    if (detectIsolation() === 'root') expect(lab.summaryComment(pull)).toContain('ran as root: in its own PID namespace');
  }, TIMEOUT_MS);

  test.concurrent('refuses to run the code of a fork PR unless allowed', async () => {
    const pull = await openPullRequest('smoke-fork', { fromFork: true });
    const run = await lab.review(pull, { 'smoke-command': 'python3 scripts/smoke_rollout.py', 'fail-on': 'never' });
    expect(run.stdout).not.toContain('wrote 32 trajectories');
    expect(run.summary).toContain('The smoke rollout did not run: the pull request comes from a fork');
    expect(run.outputs['rollout-file']).toBeUndefined();
  }, TIMEOUT_MS);

  test.concurrent("refuses the smoke command and the reward function under issue_comment, whose workflow checked out the pull request's head", async () => {
    const pull = await openPullRequest('smoke-comment');
    // `actions/checkout` with `ref: refs/pull/N/head`, as a "/rl-review" comment workflow would do.
    const workspace = await checkout(lab.gh, `refs/pull/${pull.number}/head`);
    const run = await runAction({
      emulator: lab.gh,
      eventName: 'issue_comment',
      eventPayload: issueCommentPayload(lab.gh, pull, '/rl-review'),
      inputs: { 'smoke-command': 'python3 scripts/smoke_rollout.py', 'reward-function': 'scripts/smoke_rollout.py:reward', 'fail-on': 'never' },
      cwd: workspace,
      timeoutMs: 90_000,
    });
    try {
      expect(run.exitCode).toBe(0);
      expect(run.stdout).not.toContain('wrote 32 trajectories');
      expect(run.summary).toContain('The smoke rollout did not run: this is an issue\\_comment run');
      expect(run.summary).toContain('The reward probe did not run: this is an issue\\_comment run');
      expect(run.outputs['rollout-file']).toBeUndefined();
    } finally {
      run.remove();
      rmSync(workspace, { recursive: true, force: true });
    }
  }, TIMEOUT_MS);

  test.concurrent('a smoke command that fails is a failed check with the end of its output, not a crash', async () => {
    const pull = await openPullRequest('smoke-broken');
    const run = await lab.review(pull, { 'smoke-command': 'python3 -c "raise SystemExit(\'CUDA out of memory\')"' });
    expect(run.exitCode).toBe(1);
    const summary = lab.summaryComment(pull);
    expect(summary).toContain('🔴 **The smoke rollout failed:** the smoke command exited with status 1');
    expect(summary).toContain('CUDA out of memory');
    // No finding, and yet a failed check: its title says why.
    const check = lab.gh.state.checkRuns.find((c) => c.headSha === pull.head.sha);
    expect(check).toMatchObject({ conclusion: 'failure', output: { title: 'Smoke rollout failed: the smoke command exited with status 1' } });
  }, TIMEOUT_MS);
});
