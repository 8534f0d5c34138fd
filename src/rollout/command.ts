import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { policyChecks } from '../policy/checks';
import { policyServerOptions } from '../policy/command';
import { readRecording, servedAnswers, type RecordedRequest } from '../policy/recording';
import { PolicyServer, type PolicyServerOptions } from '../policy/server';
import { TracebackWatcher, type LoggedTraceback } from '../policy/tracebacks';
import { readDuration } from '../duration';
import { formatRolloutJson } from '../report/rollout-json';
import { formatRolloutMarkdown } from '../report/rollout-markdown';
import { formatRolloutText } from '../report/rollout-text';
import { untrustedEnvironment } from '../sandbox/environment';
import { isolationNotice } from '../sandbox/isolation';
import type { RolloutConfig } from './config';
import { INPUT_FORMATS, type InputFormat } from './formats/format';
import { applyBaseline, BaselineError, readBaseline, ROLLOUT_FAIL_ON, rolloutFails, type RolloutFailOn, type RolloutReport } from './report';
import { relativeOrAbsolute, reviewRollout, templateHints } from './review';
import { runCommand } from './run';

export const ROLLOUT_USAGE = `Usage:
  rl-review rollout check FILE|DIR|GLOB...   check rollout dumps
  rl-review rollout run [options] [-- CMD...] run a smoke rollout command (default: the config's rollout.command),
                                             then check what it wrote

Options:
  --format text|json|markdown                output format (default: text)
  --fail-on error|warning|never              exit 1 when a check fails (warning: or warns) (default: error)
  --input-format ${INPUT_FORMATS.join('|')}   dump format (default: the config's rollout.format, else auto)
  --config FILE                              config file (default: .github/rl-review.yml if present)
  --baseline FILE                            an rl-review-rollout.json to show each metric's change against
  --timeout DURATION                         run: kill everything the command started after it (at most 596h)
                                             (default: the config's rollout.timeout, else 15m)
  --output GLOB                              run: where the command writes its dump
                                             (default: the config's rollout.output, else $RL_REVIEW_OUT)
  --policy adversarial|correct|FILE          run: serve a scripted policy while the command runs, at
                                             OPENAI_BASE_URL; every request is recorded in rl-review-policy.jsonl
                                             (default: the config's rollout.policy, else none)
  --policy-model DIR                         run: the model directory whose tokenizer.json gives token ids
  --policy-answer TEXT                       run: a correct answer in the dataset's format (default: the policy
                                             file's answer, else probes.reward-example's response)

'run' gives the command a fresh directory in $RL_REVIEW_OUT, runs it in a sandbox out of reach of GitHub tokens, and
writes every metric to rl-review-rollout.json (a later run's --baseline). A command given as one argument runs
in a shell, as the config's does. Exit status: 0 pass, 1 a failing check or a failed command, 2 usage or config
error.
`;

export class RolloutUsageError extends Error {}

const REPORT_FORMATS = ['text', 'json', 'markdown'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
/** How long a smoke command may run: a few minutes of sampling, with room for loading a model. */
export const DEFAULT_SMOKE_TIMEOUT_MS = 15 * 60_000;
/** Where `rollout run --policy` records every request the policy answered, beside the report. */
export const POLICY_RECORDING_FILE = 'rl-review-policy.jsonl';

/** Where `rollout run` writes every metric, for the next run's baseline. */
export const ROLLOUT_REPORT_FILE = 'rl-review-rollout.json';

/** `rl-review rollout ...`: returns the exit status. */
export async function rolloutMain(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === '-h' || subcommand === '--help' || subcommand === 'help') {
    process.stdout.write(ROLLOUT_USAGE);
    return 0;
  }
  try {
    if (subcommand === 'check') return await checkCommand(rest);
    if (subcommand === 'run') return await runSubcommand(rest);
    throw new RolloutUsageError(subcommand ? `unknown rollout command '${subcommand}'` : 'missing rollout command: check or run');
  } catch (error) {
    if (error instanceof RolloutUsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`rl-review: ${(error as Error).message}\n\n${ROLLOUT_USAGE}`);
      return 2;
    }
    throw error;
  }
}

const COMMON_OPTIONS = {
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'input-format': { type: 'string' },
  config: { type: 'string' },
  baseline: { type: 'string' },
} as const;

interface CommonOptions {
  format: ReportFormat;
  failOn: RolloutFailOn;
  inputFormat: InputFormat;
  config: RolloutConfig;
  /** `probes.reward-example.response`: the policy's correct answer when nothing closer names one. */
  exampleAnswer?: string;
  baseline?: string;
}

/** Options from the flags; where a flag is not given, from the config's `rollout:` section. */
function commonOptions(values: Partial<Record<keyof typeof COMMON_OPTIONS, string>>): CommonOptions {
  const { rollout: config, probes } = loadConfig(values.config, process.cwd());
  return {
    format: oneOf(values.format, REPORT_FORMATS, '--format', 'text'),
    failOn: oneOf(values['fail-on'], ROLLOUT_FAIL_ON, '--fail-on', 'error'),
    inputFormat: oneOf(values['input-format'], INPUT_FORMATS, '--input-format', config.format ?? 'auto'),
    config,
    exampleAnswer: probes['reward-example']?.response,
    baseline: values.baseline,
  };
}

async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMON_OPTIONS });
  if (!positionals.length) throw new RolloutUsageError('rollout check needs at least one dump file, directory or glob');
  const options = commonOptions(values);
  const report = await reviewRollout({ inputs: positionals, cwd: process.cwd(), inputFormat: options.inputFormat, config: options.config });
  return finish(report, options);
}

async function runSubcommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      timeout: { type: 'string' },
      output: { type: 'string' },
      policy: { type: 'string' },
      'policy-model': { type: 'string' },
      'policy-answer': { type: 'string' },
    },
  });
  const options = commonOptions(values);
  const { config } = options;
  const command = positionals.length ? positionals : config.command && [config.command];
  if (!command) throw new RolloutUsageError('rollout run needs a command after --, or rollout.command in the config');
  const policySpec = values.policy ?? config.policy;
  const report = await runSmokeRollout({
    command,
    cwd: process.cwd(),
    timeoutMs: values.timeout === undefined ? (config.timeout ?? DEFAULT_SMOKE_TIMEOUT_MS) : parseDuration(values.timeout),
    output: values.output ?? config.output,
    inputFormat: options.inputFormat,
    config: options.config,
    log: (text) => process.stderr.write(text),
    policy: policySpec === undefined ? undefined : smokePolicy(policySpec, {
      cwd: process.cwd(),
      config,
      exampleAnswer: options.exampleAnswer,
      model: values['policy-model'],
      answer: values['policy-answer'],
      recording: resolve(POLICY_RECORDING_FILE),
    }),
  });
  writeFileSync(ROLLOUT_REPORT_FILE, formatRolloutJson(report));
  return finish(report, options);
}

function finish(report: RolloutReport, options: CommonOptions): number {
  if (options.baseline) {
    try {
      applyBaseline(report, readBaseline(options.baseline));
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      report.notices.push({ path: options.baseline, message: error.message });
    }
  }
  if (options.format === 'json') {
    process.stdout.write(formatRolloutJson(report));
    // The JSON contract has no room for them: notices go to stderr.
    for (const n of report.notices) process.stderr.write(`rl-review: ${n.path}: ${n.message}\n`);
    if (report.failure) process.stderr.write(`rl-review: smoke rollout failed: ${report.failure}\n`);
  } else if (options.format === 'markdown') process.stdout.write(formatRolloutMarkdown(report));
  else process.stdout.write(formatRolloutText(report, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
  return rolloutFails(report, options.failOn) ? 1 : 0;
}

export interface SmokeRolloutOptions {
  /** One element: a shell command line; several: a program and its arguments. */
  command: readonly string[];
  /** Where the command runs. */
  cwd: string;
  /** What the report's paths are relative to (default: `cwd`): where the user ran rl-review. */
  shownFrom?: string;
  timeoutMs: number;
  /** Dump files, a directory or a glob, relative to `cwd`; `$RL_REVIEW_OUT` in it is that directory. Default: all of it. */
  output?: string;
  inputFormat: InputFormat;
  config: RolloutConfig;
  /** Where the command's output is streamed (the job log). */
  log: (text: string) => void;
  /**
   * A scripted policy to serve while the command runs, recorded to its `recording` (replaced): the command finds its
   * OpenAI-compatible endpoint in OPENAI_BASE_URL and RL_REVIEW_POLICY_URL.
   */
  policy?: PolicyServerOptions & { recording: string };
}

/**
 * Runs the smoke command and checks what it wrote. A non-zero exit, a timeout or an empty dump is a failed
 * rollout with the end of the command's output, never an exception. On GitHub Actions its output is a
 * collapsible log group in which workflow commands are disabled: the command is code from the pull request.
 */
export async function runSmokeRollout(options: SmokeRolloutOptions): Promise<RolloutReport> {
  const outDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'rl-review-out-'));
  const commandLine = options.command.join(' ');
  const inActions = process.env.GITHUB_ACTIONS === 'true';
  const stopToken = `rl-review-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  if (inActions) options.log(`::group::Smoke rollout: ${commandLine}\n::stop-commands::${stopToken}\n`);
  // A fresh recording each run: the report counts what this run served.
  if (options.policy) rmSync(options.policy.recording, { force: true });
  const policy = options.policy && (await PolicyServer.start(options.policy));
  const policyEnv = policy ? { OPENAI_BASE_URL: policy.baseUrl, OPENAI_API_KEY: 'rl-review-policy', RL_REVIEW_POLICY_URL: policy.baseUrl } : {};
  const tracebacks = new TracebackWatcher();
  let result;
  try {
    result = await runCommand({
      command: options.command,
      cwd: options.cwd,
      env: { ...smokeEnvironment(process.env, outDir), ...policyEnv },
      timeoutMs: options.timeoutMs,
      onOutput: options.log,
      onStderr: policy ? (text) => tracebacks.feed(text) : undefined,
    });
  } finally {
    await policy?.close();
  }
  if (inActions) options.log(`\n::${stopToken}::\n::endgroup::\n`);

  const output = options.output?.replace(/\$\{?RL_REVIEW_OUT\}?/g, outDir) ?? outDir;
  const recorded = options.policy && readRecording(options.policy.recording);
  const report = await reviewRollout({
    inputs: [output],
    cwd: options.cwd,
    inputFormat: options.inputFormat,
    config: options.config,
    // The fresh directory's name means nothing to a reader: show where the command was told to write.
    displayPath: (path) => (path.startsWith(outDir) ? `$RL_REVIEW_OUT${path.slice(outDir.length)}` : relativeOrAbsolute(options.shownFrom ?? options.cwd, path)),
    served: recorded && servedAnswers(recorded),
  });
  // The report keeps what matters of the dump; the fresh directory is the command's scratch space.
  rmSync(outDir, { recursive: true, force: true });
  report.command = {
    command: commandLine,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
    outputTail: result.outputTail,
  };
  const commandFailure = result.spawnError
    ? `the smoke command could not start: ${result.spawnError}`
    : result.timedOut
      ? `the smoke command timed out after ${formatDuration(options.timeoutMs)}; its process tree was killed`
      : result.exitCode !== 0
        ? `the smoke command ${result.signal ? `was killed by ${result.signal}` : `exited with status ${result.exitCode}`}`
        : undefined;
  if (options.policy && recorded) addPolicyChecks(report, { requests: recorded, tracebacks: tracebacks.tracebacks, policy: options.policy }, options);
  const notice = result.spawnError ? undefined : isolationNotice(result.isolation);
  if (notice) report.notices.push({ path: commandLine, message: `the smoke command ${notice}` });
  if (commandFailure) report.failure = commandFailure;
  else if (!report.trajectories) report.failure = `the smoke command wrote no trajectory to ${options.output ?? '$RL_REVIEW_OUT'}`;
  return report;
}

/**
 * From the policy's recording: how many requests it answered, by case, and the checks of what the rollout code sent
 * and logged (the template's generation prompt and end-of-turn token from `rollout.tokenizer-config`, else ChatML's).
 */
function addPolicyChecks(
  report: RolloutReport,
  { requests, tracebacks, policy }: { requests: readonly RecordedRequest[]; tracebacks: readonly LoggedTraceback[]; policy: NonNullable<SmokeRolloutOptions['policy']> },
  options: SmokeRolloutOptions,
): void {
  const cases: Record<string, number> = {};
  for (const answer of requests.flatMap((r) => r.answers)) cases[answer.case] = (cases[answer.case] ?? 0) + 1;
  // By its name: it is written where rl-review runs (the Action's scratch directory, its `policy-recording` output).
  const shown = basename(policy.recording);
  report.policy = { recording: shown, requests: requests.length, cases };
  const hints = templateHints(options.config, options.cwd, []);
  // The end-of-turn id: the tokenizer config's, else the served model's, when it is one token there.
  const served = policy.tokenizer.encode('<|im_end|>');
  const checks = policyChecks(requests, {
    assistantHeader: hints.assistantHeader ?? '<|im_start|>assistant\n',
    endOfTurn: { text: '<|im_end|>', id: hints.turnTokenIds?.end ?? (served.length === 1 ? served[0] : undefined) },
    recording: shown,
    tracebacks,
    settings: (id) => options.config.checks[id],
  });
  for (const { check, severity } of checks) {
    report.checks.push(check);
    report.severities[check.id] = severity;
  }
}

/**
 * The scripted policy a smoke rollout serves (`rollout run --policy`, a review's `rollout.policy`), recorded to
 * `recording`: `spec` is `adversarial`, `correct` or a policy file relative to `cwd`. Token ids come from `model`, else
 * the model directory of `rollout.tokenizer-config` when it has a tokenizer.json; the correct answer from `answer`,
 * the policy file, else `probes.reward-example`'s response. Input errors are usage errors naming `name`.
 */
export function smokePolicy(
  spec: string,
  options: { cwd: string; config: RolloutConfig; exampleAnswer?: string; model?: string; answer?: string; recording: string; name?: string },
): NonNullable<SmokeRolloutOptions['policy']> {
  const { cwd, config, exampleAnswer, model, answer, recording, name } = options;
  return { ...policyServerOptions({ policy: spec, cwd, model: model ?? policyModelOf(config, cwd), answer, exampleAnswer }, name), recording };
}

/** The model directory whose tokenizer.json the policy answers with: the one of `rollout.tokenizer-config`, when it has one. */
function policyModelOf(config: RolloutConfig, cwd: string): string | undefined {
  const tokenizerConfig = config['tokenizer-config'];
  const dir = tokenizerConfig && dirname(resolve(cwd, tokenizerConfig));
  return dir && existsSync(join(dir, 'tokenizer.json')) ? dir : undefined;
}

/** The smoke command's environment: ours without secrets, and the directory it writes its dump to. */
export function smokeEnvironment(env: NodeJS.ProcessEnv, outDir: string): NodeJS.ProcessEnv {
  return { ...untrustedEnvironment(env), RL_REVIEW_OUT: outDir };
}

/** `15m`, `90s`, `1h`, `500ms`; a bare number is seconds. */
export function parseDuration(text: string): number {
  const duration = readDuration(text);
  if ('error' in duration) throw new RolloutUsageError(`--timeout ${duration.error} (got '${text}')`);
  return duration.ms;
}

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function oneOf<T extends string>(value: string | undefined, choices: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new RolloutUsageError(`${option} must be one of ${choices.join(', ')} (got '${value}')`);
  return value as T;
}
