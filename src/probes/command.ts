import { parseArgs } from 'node:util';
import { oneOf, REPORT_OPTIONS, reportOptions, UsageError, writeReport, type ReportOptions } from '../command-line';
import { MAX_DURATION_MS, MAX_DURATION_TEXT } from '../duration';
import { compareFindings, failsAt, type Notice } from '../findings';
import { detectIsolation, isolationNotice } from '../sandbox/isolation';
import { ProbeInputError, type ProbeResult } from './probe';
import { DEFAULT_CALL_TIMEOUT_SECONDS, DEFAULT_DATA_SOURCE, probeReward, REWARD_STYLES, type RewardStyle } from './reward-probe';
import { probeTemplates } from './template-probe';

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

Exit status: 0 no failing check, 1 a failed check at or above --fail-on, 2 usage or input error.
`;

/**
 * `rl-review probe template|reward ...`: runs a probe and reports it like `scan` (same formats and `--fail-on`).
 * Returns the exit status: 0 no failing check, 1 a failed check at or above `--fail-on`, 2 a usage or input error.
 */
export async function runProbe(args: string[]): Promise<number> {
  const [probe, ...rest] = args;
  if (probe === '-h' || probe === '--help' || probe === 'help') {
    process.stdout.write(PROBE_USAGE);
    return 0;
  }
  try {
    if (probe === 'template') return templateProbe(rest);
    if (probe === 'reward') return await rewardProbe(rest);
    throw new UsageError(probe ? `unknown probe '${probe}'` : 'missing probe: template or reward');
  } catch (error) {
    if (error instanceof ProbeInputError) {
      process.stderr.write(`rl-review: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`rl-review: ${(error as Error).message}\n\n${PROBE_USAGE}`);
      return 2;
    }
    throw error;
  }
}

function templateProbe(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...REPORT_OPTIONS, 'stop-token': { type: 'string', multiple: true } },
  });
  const reporting = reportOptions(values);
  const results = probeTemplates(positionals.length ? positionals : ['.'], { cwd: process.cwd(), stopTokens: values['stop-token'] });
  return emit(results, reporting);
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
    },
  });
  const reporting = reportOptions(values);
  if (positionals.length) throw new UsageError(`probe reward takes no paths (got '${positionals[0]}'): name the function with --function FILE:FUNCTION`);
  if (!values.function) throw new UsageError('probe reward needs --function FILE:FUNCTION (like rewards.py:compute_score)');
  const result = await probeReward({
    target: values.function,
    style: oneOf<RewardStyle>(values.style, REWARD_STYLES, '--style', 'verl'),
    python: values.python,
    timeoutSeconds: seconds(values.timeout),
    dataSource: values['data-source'],
    cwd: process.cwd(),
  });
  const notice = isolationNotice(detectIsolation());
  return emit([result], reporting, notice ? [{ path: values.function, message: `the reward function ${notice}` }] : []);
}

function emit(results: ProbeResult[], options: ReportOptions, notices: Notice[] = []): number {
  const findings = results.flatMap((result) => result.findings).sort(compareFindings);
  writeReport({ findings, notices, probes: results.map((result) => result.report) }, options);
  return failsAt(findings, options.failOn) ? 1 : 0;
}

function seconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CALL_TIMEOUT_SECONDS;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`--timeout must be a number of seconds above 0 (got '${value}')`);
  if (parsed * 1000 > MAX_DURATION_MS) throw new UsageError(`--timeout must be at most ${Math.floor(MAX_DURATION_MS / 1000)} seconds, ${MAX_DURATION_TEXT} (got '${value}')`);
  return parsed;
}
