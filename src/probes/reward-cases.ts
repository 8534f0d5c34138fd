import { REWARD_CHECKS, type ProbeCheckMeta } from './checks';
import { check, type ProbeCheck } from './probe';
import type { CallOutcome } from './reward-runner';

/**
 * The reward probe's cases: what a reward function is called with and what it must pay. "Full reward" is what it
 * pays for a correct answer, so a reward on any scale (0/1, -1/1, 0/10) is judged against itself.
 */

export const QUESTION = 'What is 6 times 7?';
export const GROUND_TRUTH = '42';

/** One call: what the framework passes the reward for one response. */
export interface Sample {
  groundTruth: unknown;
  response: string;
  /** A right answer whose ground truth only changed form (`42` for `"42"`): it must still pay about the full reward. */
  paysInFull?: boolean;
}

/** A correct answer in the formats rewards commonly parse; the best paid one stands for "correct" in the other cases. */
export const CORRECT_RESPONSES: readonly string[] = [
  '42',
  'The answer is 42.',
  '6 times 7 is 42.\n#### 42',
  '6 times 7 is 42, so the answer is \\boxed{42}.',
  '6 times 7 is 42.\nAnswer: 42',
  '<think>\n6 times 7 is 42.\n</think>\n<answer>42</answer>',
];

/** `below-full`: pays less than the full reward. `no-error`: returns, without raising or hanging. */
export type Expectation = 'below-full' | 'no-error' | 'same-twice';

export interface RewardCase {
  meta: ProbeCheckMeta;
  /** Completes "compute_score pays 1 …": the situation the samples set up. */
  situation: string;
  /** Why failing the case hurts training. */
  consequence: string;
  expectation: Expectation;
  /** The case is about the ground truth: not judged for a reward that does not read one. */
  readsGroundTruth?: boolean;
  /** The samples, given the correct sample (the best paid response, or the configured example); none: not applicable. */
  samples: (correct: Sample) => Sample[];
}

/** The ground truth emptied, keeping its shape: `""`, `[]`, `{"target": []}`. */
export function emptyLike(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, emptyLike(item)]));
  return typeof value === 'string' ? '' : null;
}

/** A wrong answer in the place of `answer`: a number one more, any other text replaced. */
function wrongAnswer(answer: string): string {
  return /^-?\d+$/.test(answer.trim()) ? String(Number(answer) + 1) : 'an unrelated answer';
}

/** The answer a ground truth names, for responses that mention it: its first text or number. */
export function answerIn(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const items = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
  return items.map(answerIn).find(Boolean) ?? '';
}

/**
 * A sanity case beside the correct answer: the correct response with its answer swapped for another (42 for 43). A
 * reward that still pays in full does not grade the answer: a format reward, or a broken one.
 */
export const WRONG_ANSWER_CASE: RewardCase = {
  meta: REWARD_CHECKS.wrongAnswer,
  situation: 'for the correct response with its answer replaced by a wrong one',
  consequence: 'it does not grade the answer, so every answer in the right format pays. If it is a format reward, probe it with --style trl or ignore this',
  expectation: 'below-full',
  readsGroundTruth: true,
  samples: ({ groundTruth, response }) => {
    const answer = answerIn(groundTruth);
    if (!answer || !response.includes(answer)) return [];
    return [{ groundTruth, response: response.split(answer).join(wrongAnswer(answer)) }];
  },
};

/** In the order they run: the likeliest to hang last, since a hang ends the run. */
export const ADVERSARIAL_CASES: readonly RewardCase[] = [
  {
    meta: REWARD_CHECKS.emptyTruthEmptyResponse,
    situation: 'when the ground truth and the response are both empty',
    consequence: 'every unlabeled sample teaches the policy that an empty answer pays. Return 0 when the ground truth is empty, or drop those samples',
    expectation: 'below-full',
    readsGroundTruth: true,
    samples: (correct) => [{ groundTruth: emptyLike(correct.groundTruth), response: '' }],
  },
  {
    meta: REWARD_CHECKS.emptyTruthAnyResponse,
    situation: 'for a non-empty response when the ground truth is empty',
    consequence: 'unlabeled samples pay whatever the policy writes. Return 0 when the ground truth is empty, or drop those samples',
    expectation: 'below-full',
    readsGroundTruth: true,
    samples: (correct) => [{ groundTruth: emptyLike(correct.groundTruth), response: correct.response }],
  },
  {
    meta: REWARD_CHECKS.malformedToolCall,
    situation: 'for a tool call whose JSON does not parse',
    consequence: 'the policy is paid for calls the environment cannot execute, and malformed calls spread. Parse the call before scoring it',
    expectation: 'below-full',
    samples: ({ groundTruth }) => [
      { groundTruth, response: `<tool_call>\n{"name": "submit_answer", "arguments": {"answer": ${JSON.stringify(answerIn(groundTruth))}}\n</tool_call>` },
    ],
  },
  {
    meta: REWARD_CHECKS.leakedChatTokens,
    situation: 'for a correct answer inside leaked <|im_start|>/<|im_end|> chat headers',
    consequence: 'a policy that runs past the end of its turn is paid in full, so nothing discourages the runaway <|im_start|> repetition. Pay less when the response holds chat headers',
    expectation: 'below-full',
    samples: ({ groundTruth, response }) => [
      { groundTruth, response: `<|im_start|>assistant\n${response}<|im_end|>\n<|im_start|>user\nIs that right?<|im_end|>\n<|im_start|>assistant\n` },
    ],
  },
  {
    meta: REWARD_CHECKS.truncatedResponse,
    situation: 'for a truncated response that mentions the answer but never gives it',
    consequence: 'the reward finds the answer anywhere in the text, so rambling that mentions it pays. Score only the final answer',
    expectation: 'below-full',
    samples: ({ groundTruth }) => [
      { groundTruth, response: `<think>\nLet me work this out. It might be ${answerIn(groundTruth)}, but let me double-check by working it out another wa` },
    ],
  },
  {
    meta: REWARD_CHECKS.deterministic,
    situation: 'for the same input twice',
    consequence: 'noise in the reward is variance the advantage estimate cannot remove. Seed or remove the randomness',
    expectation: 'same-twice',
    samples: (correct) => [correct, correct],
  },
  {
    meta: REWARD_CHECKS.nonStringInput,
    situation: 'for a right answer whose ground truth is a number, a list or None instead of a string',
    consequence: 'datasets store numbers and lists as ground truth (a parquet column of integers, a list of accepted answers): such samples either stop the training run or never pay. Convert the ground truth with str() (or check its type) before comparing',
    expectation: 'no-error',
    readsGroundTruth: true,
    // A number is what datasets store in other forms; text (a SQL query) or a structure (`{"target": [...]}`) is the reward's own.
    samples: ({ groundTruth, response }) => {
      if (typeof groundTruth !== 'string' || !/^-?\d+(\.\d+)?$/.test(groundTruth.trim())) return [];
      const forms: Sample[] = [Number(groundTruth), [groundTruth]].map((form) => ({ groundTruth: form, response, paysInFull: true }));
      return [...forms, { groundTruth: null, response }];
    },
  },
  {
    meta: REWARD_CHECKS.hugeInput,
    situation: 'for a huge response (700 KB of text, a 20,000-digit answer)',
    consequence: 'one runaway generation stops or stalls the training run',
    expectation: 'no-error',
    samples: ({ groundTruth, response }) => [
      { groundTruth, response: 'Let me think. '.repeat(50_000) + response },
      { groundTruth, response: `The answer is \\boxed{${'9'.repeat(20_000)}}.\n#### ${'9'.repeat(20_000)}\nAnswer: ${'9'.repeat(20_000)}` },
    ],
  },
];

/** The score in what a reward returned: a number, a bool, verl's `{"score": ...}`, TRL's one-element list. */
export function scoreOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (Array.isArray(value)) return value.length === 1 ? scoreOf(value[0]) : undefined;
  if (value && typeof value === 'object') {
    const result = value as Record<string, unknown>;
    return scoreOf(result.score ?? result.reward);
  }
  return undefined;
}

const formatScore = (score: number) => String(Number(score.toFixed(4)));

/** What one call paid, for the table: `1`, `-1`, `raised TypeError`, `hung (> 10 s)`, or what it returned (`null`). */
export function paidText(outcome: CallOutcome): string {
  switch (outcome.kind) {
    case 'timeout':
      return `hung (> ${outcome.seconds} s)`;
    case 'error':
      return `raised ${outcome.error.split(':')[0]}`;
    case 'value': {
      const score = scoreOf(outcome.value);
      return score === undefined ? String(JSON.stringify(outcome.value)).slice(0, 40) : formatScore(score);
    }
  }
}

/** A score in a sentence: a negative one is a penalty, not "nothing". */
function paidPhrase(score: number): string {
  return score < 0 ? `${formatScore(score)} (a penalty)` : formatScore(score);
}

/** The clause of a failure message for an outcome that raised or hung, whatever the case expects. */
function brokenCall(outcome: CallOutcome): string | undefined {
  if (outcome.kind === 'error') return `raises ${outcome.error}`;
  if (outcome.kind === 'timeout') return `does not return within ${outcome.seconds} s`;
  return undefined;
}

/** How a reward can be shown one answer it pays: the config key and the command-line flag. */
export const EXAMPLE_HINT =
  'give one real example it pays (probes.reward-example in .github/rl-review.yml, or --example FILE with response, ground_truth and extra_info) and the other cases are built from it';

/**
 * The sanity case: a correct answer must pay something. Unpaid, the probe's own answers are a note, not a failure:
 * it cannot tell a broken reward from a format (`Answer: 42`) or a ground truth (`{"target": [...]}`) it does not
 * know. A configured example the reward does not pay is a failure: the user said it should.
 */
export function judgeCorrectAnswer(
  functionName: string,
  tried: Sample[],
  outcomes: CallOutcome[],
  paidMost: { sample: Sample; score: number } | undefined,
  fromExample: boolean,
): ProbeCheck {
  const meta = REWARD_CHECKS.correctAnswer;
  const actual = outcomes.map(paidText).join(', ');
  const evidence = { samples: tried.map((sample) => ({ groundTruth: sample.groundTruth, response: abbreviate(sample.response) })), paid: outcomes.map(paidText) };
  if (paidMost && paidMost.score > 0) {
    const message = `${functionName} pays ${formatScore(paidMost.score)} for the correct answer ${JSON.stringify(paidMost.sample.response)}: the full reward the other cases are held to.`;
    return check(meta, 'pass', { expected: '> 0', actual: formatScore(paidMost.score), message, evidence });
  }
  const broken = outcomes.map(brokenCall).find(Boolean);
  const scores = outcomes.flatMap((outcome) => (outcome.kind === 'value' ? (scoreOf(outcome.value) ?? []) : []));
  const paid = broken ?? (new Set(scores).size === 1 && scores.length === outcomes.length ? `pays ${paidPhrase(scores[0])}` : `pays ${actual}`);
  if (fromExample) {
    return check(meta, 'fail', { expected: '> 0', actual, message: `${functionName} ${paid} for the configured example, a correct answer; the other cases are not judged.`, evidence });
  }
  const message =
    `${functionName} ${paid} for the probe's correct answers (${CORRECT_RESPONSES.length} formats: plain, "#### 42", \\boxed{42}, "Answer: 42", <answer> tags; ground truth "42"): ` +
    `the probe cannot tell a broken reward from an answer format or a ground truth it does not know. To judge it, ${EXAMPLE_HINT}.`;
  return check(meta, 'note', { expected: '> 0', actual, message, evidence });
}

export function judgeCase(rewardCase: RewardCase, functionName: string, samples: Sample[], outcomes: CallOutcome[], full: number): ProbeCheck {
  const { meta, situation, consequence, expectation } = rewardCase;
  const expected =
    expectation === 'below-full' ? `< ${formatScore(full)}`
      : expectation === 'same-twice' ? 'the same twice'
        : samples.some((sample) => sample.paysInFull) ? `≥ ${formatScore(full / 2)}, no error`
          : 'a score, no error';
  const actual = outcomes.map(paidText).join(', ');
  const evidence = {
    samples: samples.map((sample) => ({ groundTruth: sample.groundTruth, response: abbreviate(sample.response) })),
    paid: outcomes.map(paidText),
  };
  const broken = outcomes.map(brokenCall).find(Boolean);
  const failure = broken ?? wrongPayment(expectation, samples, outcomes, full);
  if (!failure) return check(meta, 'pass', { expected, actual, message: `${functionName} returns ${actual} ${situation}.`, evidence });
  // Crashing where it should pay less is a different harm from paying in full.
  const why = broken && expectation !== 'no-error' ? 'one such sample stops or stalls the training run' : consequence;
  return check(meta, 'fail', { expected, actual, message: `${functionName} ${failure} ${situation}: ${why}.`, evidence });
}

/** How the scores break the expectation (a clause of the failure message); undefined when they meet it. */
function wrongPayment(expectation: Expectation, samples: Sample[], outcomes: CallOutcome[], full: number): string | undefined {
  const scores = outcomes.map((outcome) => (outcome.kind === 'value' ? scoreOf(outcome.value) : undefined));
  switch (expectation) {
    case 'below-full': {
      const paidInFull = scores.find((score) => score !== undefined && score >= full);
      return paidInFull === undefined ? undefined : `pays ${formatScore(paidInFull)}, the full reward,`;
    }
    case 'same-twice': {
      const [first, second] = outcomes;
      return JSON.stringify(first) === JSON.stringify(second) ? undefined : `pays ${paidText(first)} and then ${paidText(second)}`;
    }
    case 'no-error': {
      // Well under the full reward, not merely under it: a noisy reward is the deterministic case's finding.
      const short = samples.findIndex((sample, index) => sample.paysInFull && (scores[index] ?? -Infinity) < full / 2);
      if (short < 0) return undefined;
      const score = scores[short];
      return `pays ${score === undefined ? paidText(outcomes[short]) : paidPhrase(score)}, not ${formatScore(full)}, when the ground truth is ${JSON.stringify(samples[short].groundTruth)}`;
    }
  }
}

/** Long samples (the huge case) are shown by their ends. */
function abbreviate(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 80)}… (${text.length} characters) …${text.slice(-80)}`;
}
