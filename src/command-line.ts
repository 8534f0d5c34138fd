import { writeFileSync } from 'node:fs';
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
  return {
    format: oneOf<OutputFormat>(values.format, OUTPUT_FORMATS, '--format', 'text'),
    failOn: oneOf<Severity | 'never'>(values['fail-on'], FAIL_ON, '--fail-on', 'error'),
    output: values.output,
  };
}

/** The report in its format, to `--output` or stdout (in color on a terminal, unless NO_COLOR). */
export function writeReport(report: Report, { format, output }: ReportOptions): void {
  const rendered = renderReport(report, format, { cwd: process.cwd(), color: !output && process.stdout.isTTY === true && !process.env.NO_COLOR });
  if (output) writeFileSync(output, rendered);
  else process.stdout.write(rendered);
}
