import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { anchorAt, check, findingOf, ProbeInputError, type Anchor, type ProbeCheck, type ProbeResult } from './probe';
import {
  ADVERSARIAL_CASES,
  CORRECT_RESPONSES,
  GROUND_TRUTH,
  judgeCase,
  judgeCorrectAnswer,
  QUESTION,
  scoreOf,
  type Sample,
} from './reward-cases';
import { RewardProcess, type CallOutcome, type CallRequest, type FunctionSignature, type RewardFunction, type RunnerOptions } from './reward-runner';

/**
 * The reward-function probe: calls a repository's reward function the way its framework does (verl's
 * `compute_score`, a TRL reward function, a JS/TS function called like verl's) on adversarial cases, and reports
 * what it paid.
 */

/** verl: `compute_score(data_source=, solution_str=, ground_truth=, extra_info=)`. TRL: `f(prompts=, completions=, **columns)`. */
export type RewardStyle = 'verl' | 'trl';
export const REWARD_STYLES: readonly RewardStyle[] = ['verl', 'trl'];

/** The longest one call of the reward function may take, unless configured. */
export const DEFAULT_CALL_TIMEOUT_SECONDS = 10;
/** verl's `data_source` argument, unless configured. */
export const DEFAULT_DATA_SOURCE = 'rl-review/probe';

export interface RewardProbeOptions extends RunnerOptions {
  /** `path/to/file.py:function`. */
  target: string;
  style: RewardStyle;
  /** verl's `data_source`: reward functions that dispatch on it need one they know. */
  dataSource: string;
}

/** TRL passes completions as text, or as messages for conversational datasets: the shape that pays a correct answer is used. */
type CompletionShape = 'text' | 'conversational';

/** TRL's own keyword arguments; any other named parameter is a dataset column, taken to hold the ground truth. */
const TRL_ARGUMENTS = new Set(['prompts', 'completions', 'completion_ids', 'trainer_state']);
/** Where a reward that takes only `**kwargs` most often finds the ground truth. */
const TRUTH_COLUMNS = ['ground_truth', 'solution', 'answer'];

const LANGUAGE_BY_EXTENSION: Record<string, RewardFunction['language']> = {
  '.py': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'javascript',
  '.mts': 'javascript',
  '.cts': 'javascript',
};

export async function probeReward(options: RewardProbeOptions): Promise<ProbeResult> {
  const { reward, anchor } = locateReward(options.target, options.cwd);
  if (reward.language === 'javascript' && options.style !== 'verl') {
    throw new ProbeInputError(`--style ${options.style} is for Python reward functions; ${reward.label} is called like verl's compute_score`);
  }
  const running = await RewardProcess.start(reward, options);
  let checks: ProbeCheck[];
  try {
    checks = await runCases(running, reward, options);
  } finally {
    await running.close();
  }
  return {
    report: { probe: 'reward', target: reward.label, checks },
    findings: checks.flatMap((probeCheck) => findingOf(probeCheck, anchor) ?? []),
  };
}

async function runCases(running: RewardProcess, reward: RewardFunction, options: RewardProbeOptions): Promise<ProbeCheck[]> {
  const call = (sample: Sample, shape: CompletionShape) => running.call(requestFor(sample, shape, reward, running.signature, options));
  const shapes: CompletionShape[] = options.style === 'trl' ? ['text', 'conversational'] : ['text'];

  let paidMost: { response: string; score: number; shape: CompletionShape } | undefined;
  const correctOutcomes: CallOutcome[] = [];
  const attempts = shapes.flatMap((shape) => CORRECT_RESPONSES.map((response) => ({ shape, response })));
  for (const { shape, response } of attempts) {
    const outcome = await call({ groundTruth: GROUND_TRUTH, response }, shape);
    correctOutcomes.push(outcome);
    const score = outcome.kind === 'value' ? scoreOf(outcome.value) : undefined;
    if (score !== undefined && score > (paidMost?.score ?? -Infinity)) paidMost = { response, score, shape };
    if (outcome.kind === 'timeout') break;
  }
  const correctCheck = judgeCorrectAnswer(reward.name, correctOutcomes, paidMost);
  if (correctCheck.status === 'fail' || !paidMost) {
    return [correctCheck, ...skipped('Not judged: the reward function does not pay a correct answer.')];
  }

  const checks = [correctCheck];
  for (const [index, rewardCase] of ADVERSARIAL_CASES.entries()) {
    const samples = rewardCase.samples(paidMost.response);
    const outcomes: CallOutcome[] = [];
    for (const sample of samples) {
      const outcome = await call(sample, paidMost.shape);
      outcomes.push(outcome);
      if (outcome.kind === 'timeout') break;
    }
    checks.push(judgeCase(rewardCase, reward.name, samples, outcomes, paidMost.score));
    if (outcomes.some((outcome) => outcome.kind === 'timeout')) {
      return [...checks, ...skipped('Not run: the reward function hung on an earlier case.', index + 1)];
    }
  }
  return checks;
}

function skipped(message: string, from = 0): ProbeCheck[] {
  return ADVERSARIAL_CASES.slice(from).map((rewardCase) => check(rewardCase.meta, 'skip', { expected: '', actual: '', message }));
}

function requestFor(sample: Sample, shape: CompletionShape, reward: RewardFunction, signature: FunctionSignature, options: RewardProbeOptions): CallRequest {
  if (options.style === 'verl') {
    const extraInfo = {};
    return reward.language === 'python'
      ? { kwargs: { data_source: options.dataSource, solution_str: sample.response, ground_truth: sample.groundTruth, extra_info: extraInfo } }
      : { args: [options.dataSource, sample.response, sample.groundTruth, extraInfo] };
  }
  const conversational = shape === 'conversational';
  const kwargs: Record<string, unknown> = {
    prompts: [conversational ? [{ role: 'user', content: QUESTION }] : QUESTION],
    completions: [conversational ? [{ role: 'assistant', content: sample.response }] : sample.response],
  };
  const named = signature.parameters.filter((parameter) => !TRL_ARGUMENTS.has(parameter));
  for (const column of named.length ? named : signature.varkw ? TRUTH_COLUMNS : []) kwargs[column] = [sample.groundTruth];
  if (signature.varkw || signature.parameters.includes('completion_ids')) kwargs.completion_ids = [[]];
  return { kwargs };
}

/** Parse `FILE:FUNCTION`, and anchor findings at the function's definition (line 1 when it is not found by name). */
export function locateReward(target: string, cwd: string): { reward: RewardFunction; anchor: Anchor } {
  const colon = target.lastIndexOf(':');
  const [file, name] = [target.slice(0, colon), target.slice(colon + 1)];
  if (colon <= 0 || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new ProbeInputError(`--function ${target}: expected FILE:FUNCTION, like rewards.py:compute_score`);
  }
  const language = LANGUAGE_BY_EXTENSION[file.slice(file.lastIndexOf('.')).toLowerCase()];
  if (!language) throw new ProbeInputError(`--function ${target}: ${file} is not a Python, JavaScript or TypeScript file`);
  const absolutePath = resolve(cwd, file);
  const path = relative(cwd, absolutePath).split(sep).join('/');
  let source: string;
  try {
    source = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new ProbeInputError(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const definition = definitionPatterns(name, language).map((pattern) => pattern.exec(source)).find(Boolean);
  const nameAt = definition ? definition.index + definition[0].length - name.length : 0;
  return {
    reward: { file: absolutePath, label: `${path}:${name}`, name, language },
    anchor: anchorAt(path, source, nameAt, definition ? name.length : 0),
  };
}

/** Where a function is defined, most specific first; each match ends with the name. */
function definitionPatterns(name: string, language: RewardFunction['language']): RegExp[] {
  if (language === 'python') return [new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${name}\\b`, 'm'), new RegExp(`^${name}(?=[ \\t]*=[^=])`, 'm')];
  if (name === 'default') return [/\bexport\s+default/];
  const escaped = name.replace(/\$/g, '\\$');
  return [new RegExp(`\\bfunction\\s*\\*?\\s*${escaped}(?![\\w$])`), new RegExp(`\\b(?:const|let|var)\\s+${escaped}(?![\\w$])`)];
}
