import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ProbeResult } from '../../src/probes/probe';
import { probeReward, type RewardProbeOptions } from '../../src/probes/reward-probe';

/**
 * The reward probe on stand-ins for real reward functions (fixtures/reward-corpus/README.md says which): healthy
 * rewards get no error, a reward in a format the probe does not know is a note asking for an example, and the
 * environment's and the caller's mistakes are input errors, not findings.
 */

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rl-review-reward-corpus-'));
  cpSync(resolve('__tests__/probes/fixtures/reward-corpus'), root, { recursive: true });
  execFileSync('python3', ['-c', `
import sqlite3
with sqlite3.connect("cities.db") as db:
    db.execute("create table cities (name text, country text)")
    db.executemany("insert into cities values (?, ?)", [("Paris", "France"), ("Lyon", "France"), ("Berlin", "Germany")])
`], { cwd: root });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function probe(target: string, options: Partial<RewardProbeOptions> = {}): Promise<ProbeResult> {
  return probeReward({ target, cwd: root, style: 'verl', python: 'python3', timeoutSeconds: 10, dataSource: 'rl-review/probe', ...options });
}

/** Each case's verdict, and the severity of the findings: what a user's table would show. */
const verdicts = (result: ProbeResult) => Object.fromEntries(result.report.checks.map((c) => [c.id, c.status]));
const severities = (result: ProbeResult) => result.findings.map((f) => `${f.ruleId} ${f.severity}`);

const ALL_PASS = {
  'reward-correct-answer': 'pass',
  'reward-wrong-answer': 'pass',
  'reward-empty-truth-empty-response': 'pass',
  'reward-empty-truth-nonempty-response': 'pass',
  'reward-malformed-tool-call': 'pass',
  'reward-leaked-chat-tokens': 'pass',
  'reward-truncated-response': 'pass',
  'reward-deterministic': 'pass',
  'reward-non-string-input': 'pass',
  'reward-huge-input': 'pass',
};

describe('stand-ins for real reward functions: no error on a healthy reward', () => {
  test('verl GSM8K: pays an answer inside leaked chat headers, and a numeric ground truth never pays (warnings)', async () => {
    const result = await probe('verl_gsm8k.py:compute_score');
    expect(verdicts(result)).toEqual({ ...ALL_PASS, 'reward-leaked-chat-tokens': 'fail', 'reward-non-string-input': 'fail' });
    expect(severities(result)).toEqual(['reward-leaked-chat-tokens warning', 'reward-non-string-input warning']);
    expect(result.findings[1].message).toMatch(/^compute_score pays 0, not 1, when the ground truth is 42 /);
  });

  test('verl MATH: the same two warnings, its try/except turns the numeric ground truth into a silent 0', async () => {
    const result = await probe('verl_math.py:compute_score');
    expect(severities(result)).toEqual(['reward-leaked-chat-tokens warning', 'reward-non-string-input warning']);
    expect(result.report.checks[0]).toMatchObject({ actual: '1', message: expect.stringContaining('\\\\boxed{42}') });
  });

  test('verl DAPO: "Answer: 42" pays, a wrong answer is a penalty, not "nothing"; a numeric ground truth raises (warning)', async () => {
    const result = await probe('verl_dapo.py:compute_score');
    expect(verdicts(result)).toEqual({ ...ALL_PASS, 'reward-non-string-input': 'fail' });
    expect(result.report.checks.find((c) => c.id === 'reward-wrong-answer')).toMatchObject({ expected: '< 1', actual: '-1' });
    expect(severities(result)).toEqual(['reward-non-string-input warning']);
    expect(result.findings[0].message).toMatch(/^compute_score raises AttributeError: 'int' object has no attribute 'split' \(verl_dapo\.py:6\)/);
  });

  test('verl QA with {"target": [...]}: without an example, a note that asks for one', async () => {
    const result = await probe('verl_qa_em.py:compute_score');
    expect(severities(result)).toEqual(['reward-correct-answer info']);
    expect(result.findings[0].message).toMatch(/^compute_score raises TypeError: string indices must be integers.* for the probe's correct answers .*give one real example it pays/);
    expect(Object.values(verdicts(result)).slice(1).every((status) => status === 'skip')).toBe(true);
  });

  test('verl QA with an example: the cases are built from it (emptied targets, a wrong answer), the number case does not apply', async () => {
    const result = await probe('verl_qa_em.py:compute_score', {
      example: { response: '<think>It is Paris.</think>\n<answer>Paris</answer>', ground_truth: { target: ['Paris', 'the city of Paris'] }, data_source: 'nq' },
    });
    expect(verdicts(result)).toEqual({ ...ALL_PASS, 'reward-leaked-chat-tokens': 'fail', 'reward-non-string-input': 'skip' });
    expect(result.report.checks.find((c) => c.id === 'reward-empty-truth-nonempty-response')?.evidence.samples).toEqual([
      { groundTruth: { target: [] }, response: '<think>It is Paris.</think>\n<answer>Paris</answer>' },
    ]);
    expect(result.report.checks.find((c) => c.id === 'reward-wrong-answer')?.evidence.samples).toEqual([
      { groundTruth: { target: ['Paris', 'the city of Paris'] }, response: '<think>It is an unrelated answer.</think>\n<answer>an unrelated answer</answer>' },
    ]);
  });

  test('a SQL reward that reads extra_info: a note without an example, judged with one', async () => {
    expect(severities(await probe('sql_execution.py:compute_score'))).toEqual(['reward-correct-answer info']);
    const query = "SELECT name FROM cities WHERE country = 'France'";
    const result = await probe('sql_execution.py:compute_score', {
      example: { response: '```sql\n' + query + '\n```', ground_truth: query, extra_info: { db_path: 'cities.db' } },
    });
    expect(verdicts(result)).toEqual({ ...ALL_PASS, 'reward-leaked-chat-tokens': 'fail', 'reward-non-string-input': 'skip' });
  });

  test('TRL think-format reward: pays whatever the answer, so the ground-truth cases are skipped, not failed', async () => {
    const result = await probe('trl_think_format.py:think_format_reward', { style: 'trl' });
    expect(result.findings).toEqual([]);
    expect(verdicts(result)).toEqual({
      ...ALL_PASS,
      'reward-wrong-answer': 'skip',
      'reward-empty-truth-empty-response': 'skip',
      'reward-empty-truth-nonempty-response': 'skip',
      'reward-non-string-input': 'skip',
    });
    expect(result.report.checks[1].message).toBe('think_format_reward pays 1 for a wrong answer in the right format: a format reward, so the ground-truth cases are not judged.');
  });

  test('a TRL reward without **kwargs or a dataset column takes no ground truth: those cases are skipped', async () => {
    writeFileSync(join(root, 'trl_length.py'), 'def length_reward(prompts, completions, completion_ids):\n    return [min(len(c) / 100, 1.0) for c in completions]\n');
    const result = await probe('trl_length.py:length_reward', { style: 'trl' });
    expect(result.report.checks.find((c) => c.id === 'reward-empty-truth-empty-response')).toMatchObject({ status: 'skip', message: 'Not judged: length_reward takes no ground truth.' });
  });
});

describe("the environment's and the caller's mistakes are input errors, not findings", () => {
  test('a package imported inside the function and missing: says which, and where to install it', async () => {
    await expect(probe('lazy_import.py:compute_score')).rejects.toThrow(
      "lazy_import.py:compute_score: the reward function needs a module that python3 does not have: ModuleNotFoundError: No module named 'rl_review_missing_latex_parser' (lazy_import.py:5). Install the project's requirements there",
    );
  });

  test('a TRL reward that does not take the arguments TRL passes', async () => {
    writeFileSync(join(root, 'trl_narrow.py'), 'def narrow_reward(completions):\n    return [1.0 for c in completions]\n');
    await expect(probe('trl_narrow.py:narrow_reward', { style: 'trl' })).rejects.toThrow(
      "narrow_reward(completions) cannot be called as reward_func(prompts=, completions=, completion_ids=, **dataset_columns), TRL's call of a reward function: narrow_reward() got an unexpected keyword argument 'prompts'.",
    );
  });

  test("verl's per-dataset scorer pointed at directly: the signature it has, and the one verl calls", async () => {
    await expect(probe('verl_module_signature.py:compute_score')).rejects.toThrow(
      "verl_module_signature.py:compute_score: compute_score(solution_str, ground_truth, method='strict', format_score=0.0, score=1.0) cannot be called as " +
        "compute_score(data_source=, solution_str=, ground_truth=, extra_info=), verl's call of a custom reward function: compute_score() got an unexpected keyword argument 'data_source'.",
    );
  });
});
