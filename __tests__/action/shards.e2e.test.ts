/**
 * A sharded audit as the README's matrix workflow runs it: the bundled Action (dist/index.js; `npm run build` first)
 * in two jobs with `shard: 1/2` and `2/2`, their `report-file`s laid out as actions/download-artifact does, then a
 * third job with `reports` that publishes the merge: one audit issue and one SARIF file with every finding. Against
 * the GitHub API emulator (__tests__/emulator), which checks each request against GitHub's OpenAPI description.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepository, pullRequestPayload, runAction, startEmulator, workflowDispatchPayload, type ActionRun, type GitHubEmulator } from '../emulator';
import { FLAGGED_ROLLOUT } from '../helpers/project';
import { dedent } from '../helpers/rule-tester';

const TIMEOUT_MS = 120_000;

let gh: GitHubEmulator;
let git: GitRepository;
const runs: ActionRun[] = [];

/** Twelve modules, each with a finding: both shards get some. */
const MODULES = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`train/rollout_${i}.py`, dedent(FLAGGED_ROLLOUT)]));

beforeAll(async () => {
  git = await GitRepository.create({ 'README.md': '# a monorepo\n', ...MODULES });
  gh = await startEmulator({ repository: git });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  for (const run of runs) run.remove();
  await gh.close();
  git.remove();
});

async function audit(inputs: Record<string, string>, cwd?: string): Promise<ActionRun> {
  const run = await runAction({ emulator: gh, eventName: 'workflow_dispatch', eventPayload: workflowDispatchPayload(gh), inputs, ...(cwd ? { cwd } : {}) });
  runs.push(run);
  return run;
}

test('two shards, merged by a third job into one audit issue and one SARIF file with every finding', async () => {
  const shards = [await audit({ shard: '1/2', 'fail-on': 'never' }), await audit({ shard: '2/2', 'fail-on': 'never' })];
  const counts = shards.map((run) => Number(run.outputs.findings));
  expect(counts.every((count) => count > 0)).toBe(true);
  expect(counts[0] + counts[1]).toBe(12);
  expect([...gh.state.issues.values()]).toEqual([]);

  // The aggregation job: no checkout, only the artifacts.
  const workspace = mkdtempSync(join(tmpdir(), 'rl-review-aggregate-'));
  shards.forEach((run, i) => {
    mkdirSync(join(workspace, `shards/rl-review-shard-${i + 1}`), { recursive: true });
    copyFileSync(run.outputs['report-file'], join(workspace, `shards/rl-review-shard-${i + 1}/rl-review.json`));
  });
  const merged = await audit({ reports: 'shards', 'audit-issue': 'true', 'fail-on': 'never' }, workspace);
  expect(merged.exitCode).toBe(0);
  expect(merged.outputs.findings).toBe('12');
  const sarif = JSON.parse(readFileSync(merged.outputs['sarif-file'], 'utf8'));
  expect(sarif.runs[0].results).toHaveLength(12);
  const issues = [...gh.state.issues.values()].filter((issue) => issue.title === 'rl-review audit');
  expect(issues).toHaveLength(1);
  for (let i = 0; i < 12; i++) expect(issues[0].body).toContain(`train/rollout\\_${i}.py:2`);
  expect(merged.summary).toContain('Merged from 2 reports: shards/rl-review-shard-1/rl-review.json, shards/rl-review-shard-2/rl-review.json.');
}, TIMEOUT_MS);

test('a report that cannot be read fails the step, naming it: a merge never leaves a shard out', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'rl-review-aggregate-'));
  const run = await audit({ reports: 'shards/missing.json' }, workspace);
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toContain('::error::rl-review: shards/missing.json: cannot read file: ENOENT');
}, TIMEOUT_MS);

test('shard on a pull request is refused: a pull request is reviewed in one job', async () => {
  await git.branch('feature', 'main');
  await git.commit({ 'train/new.py': 'X = 1\n' }, 'A change');
  await git.switch('main');
  const pull = await gh.openPullRequest({ head: 'feature' });
  const run = await runAction({ emulator: gh, eventName: 'pull_request', eventPayload: await pullRequestPayload(gh, pull, 'opened'), inputs: { shard: '1/2' } });
  runs.push(run);
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toContain("input 'shard' is for audits (workflow_dispatch, schedule, push): a pull request is reviewed in one job");
}, TIMEOUT_MS);
