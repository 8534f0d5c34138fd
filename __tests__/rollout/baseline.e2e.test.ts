/**
 * The smoke rollout of a pull request compared with the default branch's baseline: the `rl-review-baseline` artifact
 * that a run on main uploaded, found and downloaded through the Actions artifacts API of the GitHub API emulator
 * (__tests__/emulator). Build first: `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { GitRepository, pullRequestPayload, runAction, startEmulator, type ActionRun, type GitHubEmulator, type PullRequestRecord } from '../emulator';

/** Generous: the machine may be busy, and a run waits out GitHub's pacing of writes. */
const TIMEOUT_MS = 120_000;

const SMOKE_COMMAND = 'python3 scripts/smoke_rollout.py';

/** An `rl-review-rollout.json` as a run on main writes it (only `version` and `metrics` matter to a baseline). */
const rolloutReport = (metrics: Record<string, number>) => JSON.stringify({ version: 1, trajectories: 32, skipped: 0, checks: [], metrics });

interface Project {
  gh: GitHubEmulator;
  pull: PullRequestRecord;
  mainSha: string;
  review(options?: { token?: string }): Promise<ActionRun>;
  summary(): string;
  close(): Promise<void>;
}

/** A repository with the example's smoke rollout on main, and a pull request that changes something else. */
async function project(): Promise<Project> {
  const git = await GitRepository.create({ 'README.md': '# an RL project\n', 'scripts/smoke_rollout.py': readFileSync('examples/smoke/smoke_rollout.py', 'utf8') });
  const mainSha = await git.revParse('main');
  await git.branch('feature');
  await git.commit({ 'notes.md': 'a change\n' }, 'Change');
  const gh = await startEmulator({ repository: git });
  const pull = await gh.openPullRequest({ head: 'feature' });
  const runs: ActionRun[] = [];
  return {
    gh,
    pull,
    mainSha,
    async review({ token } = {}) {
      const payload = await pullRequestPayload(gh, pull, 'opened');
      const inputs = { 'smoke-command': SMOKE_COMMAND, 'fail-on': 'never' };
      const run = await runAction({ emulator: gh, eventName: 'pull_request', eventPayload: payload, inputs, token, timeoutMs: 90_000 });
      runs.push(run);
      return run;
    },
    summary: () => gh.state.issueComments.find((c) => c.issueNumber === pull.number && c.body.startsWith('<!-- rl-review:summary -->'))?.body ?? '',
    async close() {
      expect(gh.violations).toEqual([]);
      for (const run of runs) run.remove();
      await gh.close();
      git.remove();
    },
  };
}

describe('rl-review Action: the smoke rollout against the default branch\'s baseline artifact', () => {
  test.concurrent('shows each metric\'s change from the newest baseline uploaded on main', async () => {
    const { gh, mainSha, review, summary, close } = await project();
    try {
      const onMain = { headBranch: 'main', headSha: mainSha };
      gh.state.addArtifact('rl-review-baseline', { 'rl-review-rollout.json': rolloutReport({ tool_call_rate: 0.9 }) }, { run: onMain });
      const baseline = gh.state.addArtifact(
        'rl-review-baseline',
        { 'rl-review-rollout.json': rolloutReport({ tool_call_rate: 0.5, special_token_leak_rate: 0, reward_mean: 0.88125 }) },
        { run: onMain },
      );
      // Newer, and not to be used: expired, and uploaded from another branch.
      gh.state.addArtifact('rl-review-baseline', { 'rl-review-rollout.json': rolloutReport({ tool_call_rate: 0.1 }) }, { run: onMain, expired: true });
      gh.state.addArtifact('rl-review-baseline', { 'rl-review-rollout.json': rolloutReport({ tool_call_rate: 0.2 }) }, { run: { headBranch: 'feature', headSha: mainSha } });

      const run = await review();

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain(`rl-review: smoke rollout baseline: artifact ${baseline.id} from main at ${mainSha.slice(0, 7)}.`);
      const downloads = gh.requests.filter((r) => r.operationId === 'actions/download-artifact');
      expect(downloads.map((r) => r.path)).toEqual([`/repos/octo-org/rl-project/actions/artifacts/${baseline.id}/zip`]);
      const comment = summary();
      expect(comment).toContain('### Smoke rollout');
      expect(comment).toContain('Changes from the baseline:');
      expect(comment).toContain('| `tool_call_rate` | 50% → 34% | -15.6 pts |');
      expect(comment).toContain('| `special_token_leak_rate` | 0% → 22% | +21.9 pts |');
      // Unchanged metrics are only in the collapsed table of all metrics.
      expect(comment).not.toMatch(/\| `reward_mean` \| .* → /);
      expect(run.summary).toContain('Changes from the baseline:');
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test.concurrent('no baseline uploaded yet: the rollout is reported without changes, and the log says why', async () => {
    const { review, summary, close } = await project();
    try {
      const run = await review();
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('rl-review: no rl-review-baseline artifact from main yet: the smoke rollout is not compared with a baseline.');
      expect(summary()).toContain('### Smoke rollout');
      expect(summary()).not.toContain('baseline');
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test.concurrent('a corrupt baseline archive is a notice in the rollout section, never a failure', async () => {
    const { gh, mainSha, review, summary, close } = await project();
    try {
      const baseline = gh.state.addArtifact('rl-review-baseline', { 'rl-review-rollout.json': rolloutReport({ tool_call_rate: 0.5 }) }, { run: { headBranch: 'main', headSha: mainSha } });
      baseline.archive = Buffer.from('<!DOCTYPE html><p>storage error</p>');
      const run = await review();
      expect(run.exitCode).toBe(0);
      // Escaped for Markdown, as everything in a notice is.
      expect(summary()).toContain(`no baseline: artifact ${baseline.id} from main at ${mainSha.slice(0, 7)}: not a readable zip archive \\(invalid zip data\\)`);
      expect(summary()).not.toContain('Changes from the baseline:');
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test.concurrent('a workflow token without `actions: read` gets a notice that says which permission to add', async () => {
    const { gh, mainSha, review, summary, close } = await project();
    try {
      gh.state.addArtifact('rl-review-baseline', { 'rl-review-rollout.json': rolloutReport({ tool_call_rate: 0.5 }) }, { run: { headBranch: 'main', headSha: mainSha } });
      const run = await review({ token: gh.createToken({ contents: 'read', 'pull-requests': 'write', checks: 'write' }) });
      expect(run.exitCode).toBe(0);
      expect(summary()).toContain('no baseline: listing the rl-review-baseline artifacts: the token cannot read workflow artifacts: add \\`actions: read\\` to the workflow\'s \\`permissions:\\`');
      expect(gh.requests.filter((r) => r.operationId === 'actions/download-artifact')).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT_MS);
});
