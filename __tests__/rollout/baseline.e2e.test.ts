/**
 * The smoke rollout of a pull request compared with the default branch's baseline: the `rl-review-baseline` artifact
 * that a run on main uploaded, found and downloaded through the Actions artifacts API of the GitHub API emulator
 * (__tests__/emulator). Build first: `npm run build`.
 */
import { strToU8, zipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { checkout, declaringSize, GitRepository, pullRequestPayload, runAction, startEmulator, type ActionRun, type GitHubEmulator, type PullRequestRecord } from '../emulator';

/** Generous: the machine may be busy, and a run waits out GitHub's pacing of writes. */
const TIMEOUT_MS = 120_000;

const SMOKE_COMMAND = 'python3 scripts/smoke_rollout.py';

/** An `rl-review-rollout.json` as a run on main writes it (only `version` and `metrics` matter to a baseline). */
const rolloutReport = (metrics: Record<string, number>) => JSON.stringify({ version: 1, trajectories: 32, skipped: 0, checks: [], metrics });

interface Project {
  gh: GitHubEmulator;
  pull: PullRequestRecord;
  mainSha: string;
  review(options?: { token?: string; inputs?: Record<string, string>; cwd?: string }): Promise<ActionRun>;
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
    async review({ token, inputs, cwd } = {}) {
      const payload = await pullRequestPayload(gh, pull, 'opened');
      const allInputs = { 'smoke-command': SMOKE_COMMAND, 'fail-on': 'never', ...inputs };
      const run = await runAction({ emulator: gh, eventName: 'pull_request', eventPayload: payload, inputs: allInputs, token, cwd, timeoutMs: 90_000 });
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
      expect(comment).toContain('<summary><b>Smoke rollout</b>');
      expect(comment).toContain('Changes from the baseline:');
      expect(comment).toContain('| `tool_call_rate` | 50% → 34% | -15.6 pts ▼ worse |');
      expect(comment).toContain('| `special_token_leak_rate` | 0% → 22% | +21.9 pts ▲ worse |');
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
      expect(summary()).toContain('<summary><b>Smoke rollout</b>');
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
      expect(summary()).toContain(`no baseline: artifact ${baseline.id} from main at ${mainSha.slice(0, 7)}: not a readable zip archive \\(End of central directory record signature not found.`);
      expect(summary()).not.toContain('Changes from the baseline:');
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test.concurrent('zip bombs: an archive over 8 MiB is not downloaded, a report declaring 1.3 GB is not inflated; the review is posted with a notice', async () => {
    const { gh, mainSha, review, summary, close } = await project();
    try {
      const onMain = { run: { headBranch: 'main', headSha: mainSha } };
      const large = gh.state.addArtifact('rl-review-baseline', { 'rl-review-rollout.json': randomBytes(9 * 1024 * 1024) }, onMain);
      const first = await review();
      expect(first.exitCode).toBe(0);
      expect(summary()).toContain(`no baseline: artifact ${large.id} from main at ${mainSha.slice(0, 7)}: the archive is 9.0 MiB, over the 8.0 MiB a baseline may take`);
      expect(gh.requests.filter((r) => r.operationId === 'actions/download-artifact')).toEqual([]);

      // Deflated, as actions/upload-artifact zips: 200 bytes on the wire, and its headers say it inflates to 1.3 GB.
      const bomb = gh.state.addArtifact('rl-review-baseline', {}, onMain);
      bomb.archive = declaringSize(Buffer.from(zipSync({ 'rl-review-rollout.json': strToU8(rolloutReport({ tool_call_rate: 0.5 })) })), 1_300_000_000);
      const second = await review();
      expect(second.exitCode).toBe(0);
      expect(summary()).toContain(`no baseline: artifact ${bomb.id} from main at ${mainSha.slice(0, 7)}: rl-review-rollout.json would inflate to 1239.8 MiB, over the 8.0 MiB a baseline may take`);
      expect(summary()).toContain('<summary><b>Smoke rollout</b>');
      expect(gh.state.checkRuns.at(-1)?.conclusion).toBe('success');
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test.concurrent('smoke-baseline naming a link to /dev/zero is a notice, not a read without end', async () => {
    const { gh, pull, review, summary, close } = await project();
    const workspace = await checkout(gh, `refs/pull/${pull.number}/merge`);
    try {
      symlinkSync('/dev/zero', join(workspace, 'baseline.json'));
      const run = await review({ inputs: { 'smoke-baseline': 'baseline.json' }, cwd: workspace });
      expect(run.exitCode).toBe(0);
      expect(summary()).toContain('`baseline.json`: cannot read baseline: not a regular file');
      expect(summary()).not.toContain('Changes from the baseline:');
    } finally {
      rmSync(workspace, { recursive: true, force: true });
      await close();
    }
  }, TIMEOUT_MS);

  test.concurrent('a workflow token without `actions: read` gets a notice that says which permission to add', async () => {
    const { gh, mainSha, review, summary, close } = await project();
    try {
      gh.state.addArtifact('rl-review-baseline', { 'rl-review-rollout.json': rolloutReport({ tool_call_rate: 0.5 }) }, { run: { headBranch: 'main', headSha: mainSha } });
      const run = await review({ token: gh.createToken({ contents: 'read', 'pull-requests': 'write', checks: 'write' }) });
      expect(run.exitCode).toBe(0);
      expect(summary()).toContain('no baseline: listing the rl-review-baseline artifacts: the token cannot read workflow artifacts: add `actions: read` to the workflow\'s `permissions:`');
      expect(gh.requests.filter((r) => r.operationId === 'actions/download-artifact')).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT_MS);
});
