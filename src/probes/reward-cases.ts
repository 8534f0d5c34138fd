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
}

/** A correct answer in the formats rewards commonly parse; the best paid one stands for "correct" in the other cases. */
export const CORRECT_RESPONSES: readonly string[] = [
  '42',
  'The answer is 42.',
  '6 times 7 is 42.\n#### 42',
  '6 times 7 is 42, so the answer is \\boxed{42}.',
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
  /** The samples, given the correct response the reward paid most for. */
  samples: (correct: string) => Sample[];
}

const answer = (response: string): Sample => ({ groundTruth: GROUND_TRUTH, response });

/** In the order they run: the likeliest to hang last, since a hang ends the run. */
export const ADVERSARIAL_CASES: readonly RewardCase[] = [
  {
    meta: REWARD_CHECKS.emptyTruthEmptyResponse,
    situation: 'when the ground truth and the response are both empty',
    consequence: 'every unlabeled sample teaches the policy that an empty answer pays. Return 0 when the ground truth is empty, or drop those samples',
    expectation: 'below-full',
    samples: () => [{ groundTruth: '', response: '' }],
  },
  {
    meta: REWARD_CHECKS.emptyTruthAnyResponse,
    situation: 'for a non-empty response when the ground truth is empty',
    consequence: 'unlabeled samples pay whatever the policy writes. Return 0 when the ground truth is empty, or drop those samples',
    expectation: 'below-full',
    samples: (correct) => [{ groundTruth: '', response: correct }],
  },
  {
    meta: REWARD_CHECKS.malformedToolCall,
    situation: 'for a tool call whose JSON does not parse',
    consequence: 'the policy is paid for calls the environment cannot execute, and malformed calls spread. Parse the call before scoring it',
    expectation: 'below-full',
    samples: () => [answer('<tool_call>\n{"name": "submit_answer", "arguments": {"answer": "42"}\n</tool_call>')],
  },
  {
    meta: REWARD_CHECKS.leakedChatTokens,
    situation: 'for a correct answer inside leaked <|im_start|>/<|im_end|> chat headers',
    consequence: 'a policy that runs past the end of its turn is paid in full, so nothing discourages the runaway <|im_start|> repetition. Pay less when the response holds chat headers',
    expectation: 'below-full',
    samples: (correct) => [answer(`<|im_start|>assistant\n${correct}<|im_end|>\n<|im_start|>user\nIs that right?<|im_end|>\n<|im_start|>assistant\n`)],
  },
  {
    meta: REWARD_CHECKS.truncatedResponse,
    situation: 'for a truncated response that mentions the answer but never gives it',
    consequence: 'the reward finds the answer anywhere in the text, so rambling that mentions it pays. Score only the final answer',
    expectation: 'below-full',
    samples: () => [answer('<think>\nLet me work this out. 6 times 7 is 42, but let me double-check by adding 6 seven ti')],
  },
  {
    meta: REWARD_CHECKS.deterministic,
    situation: 'for the same input twice',
    consequence: 'noise in the reward is variance the advantage estimate cannot remove. Seed or remove the randomness',
    expectation: 'same-twice',
    samples: (correct) => [answer(correct), answer(correct)],
  },
  {
    meta: REWARD_CHECKS.nonStringInput,
    situation: 'for a ground truth that is not a string (42, ["42"], None)',
    consequence: 'datasets store numbers and lists as ground truth, and one such sample stops the training run',
    expectation: 'no-error',
    samples: (correct) => [42, ['42'], null].map((groundTruth) => ({ groundTruth, response: correct })),
  },
  {
    meta: REWARD_CHECKS.hugeInput,
    situation: 'for a huge response (700 KB of text, a 20,000-digit answer)',
    consequence: 'one runaway generation stops or stalls the training run',
    expectation: 'no-error',
    samples: (correct) => [
      answer('Let me think. '.repeat(50_000) + correct),
      answer(`The answer is \\boxed{${'9'.repeat(20_000)}}.\n#### ${'9'.repeat(20_000)}`),
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

/** What one call paid, for the table: `1`, `raised TypeError`, `hung (> 10 s)`, or what it returned (`null`). */
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

/** The clause of a failure message for an outcome that raised or hung, whatever the case expects. */
function brokenCall(outcome: CallOutcome): string | undefined {
  if (outcome.kind === 'error') return `raises ${outcome.error}`;
  if (outcome.kind === 'timeout') return `does not return within ${outcome.seconds} s`;
  return undefined;
}

/** The sanity case: a correct answer must pay something, else the probe cannot judge the reward. */
export function judgeCorrectAnswer(functionName: string, outcomes: CallOutcome[], paidMost: { response: string; score: number } | undefined): ProbeCheck {
  const meta = REWARD_CHECKS.correctAnswer;
  const actual = outcomes.map(paidText).join(', ');
  const evidence = { responses: CORRECT_RESPONSES, groundTruth: GROUND_TRUTH, paid: outcomes.map(paidText) };
  if (paidMost && paidMost.score > 0) {
    const message = `${functionName} pays ${formatScore(paidMost.score)} for the correct answer ${JSON.stringify(paidMost.response)}: the full reward the other cases are held to.`;
    return check(meta, 'pass', { expected: '> 0', actual: formatScore(paidMost.score), message, evidence });
  }
  const broken = outcomes.map(brokenCall).find(Boolean);
  const message = broken
    ? `${functionName} ${broken} on a correct answer; the other cases are not judged.`
    : `${functionName} pays nothing (${actual}) for a correct answer in any of the ${CORRECT_RESPONSES.length} formats the probe tries ` +
      '(plain, "#### 42", \\boxed{42}, <answer> tags): either it never pays, or it expects another format. The other cases are not judged.';
  return check(meta, 'fail', { expected: '> 0', actual, message, evidence });
}

export function judgeCase(rewardCase: RewardCase, functionName: string, samples: Sample[], outcomes: CallOutcome[], full: number): ProbeCheck {
  const { meta, situation, consequence, expectation } = rewardCase;
  const expected = expectation === 'below-full' ? `< ${formatScore(full)}` : expectation === 'same-twice' ? 'the same twice' : 'a score, no error';
  const actual = outcomes.map(paidText).join(', ');
  const evidence = {
    samples: samples.map((sample) => ({ groundTruth: sample.groundTruth, response: abbreviate(sample.response) })),
    paid: outcomes.map(paidText),
  };
  const broken = outcomes.map(brokenCall).find(Boolean);
  const failure = broken ?? wrongPayment(expectation, outcomes, full);
  if (!failure) return check(meta, 'pass', { expected, actual, message: `${functionName} returns ${actual} ${situation}.`, evidence });
  // Crashing where it should pay less is a different harm from paying in full.
  const why = broken && expectation !== 'no-error' ? 'one such sample stops or stalls the training run' : consequence;
  return check(meta, 'fail', { expected, actual, message: `${functionName} ${failure} ${situation}: ${why}.`, evidence });
}

/** How the scores break the expectation (a clause of the failure message); undefined when they meet it. */
function wrongPayment(expectation: Expectation, outcomes: CallOutcome[], full: number): string | undefined {
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
    case 'no-error':
      return undefined;
  }
}

/** Long samples (the huge case) are shown by their ends. */
function abbreviate(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 80)}… (${text.length} characters) …${text.slice(-80)}`;
}
