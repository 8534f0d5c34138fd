import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { oneOf, REPORT_OPTIONS, reportOptions, UsageError, writeReport, type ReportOptions } from '../command-line';
import { MAX_DURATION_MS, MAX_DURATION_TEXT } from '../duration';
import { compareFindings, failsAt, type Notice } from '../findings';
import { detectIsolation, isolationNotice } from '../sandbox/isolation';
import { REWARD_STYLES, rewardExampleSchema, type RewardExample, type RewardStyle } from './config';
import { displayPath, findModelDirs, repositoryOf } from './model-files';
import { ProbeInputError, type ProbeResult } from './probe';
import { DEFAULT_CALL_TIMEOUT_SECONDS, DEFAULT_DATA_SOURCE, probeReward } from './reward-probe';
import { probeTemplateIsolated } from './template-runner';

export const PROBE_USAGE = `Usage:
  rl-review probe template [DIR...]                   check the chat template and tokenizer files of each model
                                                      directory (holding tokenizer_config.json) in DIR (default: .)
  rl-review probe reward --function FILE:FUNCTION     call a reward function on adversarial cases

Options:
  --format text|json|sarif|github|markdown   output format (default: text)
  --output FILE                              write the report to FILE instead of stdout
  --fail-on error|warning|info|never         exit 1 when a failed check is at or above this (default: error)
  --stop-token TOKEN                         template: a stop token the rollout adds (a token or an id; repeatable)
  --style verl|trl                           reward: call it like verl's compute_score or a TRL reward function
                                             (default: verl; JS/TS functions are called like verl's)
  --python PATH                              reward: the Python of the project's environment (default: python3)
  --timeout SECONDS                          reward: the longest one call may take (default: ${DEFAULT_CALL_TIMEOUT_SECONDS})
  --data-source NAME                         reward: verl's data_source argument (default: ${DEFAULT_DATA_SOURCE})
  --example FILE                             reward: a JSON object {response, ground_truth, extra_info, data_source,
                                             prompt}: one real answer the function pays, which the cases are built
                                             from (for rewards with their own answer format or ground-truth shape)

Exit status: 0 no failing check, 1 a failed check at or above --fail-on, 2 usage error or an input that
cannot be probed (the report, with what was probed, is written all the same).
`;

/** What a probe command found: the probes that ran, and the inputs that could not be probed (and why, for stderr). */
interface ProbeRun {
  results: ProbeResult[];
  notices: Notice[];
  errors: string[];
}

/**
 * `rl-review probe template|reward ...`: runs a probe and reports it like `scan` (same formats and `--fail-on`).
 * Returns the exit status: 0 no failing check, 1 a failed check at or above `--fail-on`, 2 a usage error or an
 * input that cannot be probed (a notice in the report, and a line on stderr).
 */
export async function runProbe(args: string[]): Promise<number> {
  const [probe, ...rest] = args;
  if (probe === '-h' || probe === '--help' || probe === 'help') {
    process.stdout.write(PROBE_USAGE);
    return 0;
  }
  try {
    if (probe === 'template') return await templateProbe(rest);
    if (probe === 'reward') return await rewardProbe(rest);
    throw new UsageError(probe ? `unknown probe '${probe}'` : 'missing probe: template or reward');
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`rl-review: ${(error as Error).message}\n\n${PROBE_USAGE}`);
      return 2;
    }
    throw error;
  }
}

/**
 * Each path's model directories, each probed in its own worker. A path named on the command line is trusted to be
 * read (a model outside the working directory too), but the links inside it are followed only within it.
 */
async function templateProbe(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...REPORT_OPTIONS, 'stop-token': { type: 'string', multiple: true } },
  });
  const reporting = reportOptions(values);
  const cwd = process.cwd();
  const run: ProbeRun = { results: [], notices: [], errors: [] };
  for (const path of positionals.length ? positionals : ['.']) {
    const scope = { cwd, root: repositoryOf(path, cwd, cwd) };
    const found = await collect(run, path, async () => findModelDirs([path], scope));
    if (!found) continue;
    if (found.truncated) run.notices.push({ path, message: found.truncated });
    if (!found.dirs.length) notProbed(run, path, `no tokenizer_config.json found in ${path}`);
    for (const dir of found.dirs) {
      const result = await collect(run, displayPath(dir, cwd), () => probeTemplateIsolated(dir, { ...scope, stopTokens: values['stop-token'] }));
      if (result) run.results.push(result);
    }
  }
  return emit(run, reporting);
}

async function rewardProbe(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...REPORT_OPTIONS,
      function: { type: 'string' },
      style: { type: 'string' },
      python: { type: 'string', default: 'python3' },
      timeout: { type: 'string' },
      'data-source': { type: 'string', default: DEFAULT_DATA_SOURCE },
      example: { type: 'string' },
    },
  });
  const reporting = reportOptions(values);
  if (positionals.length) throw new UsageError(`probe reward takes no paths (got '${positionals[0]}'): name the function with --function FILE:FUNCTION`);
  if (!values.function) throw new UsageError('probe reward needs --function FILE:FUNCTION (like rewards.py:compute_score)');
  const options = {
    target: values.function,
    style: oneOf<RewardStyle>(values.style, REWARD_STYLES, '--style', 'verl'),
    python: values.python,
    timeoutSeconds: seconds(values.timeout),
    dataSource: values['data-source'],
    example: values.example === undefined ? undefined : readExample(values.example),
    cwd: process.cwd(),
  };
  const run: ProbeRun = { results: [], notices: [], errors: [] };
  const result = await collect(run, values.function.replace(/:[^:]*$/, ''), () => probeReward(options));
  if (result) {
    run.results.push(result);
    // Said only where the function ran: what its sandbox left open.
    const notice = isolationNotice(detectIsolation());
    if (notice) run.notices.push({ path: values.function, message: `the reward function ${notice}` });
  }
  return emit(run, reporting);
}

/** `probe()`'s value; an input it cannot probe becomes a notice on `path` instead. */
async function collect<T>(run: ProbeRun, path: string, probe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await probe();
  } catch (error) {
    if (!(error instanceof ProbeInputError)) throw error;
    notProbed(run, path, error.message);
    return undefined;
  }
}

/** An input that cannot be probed: a notice on `path` (the error without the path it starts with), a line on stderr. */
function notProbed(run: ProbeRun, path: string, error: string): void {
  run.notices.push({ path, message: error.startsWith(`${path}: `) ? error.slice(path.length + 2) : error });
  run.errors.push(error);
}

/** The report, whatever happened (JSON readers get one even when nothing could be probed), and the exit status. */
function emit(run: ProbeRun, options: ReportOptions): number {
  const findings = run.results.flatMap((result) => result.findings).sort(compareFindings);
  writeReport({ findings, notices: run.notices, probes: run.results.map((result) => result.report) }, options);
  for (const error of run.errors) process.stderr.write(`rl-review: ${error}\n`);
  if (run.errors.length) return 2;
  return failsAt(findings, options.failOn) ? 1 : 0;
}

/** `--example FILE`: its errors name the file and the key. */
function readExample(file: string): RewardExample {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not JSON: ${error.message}` : `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    throw new UsageError(`--example ${file}: ${reason}`);
  }
  const parsed = rewardExampleSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.');
  const keys = Object.keys(rewardExampleSchema.shape).join(', ');
  throw new UsageError(`--example ${file}: ${key ? `'${key}': ` : ''}${issue.message} (an object with ${keys})`);
}

function seconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CALL_TIMEOUT_SECONDS;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`--timeout must be a number of seconds above 0 (got '${value}')`);
  if (parsed * 1000 > MAX_DURATION_MS) throw new UsageError(`--timeout must be at most ${Math.floor(MAX_DURATION_MS / 1000)} seconds, ${MAX_DURATION_TEXT} (got '${value}')`);
  return parsed;
}
