import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProbeResult } from '../../src/probes/probe';
import { scoreOf } from '../../src/probes/reward-cases';
import { probeReward, type RewardProbeOptions } from '../../src/probes/reward-probe';
import { dedent } from '../helpers/rule-tester';

/** Reward functions written for these tests, each in its own file under the probes' working directory. */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rl-review-reward-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, code: string): string {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), dedent(code));
  return path;
}

function probe(target: string, options: Partial<RewardProbeOptions> = {}): Promise<ProbeResult> {
  return probeReward({ target, cwd: root, style: 'verl', python: 'python3', timeoutSeconds: 5, dataSource: 'gsm8k', ...options });
}

const statuses = (result: ProbeResult) => Object.fromEntries(result.report.checks.map((c) => [c.id, c.status]));
const failed = (result: ProbeResult) => result.report.checks.filter((c) => c.status === 'fail').map((c) => c.id);

/**
 * A GSM8K-style reward done right: the number after the last "####" against any accepted answer (a string, a number
 * or a list of them), nothing for an empty ground truth or chat headers.
 */
const CORRECT_VERL = `
  import re

  def compute_score(data_source, solution_str, ground_truth, extra_info=None):
      golds = ground_truth if isinstance(ground_truth, list) else [ground_truth]
      golds = [str(gold).strip() for gold in golds if gold is not None and str(gold).strip()]
      answers = re.findall(r"#### (\\d+)", solution_str)
      if not golds or not answers or "<|im_start|>" in solution_str:
          return 0.0
      return 1.0 if answers[-1] in golds else 0.0
`;

describe('verl compute_score', () => {
  test('a correct reward passes every case, and the table shows what it paid', async () => {
    const result = await probe(write('correct/reward.py', CORRECT_VERL) + ':compute_score');
    expect(result.findings).toEqual([]);
    expect(result.report.target).toBe('correct/reward.py:compute_score');
    expect(result.report.checks.map((c) => [c.id, c.expected, c.actual, c.status])).toEqual([
      ['reward-correct-answer', '> 0', '1', 'pass'],
      ['reward-wrong-answer', '< 1', '0', 'pass'],
      ['reward-empty-truth-empty-response', '< 1', '0', 'pass'],
      ['reward-empty-truth-nonempty-response', '< 1', '0', 'pass'],
      ['reward-malformed-tool-call', '< 1', '0', 'pass'],
      ['reward-leaked-chat-tokens', '< 1', '0', 'pass'],
      ['reward-truncated-response', '< 1', '0', 'pass'],
      ['reward-deterministic', 'the same twice', '1, 1', 'pass'],
      ['reward-non-string-input', '≥ 0.5, no error', '1, 1, 0', 'pass'],
      ['reward-huge-input', 'a score, no error', '1, 0', 'pass'],
    ]);
  });

  test('the SQuAD-style empty ground truth idiom pays an empty answer in full: an error at the def line', async () => {
    const result = await probe(write('squad/reward.py', `
      from collections import Counter


      def f1(prediction, truth):
          pred, gold = prediction.split(), truth.split()
          if not gold or not pred:
              return int(gold == pred)
          common = sum((Counter(pred) & Counter(gold)).values())
          if common == 0:
              return 0.0
          precision, recall = common / len(pred), common / len(gold)
          return 2 * precision * recall / (precision + recall)


      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          return f1(solution_str.split("####")[-1], str(ground_truth))
    `) + ':compute_score');
    // str(["42"]) is "['42']": a list of accepted answers never pays either.
    expect(failed(result)).toEqual(['reward-empty-truth-empty-response', 'reward-non-string-input']);
    expect(result.findings.slice(0, 1)).toEqual([
      expect.objectContaining({
        ruleId: 'reward-empty-truth-empty-response',
        severity: 'error',
        path: 'squad/reward.py',
        line: 15,
        column: 5,
        endColumn: 18,
        message: 'compute_score pays 1, the full reward, when the ground truth and the response are both empty: every unlabeled sample teaches the policy that an empty answer pays. Return 0 when the ground truth is empty, or drop those samples.',
      }),
    ]);
  });

  test('matching the answer anywhere in the text pays empty ground truths, broken tool calls and truncated rambling', async () => {
    const result = await probe(write('substring/reward.py', `
      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          return 1.0 if str(ground_truth) in solution_str else 0.0
    `) + ':compute_score');
    expect(failed(result)).toEqual([
      'reward-empty-truth-empty-response',
      'reward-empty-truth-nonempty-response',
      'reward-malformed-tool-call',
      'reward-leaked-chat-tokens',
      'reward-truncated-response',
      'reward-non-string-input',
    ]);
  });

  test('paying an answer inside leaked chat headers is a warning', async () => {
    const result = await probe(write('leaked/reward.py', CORRECT_VERL.replace(' or "<|im_start|>" in solution_str', '')) + ':compute_score');
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['reward-leaked-chat-tokens', 'warning']]);
  });

  test('a noisy reward is not deterministic', async () => {
    const result = await probe(write('noisy/reward.py', CORRECT_VERL.replace(/return 1\.0 if (.*) else 0\.0/, 'return (1.0 if $1 else 0.0) + random.random() * 0.01').replace('import re', 'import random\n  import re')) + ':compute_score');
    expect(failed(result)).toEqual(['reward-deterministic']);
    expect(result.findings[0].message).toMatch(/^compute_score pays [\d.]+ and then [\d.]+ for the same input twice: noise in the reward/);
  });

  test('a ground truth that is not a string crashes a reward that calls str methods on it', async () => {
    const result = await probe(write('strip/reward.py', `
      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          gold = ground_truth.strip()
          return 1.0 if gold and solution_str.strip() == gold else 0.0
    `) + ':compute_score');
    expect(failed(result)).toEqual(['reward-non-string-input']);
    expect(result.report.checks.find((c) => c.id === 'reward-non-string-input')).toMatchObject({
      actual: 'raised AttributeError, raised AttributeError, raised AttributeError',
      message: expect.stringMatching(/^compute_score raises AttributeError: 'int' object has no attribute 'strip' \(reward.py:2\) for a right answer whose ground truth is a number, a list or None instead of a string/),
    });
  });

  test('a reward that hangs on a huge response is killed after the timeout', async () => {
    const result = await probe(write('hang-huge/reward.py', `
      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          while len(solution_str) > 100_000:  # a regex that backtracks on a long text, say
              pass
          return 1.0 if ground_truth and solution_str.strip() == ground_truth else 0.0
    `) + ':compute_score', { timeoutSeconds: 1 });
    expect(failed(result)).toEqual(['reward-non-string-input', 'reward-huge-input']);
    expect(result.report.checks.at(-1)).toMatchObject({ actual: 'hung (> 1 s)', message: expect.stringMatching(/does not return within 1 s for a huge response/) });
  });

  test('a reward that always hangs is a note on the correct answer (it may need a server the probe lacks); the other cases are not judged', async () => {
    const result = await probe(write('hang/reward.py', `
      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          while True:
              pass
    `) + ':compute_score', { timeoutSeconds: 1 });
    expect(statuses(result)).toMatchObject({ 'reward-correct-answer': 'note', 'reward-empty-truth-empty-response': 'skip', 'reward-huge-input': 'skip' });
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringMatching(/^compute_score does not return within 1 s for the probe's correct answers/) })]);
  });

  test('a reward that raises on the probe\'s answers is a note that asks for an example, with the exception and where it came from', async () => {
    const result = await probe(write('raises/reward.py', `
      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          raise NotImplementedError(f"Reward function is not implemented for {data_source=}")
    `) + ':compute_score');
    expect(result.findings).toEqual([expect.objectContaining({
      ruleId: 'reward-correct-answer',
      severity: 'info',
      message: expect.stringContaining("compute_score raises NotImplementedError: Reward function is not implemented for data_source='gsm8k' (reward.py:2) for the probe's correct answers"),
    })]);
    expect(result.findings[0].message).toMatch(/give one real example it pays \(probes\.reward-example in \.github\/rl-review\.yml, or --example FILE/);
  });

  test('a reward that never pays is a note: the probe cannot tell it from a format it does not know', async () => {
    const result = await probe(write('zero/reward.py', `
      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          return {"score": 0.0, "acc": False}
    `) + ':compute_score');
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'reward-correct-answer', severity: 'info' })]);
    expect(result.findings[0].message).toMatch(/^compute_score pays 0 for the probe's correct answers \(6 formats: plain, "#### 42", \\boxed\{42\}, "Answer: 42", <answer> tags; ground truth "42"\): the probe cannot tell/);
  });

  test('a configured example it does not pay fails the correct answer at error', async () => {
    const result = await probe(write('zero/reward.py', `
      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          return -1.0
    `) + ':compute_score', { example: { response: 'Answer: 42', ground_truth: '42' } });
    expect(result.findings).toEqual([expect.objectContaining({
      ruleId: 'reward-correct-answer',
      severity: 'error',
      message: 'compute_score pays -1 (a penalty) for the configured example, a correct answer; the other cases are not judged.',
    })]);
  });

  test('a reward inside a package is imported by its dotted name, so relative imports work', async () => {
    write('pkg/__init__.py', '');
    write('pkg/scoring.py', CORRECT_VERL);
    write('pkg/reward.py', `
      from .scoring import compute_score as score


      def compute_score(data_source, solution_str, ground_truth, extra_info=None):
          print("scoring", solution_str[:10])  # must not corrupt the harness's output
          return score(data_source, solution_str, ground_truth, extra_info)
    `);
    const result = await probe('pkg/reward.py:compute_score');
    expect(result.findings).toEqual([]);
  });
});

describe('TRL reward functions', () => {
  test('a conversational accuracy reward that guards the empty solution passes, but a numeric solution column never pays', async () => {
    const result = await probe(write('trl/accuracy.py', `
      def accuracy_reward(completions, solution, **kwargs):
          contents = [completion[0]["content"] for completion in completions]
          return [1.0 if sol and content.strip() == sol else 0.0 for content, sol in zip(contents, solution)]
    `) + ':accuracy_reward', { style: 'trl' });
    expect(result.findings).toEqual([expect.objectContaining({
      ruleId: 'reward-non-string-input',
      severity: 'warning',
      message: expect.stringMatching(/^accuracy_reward pays 0, not 1, when the ground truth is 42 for a right answer whose ground truth is a number, a list or None instead of a string/),
    })]);
    expect(result.report.checks[0].message).toBe('accuracy_reward pays 1 for the correct answer "42": the full reward the other cases are held to.');
  });

  test('a reward that reads the ground truth from **kwargs gets it, and pays an empty one in full', async () => {
    const result = await probe(write('trl/kwargs.py', `
      def contains_answer(prompts, completions, **kwargs):
          return [float(answer in completion) for completion, answer in zip(completions, kwargs["answer"])]
    `) + ':contains_answer', { style: 'trl' });
    expect(failed(result)).toContain('reward-empty-truth-nonempty-response');
  });
});

describe('JavaScript and TypeScript reward functions', () => {
  test('a module function called like verl\'s compute_score', async () => {
    const result = await probe(write('js/reward.mjs', `
      export function computeScore(dataSource, solution, groundTruth) {
        console.log('scoring'); // must not corrupt the harness's output
        const gold = String(groundTruth ?? '').trim();
        const answer = /#### (\\S+)/.exec(solution);
        return gold && answer && !solution.includes('<|im_start|>') && answer[1] === gold ? 1 : 0;
      }
    `) + ':computeScore');
    expect(result.findings).toEqual([]);
  });

  test('an arrow function that pays whenever the ground truth appears', async () => {
    const result = await probe(write('js/substring.mjs', `
      export const computeScore = (dataSource, solution, groundTruth) => (solution.includes(String(groundTruth)) ? 1 : 0);
    `) + ':computeScore');
    expect(result.findings[0]).toMatchObject({ ruleId: 'reward-empty-truth-empty-response', path: 'js/substring.mjs', line: 1, column: 14 });
  });

  test('TRL style is for Python functions', async () => {
    await expect(probe(write('js/style.mjs', 'export const f = () => 1;\n') + ':f', { style: 'trl' })).rejects.toThrow('--style trl is for Python reward functions');
  });
});

describe('inputs that cannot be probed are errors naming them', () => {
  test.each([
    ['rewards.py', '--function rewards.py: expected FILE:FUNCTION, like rewards.py:compute_score'],
    ['rewards.txt:score', '--function rewards.txt:score: rewards.txt is not a Python, JavaScript or TypeScript file'],
    ['missing.py:compute_score', 'missing.py: cannot read: ENOENT'],
  ])('%s', async (target, message) => {
    await expect(probe(target)).rejects.toThrow(message);
  });

  test('an import error', async () => {
    await expect(probe(write('imports/reward.py', 'import not_installed_anywhere\n') + ':compute_score')).rejects.toThrow(
      "imports/reward.py:compute_score: cannot load the reward function: ModuleNotFoundError: No module named 'not_installed_anywhere' (reward.py:1)",
    );
  });

  test('a function the module does not define', async () => {
    await expect(probe(write('absent/reward.py', 'x = 1\n') + ':compute_score')).rejects.toThrow("reward.py has no attribute 'compute_score'");
  });

  test('a python that does not exist', async () => {
    await expect(probe(write('python/reward.py', CORRECT_VERL) + ':compute_score', { python: 'no-such-python3' })).rejects.toThrow('cannot run no-such-python3: ENOENT');
  });
});

describe('scoreOf: what counts as a score', () => {
  test.each([
    [1, 1],
    [0.5, 0.5],
    [true, 1],
    [{ score: 0.25, acc: true }, 0.25],
    [{ reward: 1 }, 1],
    [[0.75], 0.75],
    [null, undefined],
    ['1.0', undefined],
    [[1, 0], undefined],
  ])('%j → %j', (value, score) => {
    expect(scoreOf(value)).toBe(score);
  });
});
