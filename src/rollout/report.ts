import { readFileSync } from 'node:fs';
import type { Notice, Severity } from '../findings';
import { formatPercent, percent, type CheckId, type CheckStatus, type Distribution, type Metrics, type PolicyCheckId } from './checks/check';
import type { DumpFormatName } from './formats/format';
import { formatNumber, type Example } from './stats';

export interface CheckResult {
  id: CheckId | PolicyCheckId;
  status: CheckStatus;
  /** Trajectories (groups, for zero-signal-groups) that fail the check. */
  count: number;
  /** Trajectories (groups) the check could judge. */
  total: number;
  threshold: number;
  message: string;
  examples: Example[];
}

/** How the smoke command ran (`rollout run`). */
export interface CommandOutcome {
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** The last lines of its output, for a failed run. */
  outputTail: string;
}

/** Everything a smoke rollout found, as plain data for the reporters. */
export interface RolloutReport {
  trajectories: number;
  /** Records (lines, rows, files) that could not be read. */
  skipped: number;
  checks: CheckResult[];
  metrics: Metrics;
  /** The severity each reported check ran with: a failing check of severity error fails the run. */
  severities: Partial<Record<CheckId | PolicyCheckId, Severity>>;
  /** The dump files read, each in its detected format. */
  files: { path: string; format: DumpFormatName }[];
  /** Dump files found (a framework's companion files, its metrics and summaries, left out): those read and the others. */
  filesFound: number;
  notices: Notice[];
  distributions: Distribution[];
  /** Metrics of a baseline run (the default branch's), to show deltas. */
  baseline?: Metrics;
  /** The baseline run's distributions, as percentiles by title, to chart beside this run's. */
  baselinePercentiles?: Record<string, number[]>;
  command?: CommandOutcome;
  /** Why the smoke rollout itself failed: its command failed or timed out, or it left no trajectory. */
  failure?: string;
  /** When rl-review served the policy: its recording, the requests it answered, and the answers by case. */
  policy?: { recording: string; requests: number; cases: Record<string, number> };
}

export type RolloutFailOn = 'error' | 'warning' | 'never';
export const ROLLOUT_FAIL_ON: readonly RolloutFailOn[] = ['error', 'warning', 'never'];

/** Whether the rollout fails at `failOn`: it failed to run, or a check failed (warned, at `warning`). */
export function rolloutFails(report: RolloutReport, failOn: RolloutFailOn): boolean {
  if (failOn === 'never') return false;
  if (report.failure) return true;
  return report.checks.some((c) => c.status === 'fail' || (failOn === 'warning' && c.status === 'warn'));
}

/** A baseline file that cannot be used; the message does not repeat the path. */
export class BaselineError extends Error {}

/** The metrics of a baseline file written by `rollout run` (or `rollout check --format json`). */
/** What a later run compares with: an earlier run's metrics, and its distributions' percentiles by title. */
export interface Baseline {
  metrics: Metrics;
  percentiles: Record<string, number[]>;
}

export function applyBaseline(report: RolloutReport, baseline: Baseline): void {
  report.baseline = baseline.metrics;
  report.baselinePercentiles = baseline.percentiles;
}

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read baseline: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseBaseline(text);
}

/** The metrics and percentiles of a baseline's text (the file, or its copy in the default branch's artifact). */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`cannot read baseline: ${(error as Error).message}`);
  }
  const baseline = data as { version?: unknown; metrics?: unknown; distributions?: unknown } | null;
  const metrics = baseline?.metrics;
  if (baseline?.version !== 1 || typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    throw new BaselineError(`not an rl-review rollout report (expected {"version":1,"metrics":{...}})`);
  }
  // Distributions came later: a baseline without them (or with a malformed one) still gives its metrics.
  const distributions = Array.isArray(baseline.distributions) ? (baseline.distributions as { title?: unknown; percentiles?: unknown }[]) : [];
  const percentiles = Object.fromEntries(
    distributions.flatMap((d) => {
      const points = d?.percentiles;
      return typeof d?.title === 'string' && Array.isArray(points) && points.length && points.every((p) => typeof p === 'number') ? [[d.title, points as number[]]] : [];
    }),
  );
  return { metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => typeof v === 'number' || v === null)) as Metrics, percentiles };
}

/** A report of no trajectory yet: what a review of dumps fills in, and what a smoke rollout that never ran keeps. */
export function emptyRolloutReport(notices: Notice[] = []): RolloutReport {
  return { trajectories: 0, skipped: 0, checks: [], metrics: {}, severities: {}, files: [], filesFound: 0, notices, distributions: [] };
}

/** `the scripted policy answered 24 requests (correct 5, empty 2, ...); recording: rl-review-policy.jsonl`. */
export function policyText(policy: NonNullable<RolloutReport['policy']>): string {
  const cases = Object.entries(policy.cases).map(([kind, count]) => `${kind} ${count}`).join(', ');
  return `the scripted policy answered ${policy.requests} requests${cases ? ` (${cases})` : ''}; recording: ${policy.recording}`;
}

/** Where the trajectories came from: `from 3 files (verl, trl)`, `from 0 of 2 files` when some could not be read. */
export function sourcesText(report: RolloutReport): string {
  const read = report.files.length;
  const formats = [...new Set(report.files.map((f) => f.format))].join(', ');
  const of = report.filesFound > read ? ` of ${report.filesFound}` : '';
  return `from ${read}${of} ${(of ? report.filesFound : read) === 1 ? 'file' : 'files'}${formats ? ` (${formats})` : ''}`;
}

/** The check's value for a report table: `3 of 40 (7.5%)`, or `n/a` when the dump cannot tell. */
export function checkValue(check: CheckResult): string {
  return check.total ? `${check.count} of ${check.total} (${percent(check.count, check.total)})` : 'n/a';
}

export function thresholdText(check: CheckResult): string {
  return `≤ ${formatPercent(check.threshold)}`;
}

/** A metric as people read it: rates (`*_rate`) in percent. */
export function metricText(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return name.endsWith('_rate') ? formatPercent(value) : formatNumber(value);
}

export interface MetricDelta {
  name: string;
  baseline: string;
  current: string;
  /** `+12 pts`, `-0.21`; empty when either side is missing or nothing changed. */
  change: string;
}

/** Every metric of the report beside the baseline's, for "tool_call_rate 38% → 0%". */
export function metricDeltas(report: RolloutReport): MetricDelta[] {
  const baseline = report.baseline ?? {};
  const names = [...new Set([...Object.keys(report.metrics), ...Object.keys(baseline)])];
  return names.map((name) => {
    const before = baseline[name];
    const after = report.metrics[name];
    let change = '';
    if (typeof before === 'number' && typeof after === 'number' && before !== after) {
      const difference = name.endsWith('_rate') ? (after - before) * 100 : after - before;
      change = `${difference > 0 ? '+' : ''}${formatNumber(difference)}${name.endsWith('_rate') ? ' pts' : ''}`;
    }
    return { name, baseline: metricText(name, before), current: metricText(name, after), change };
  });
}
