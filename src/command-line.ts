import { statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SEVERITIES, type Severity } from './findings';
import { renderReport } from './report/render';
import { OUTPUT_FORMATS, type OutputFormat, type Report } from './report/report';

/** A command line that cannot be run: the command prints it with its usage, and exits 2. */
export class UsageError extends Error {}

export const FAIL_ON = [...SEVERITIES, 'never'] as const;

export function oneOf<T extends string>(value: string | undefined, choices: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${choices.join(', ')} (got '${value}')`);
  return value as T;
}

/** How `scan`, `review` and `probe` write their report, and which findings fail them. */
export const REPORT_OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

export interface ReportOptions {
  format: OutputFormat;
  failOn: Severity | 'never';
  output?: string;
}

/** Validated before anything runs, so a typo does not cost a reward probe or a smoke rollout. */
export function reportOptions(values: { format?: string; 'fail-on'?: string; output?: string }): ReportOptions {
  if (values.output !== undefined) checkOutputPath(values.output);
  return {
    format: oneOf<OutputFormat>(values.format, OUTPUT_FORMATS, '--format', 'text'),
    failOn: oneOf<Severity | 'never'>(values['fail-on'], FAIL_ON, '--fail-on', 'error'),
    output: values.output,
  };
}

/** `--output` must name a file in a directory that exists: said now, not after the whole review has run. */
function checkOutputPath(output: string): void {
  const directory = dirname(output);
  const stats = statSync(directory, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`--output ${output}: the directory ${directory} does not exist`);
  if (!stats.isDirectory()) throw new UsageError(`--output ${output}: ${directory} is not a directory`);
  if (statSync(output, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--output ${output}: is a directory`);
}

/** The report in its format, to `--output` or stdout (in color on a terminal, unless NO_COLOR). */
export function writeReport(report: Report, { format, output, failOn }: ReportOptions): void {
  const rendered = renderReport(report, format, { cwd: process.cwd(), color: !output && process.stdout.isTTY === true && !process.env.NO_COLOR, failOn });
  writeOutput(rendered, output, 'the report');
}

/** `text` (`what`: the report) to `--output`, or stdout. */
export function writeOutput(text: string, output: string | undefined, what: string): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new UsageError(`--output ${output}: cannot write ${what}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
