/**
 * A smoke rollout on a runner without a GPU, through the Action's inputs: `smoke-policy` serves the adversarial policy
 * to the example's agent loop, and `smoke-dumps` checks the dumps a GPU job uploaded earlier in the same workflow run,
 * running no command. Build first: `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { PullRequestLab } from '../emulator';

/** GITHUB_RUN_ID of every emulated run (__tests__/emulator/run-action.ts): the run a GPU job's artifact belongs to. */
const THIS_RUN = 1000001;

/** What a GPU job's smoke rollout dumped: a leaked turn, and a malformed tool call that was paid. */
const GPU_DUMP = [
  { prompt: '<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n', response: '42<|im_end|>\n<|im_start|>user\nThanks!<|im_end|>', reward: 1 },
  { prompt: '<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n', response: '<tool_call>{"name": "calc"</tool_call><|im_end|>', reward: 1 },
  { prompt: '<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n', response: '42<|im_end|>', reward: 1 },
].map((record) => JSON.stringify(record) + '\n').join('');

let lab: PullRequestLab;

beforeAll(async () => {
  lab = await PullRequestLab.start({
    'README.md': '# an agent project\n',
    'smoke/policy_agent.py': readFileSync('examples/smoke/policy_agent.py', 'utf8'),
    'grpo_trainer/rewards.py': readFileSync('examples/grpo_trainer/rewards.py', 'utf8'),
  });
});

afterAll(async () => {
  expect(lab.gh.violations).toEqual([]);
  await lab.close();
});

test('smoke-policy: adversarial serves the agent loop; the summary has the policy checks, the recording is an output', async () => {
  const pull = await lab.openPullRequest('agent', { 'notes.md': 'a change\n' });
  const run = await lab.review(pull, { 'smoke-command': 'python3 smoke/policy_agent.py', 'smoke-policy': 'adversarial', 'fail-on': 'never' });
  expect(run.exitCode).toBe(0);
  const recording = readFileSync(run.outputs['policy-recording'], 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  expect(recording.length).toBeGreaterThanOrEqual(16);
  expect(recording[0]).toMatchObject({ request: 1, endpoint: '/v1/completions', answers: [{ case: expect.any(String) }] });
  const summary = lab.summaryComment(pull);
  expect(summary).toMatch(/the scripted policy answered \d+ requests/);
  for (const id of ['adversarial-rewarded', 'stop-sequences', 'environment-crash', 'prompt-generation-header']) expect(summary).toContain(`#${id})`);
  expect(summary).toMatch(/\[adversarial-rewarded\]\([^)]*\) \| \d+ of \d+ \(\d+%\) \| ≤ 0% \| 🔴 fail \|/);
}, 120_000);

test('smoke-dumps: an artifact of this workflow run is checked, and no command runs', async () => {
  lab.gh.state.addArtifact('gpu-smoke-dumps', { 'step-0/rollout.jsonl': GPU_DUMP }, { run: { id: THIS_RUN, headBranch: 'gpu', headSha: 'a'.repeat(40) } });
  // Another run's artifact of the same name is not this run's GPU job.
  lab.gh.state.addArtifact('gpu-smoke-dumps', { 'step-0/rollout.jsonl': '' }, { run: { headBranch: 'main', headSha: 'b'.repeat(40) } });
  const pull = await lab.openPullRequest('dumps', { 'notes.md': 'another change\n' });
  const run = await lab.review(pull, { 'smoke-dumps': 'gpu-smoke-dumps', 'smoke-command': 'exit 3', 'fail-on': 'never' });
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain("rl-review: smoke-dumps: artifact 'gpu-smoke-dumps' of this run, 1 files.");
  const summary = lab.summaryComment(pull);
  expect(summary).toContain('3 trajectories from 1 file (native)');
  expect(summary).not.toContain('exit 3');
  expect(summary).toMatch(/\[special-token-leak\]\([^)]*\) \| 1 of 3 \(33%\) \| ≤ 0% \| 🔴 fail \|/);
  expect(summary).toContain('`gpu-smoke-dumps/step-0/rollout.jsonl:1`');
  expect(lab.gh.requests.filter((r) => r.operationId === 'actions/list-workflow-run-artifacts').map((r) => r.path)).toEqual([
    `/repos/octo-org/rl-project/actions/runs/${THIS_RUN}/artifacts?name=gpu-smoke-dumps&per_page=100`,
  ]);
}, 120_000);

test('smoke-dumps: a workspace path is read in place; a name that is neither fails the smoke rollout, saying why', async () => {
  const pull = await lab.openPullRequest('dumps-in-tree', { 'dumps/rollout.jsonl': GPU_DUMP });
  const inTree = await lab.review(pull, { 'smoke-dumps': 'dumps/', 'fail-on': 'never' });
  expect(inTree.exitCode).toBe(0);
  expect(lab.summaryComment(pull)).toContain('`dumps/rollout.jsonl:1`');

  const missing = await lab.review(pull, { 'smoke-dumps': 'no-such-dumps', 'fail-on': 'error' });
  expect(missing.exitCode).toBe(1);
  expect(lab.summaryComment(pull)).toContain(
    "smoke-dumps 'no-such-dumps': no such file, directory or glob in the workspace, and no artifact of that name was uploaded in this workflow run",
  );
}, 120_000);
