import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { anchorAt, check, findingOf, ProbeInputError, type Anchor, type ProbeCheck, type ProbeResult } from './probe';
import type { RewardExample, RewardStyle } from './config';
import {
  ADVERSARIAL_CASES,
  CORRECT_RESPONSES,
  GROUND_TRUTH,
  judgeCase,
  judgeCorrectAnswer,
  QUESTION,
  scoreOf,
  WRONG_ANSWER_CASE,
  type RewardCase,
  type Sample,
} from './reward-cases';
import { RewardProcess, type CallOutcome, type CallRequest, type FunctionSignature, type RewardFunction, type RunnerOptions } from './reward-runner';

/**
 * The reward-function probe: calls a repository's reward function the way its framework does (verl's
 * `compute_score`, a TRL reward function, a JS/TS function called like verl's) on adversarial cases, and reports
 * what it paid.
 */

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
  /** One real answer the function pays: the correct case, and the base of the others. */
  example?: RewardExample;
}

/** How each style calls the function, for a signature that does not fit. */
const EXPECTED_CALL: Record<RewardStyle, string> = {
  verl: "compute_score(data_source=, solution_str=, ground_truth=, extra_info=), verl's call of a custom reward function",
  trl: "reward_func(prompts=, completions=, completion_ids=, **dataset_columns), TRL's call of a reward function",
};

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
  const call = async (sample: Sample, shape: CompletionShape) =>
    usable(await running.call(requestFor(sample, shape, reward, running.signature, options)), reward, running.signature, options);
  const shapes: CompletionShape[] = options.style === 'trl' ? ['text', 'conversational'] : ['text'];
  const { example } = options;
  const correctSamples: Sample[] = example
    ? [{ groundTruth: example.ground_truth, response: example.response }]
    : CORRECT_RESPONSES.map((response) => ({ groundTruth: GROUND_TRUTH, response }));

  let paidMost: { sample: Sample; score: number; shape: CompletionShape } | undefined;
  const tried: Sample[] = [];
  const correctOutcomes: CallOutcome[] = [];
  for (const shape of shapes) {
    for (const sample of correctSamples) {
      const outcome = await call(sample, shape);
      tried.push(sample);
      correctOutcomes.push(outcome);
      const score = outcome.kind === 'value' ? scoreOf(outcome.value) : undefined;
      if (score !== undefined && score > (paidMost?.score ?? -Infinity)) paidMost = { sample, score, shape };
      if (outcome.kind === 'timeout') break;
    }
    if (correctOutcomes.at(-1)?.kind === 'timeout') break;
  }
  const correctCheck = judgeCorrectAnswer(reward.name, tried, correctOutcomes, paidMost, Boolean(example));
  const cases = [WRONG_ANSWER_CASE, ...ADVERSARIAL_CASES];
  if (correctCheck.status !== 'pass' || !paidMost) {
    return [correctCheck, ...cases.map((rewardCase) => skipped(rewardCase, 'Not judged: with no correct answer it pays, the probe has no full reward to compare with.'))];
  }

  const { sample: correct, score: full, shape } = paidMost;
  const checks = [correctCheck];
  let groundTruthUnread = takesNoGroundTruth(running.signature, options) ? `Not judged: ${reward.name} takes no ground truth.` : undefined;
  for (const [index, rewardCase] of cases.entries()) {
    if (rewardCase.readsGroundTruth && groundTruthUnread) {
      checks.push(skipped(rewardCase, groundTruthUnread));
      continue;
    }
    const samples = rewardCase.samples(correct);
    if (!samples.length) {
      checks.push(skipped(rewardCase, `Not judged: the case needs a ground truth ${rewardCase === WRONG_ANSWER_CASE ? 'whose answer the correct response spells out' : 'that is a number written as a string'}.`));
      continue;
    }
    const outcomes: CallOutcome[] = [];
    for (const sample of samples) {
      const outcome = await call(sample, shape);
      outcomes.push(outcome);
      if (outcome.kind === 'timeout') break;
    }
    const judged = judgeCase(rewardCase, reward.name, samples, outcomes, full);
    if (rewardCase === WRONG_ANSWER_CASE && judged.status === 'fail' && outcomes.every((outcome) => outcome.kind === 'value')) {
      // It pays whatever the answer: the ground-truth cases would only say so again.
      groundTruthUnread = `Not judged: ${reward.name} pays the full reward whatever the answer.`;
      if (options.style === 'trl') {
        checks.push({ ...judged, status: 'skip', message: `${reward.name} pays ${judged.actual} for a wrong answer in the right format: a format reward, so the ground-truth cases are not judged.` });
        continue;
      }
    }
    checks.push(judged);
    if (outcomes.some((outcome) => outcome.kind === 'timeout')) {
      return [...checks, ...cases.slice(index + 1).map((later) => skipped(later, 'Not run: the reward function hung on an earlier case.'))];
    }
  }
  return checks;
}

function skipped(rewardCase: RewardCase, message: string): ProbeCheck {
  return check(rewardCase.meta, 'skip', { expected: '', actual: '', message });
}

/** A TRL reward with no dataset column among its parameters and no **kwargs (a format reward) is passed no ground truth. */
function takesNoGroundTruth(signature: FunctionSignature, options: RewardProbeOptions): boolean {
  return options.style === 'trl' && !signature.varkw && signature.parameters.every((parameter) => TRL_ARGUMENTS.has(parameter));
}

/**
 * An outcome that says nothing about the reward is an input error, not a finding: a call that does not fit the
 * function's signature (raised where the harness calls it), or a module the environment lacks (imported lazily).
 */
function usable(outcome: CallOutcome, reward: RewardFunction, signature: FunctionSignature, options: RewardProbeOptions): CallOutcome {
  if (outcome.kind !== 'error') return outcome;
  if (/^(ModuleNotFoundError|ImportError): /.test(outcome.error)) {
    throw new ProbeInputError(
      `${reward.label}: the reward function needs a module that ${options.python} does not have: ${outcome.error}. ` +
        "Install the project's requirements there, or point --python (probes.python) at the project's environment",
    );
  }
  const atCall = /^TypeError: (.*) \(reward_harness\.py:\d+\)$/.exec(outcome.error);
  if (atCall) {
    throw new ProbeInputError(
      `${reward.label}: ${reward.name}${signature.text ?? ''} cannot be called as ${EXPECTED_CALL[options.style]}: ${atCall[1]}. ` +
        `Point --function at a function called that way${options.style === 'verl' ? " (verl's default_compute_score, which dispatches on data_source, or a wrapper)" : ' (a wrapper that calls this one)'}`,
    );
  }
  return outcome;
}

function requestFor(sample: Sample, shape: CompletionShape, reward: RewardFunction, signature: FunctionSignature, options: RewardProbeOptions): CallRequest {
  const extraInfo = options.example?.extra_info ?? {};
  if (options.style === 'verl') {
    const dataSource = options.example?.data_source ?? options.dataSource;
    return reward.language === 'python'
      ? { kwargs: { data_source: dataSource, solution_str: sample.response, ground_truth: sample.groundTruth, extra_info: extraInfo } }
      : { args: [dataSource, sample.response, sample.groundTruth, extraInfo] };
  }
  const conversational = shape === 'conversational';
  const prompt = options.example?.prompt ?? QUESTION;
  const kwargs: Record<string, unknown> = {
    prompts: [conversational ? [{ role: 'user', content: prompt }] : prompt],
    completions: [conversational ? [{ role: 'assistant', content: sample.response }] : sample.response],
  };
  const named = signature.parameters.filter((parameter) => !TRL_ARGUMENTS.has(parameter));
  // The example's extra_info keys are dataset columns; the other named columns, or the usual ones, get the ground truth.
  for (const [column, value] of Object.entries(extraInfo)) {
    if (signature.varkw || named.includes(column)) kwargs[column] = [value];
  }
  const truthColumns = named.length ? named.filter((column) => !(column in extraInfo)) : signature.varkw ? TRUTH_COLUMNS : [];
  for (const column of truthColumns) kwargs[column] = [sample.groundTruth];
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
