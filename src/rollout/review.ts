import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Notice, Severity } from '../findings';
import type { ServedAnswer } from '../policy/recording';
import { plural, statusOf, type CheckContext, type CheckId } from './checks/check';
import { ROLLOUT_CHECKS } from './checks/index';
import { QWEN_TURN_TOKEN_IDS } from './checks/loss-mask';
import type { RolloutConfig } from './config';
import { expandDumpInputs } from './files';
import { detectFormat } from './formats/index';
import type { InputFormat, TrajectorySink } from './formats/format';
import { RolloutPool } from './pool';
import { emptyRolloutReport, type CheckResult, type RolloutReport } from './report';
import { Tallier, type TallySettings } from './tally';
import { readTokenizerConfig, TokenizerConfigError, type TemplateHints } from './tokenizer-config';

/** The default `repetition.rate`: more than half of a response's n-grams repeated. */
const DEFAULT_REPEAT_RATE = 0.5;
/** Skipped records reported per file; the rest are counted. */
const NOTICES_PER_FILE = 10;
/** Below this size a dump is read in-process sooner than worker threads start. */
const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

export interface RolloutReviewOptions {
  /** Dump files, directories or globs. */
  inputs: readonly string[];
  cwd: string;
  inputFormat: InputFormat;
  config: RolloutConfig;
  /** How a dump file's path is shown; default: relative to `cwd`, absolute outside it. */
  displayPath?: (path: string) => string;
  /** What the scripted policy served (`rollout run --policy`): the checks that need it run only with it. */
  served?: readonly ServedAnswer[];
}

interface ActiveCheck {
  id: CheckId;
  severity: Severity;
  threshold: number;
}

/**
 * Reads every dump once, streaming each trajectory through every enabled check's tally, in dump order. Large JSONL
 * dumps are read by worker threads when the bundle has them: each tallies blocks, merged here in dump order.
 */
export async function reviewRollout(options: RolloutReviewOptions): Promise<RolloutReport> {
  const { cwd, config } = options;
  const display = options.displayPath ?? ((path: string) => relativeOrAbsolute(cwd, path));
  const notices: Notice[] = [];
  const hints = templateHints(config, cwd, notices);
  const context: CheckContext = {
    assistantHeader: hints.assistantHeader,
    turnTokenIds: hints.turnTokenIds ?? QWEN_TURN_TOKEN_IDS,
    rewardRange: config.checks['reward-sanity']?.range,
    repeatRate: config.checks.repetition?.rate ?? DEFAULT_REPEAT_RATE,
    served: options.served,
  };
  const active: ActiveCheck[] = [];
  const scripted: CheckId[] = [];
  for (const check of ROLLOUT_CHECKS) {
    const settings = config.checks[check.meta.id];
    const severity = settings?.severity ?? check.meta.severity;
    if (severity === 'off' || (check.meta.needsPolicy && !options.served)) continue;
    if (check.meta.withoutPolicy && options.served) {
      scripted.push(check.meta.id);
      continue;
    }
    active.push({ id: check.meta.id, severity, threshold: settings?.threshold ?? check.meta.threshold });
  }

  const report = emptyRolloutReport(notices);
  if (scripted.length) {
    const checks = scripted.join(', ');
    notices.push({ path: 'scripted policy', message: `${checks} not run: they judge what the model wrote, here rl-review's own adversarial answers` });
  }
  const { files, unmatched } = expandDumpInputs(options.inputs, cwd);
  for (const input of unmatched) notices.push({ path: input, message: 'no rollout dump file (.jsonl, .json, .parquet) matches' });

  const settings: TallySettings = { checkIds: active.map((check) => check.id), context };
  const tallier = new Tallier(settings);
  const tallies = tallier.empty();
  const pool = startPool(files, settings);
  const notDumps = new NotDumps(notices);
  let firstFound: string | undefined;
  try {
    for (const file of files) {
      const shown = display(file);
      const before = tallies.trajectories;
      try {
        const detection = await detectFormat(file, options.inputFormat);
        if ('companion' in detection) continue;
        report.filesFound++;
        firstFound ??= shown;
        if ('unknown' in detection) {
          notDumps.add(shown, detection.unknown);
          continue;
        }
        report.files.push({ path: shown, format: detection.format.name });
        let fileSkips = 0;
        const skip = (where: string, message: string) => {
          report.skipped++;
          if (++fileSkips <= NOTICES_PER_FILE) notices.push({ path: where, message: `skipped: ${message}` });
        };
        if (pool && detection.format.lineRecord) {
          await pool.readJsonLines(file, shown, detection.format.name, { tallied: (block) => tallier.merge(tallies, block), skip });
        } else {
          const sink: TrajectorySink = { trajectory: (trajectory) => tallier.add(tallies, trajectory), skip };
          await detection.format.read(file, shown, sink);
        }
        if (fileSkips > NOTICES_PER_FILE) notices.push({ path: shown, message: `${fileSkips - NOTICES_PER_FILE} more records skipped` });
      } catch (error) {
        // One unreadable file (permissions, a file removed while reading, a check stopped by the watchdog) must not
        // end the review; what was read of it before counts.
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        const read = tallies.trajectories - before;
        notices.push({ path: shown, message: read ? `stopped after ${plural(read, 'trajectory', 'trajectories')}: ${reason}` : `cannot read: ${reason}` });
      }
    }
  } finally {
    await pool?.close();
  }
  notDumps.finish();

  report.trajectories = tallies.trajectories;
  report.metrics = { trajectories: report.trajectories, skipped: report.skipped };
  const outcomes = tallier.finish(tallies);
  for (const [index, check] of active.entries()) {
    const outcome = outcomes[index];
    const result: CheckResult = {
      id: check.id,
      status: statusOf(outcome, check.severity, check.threshold),
      count: outcome.count,
      total: outcome.total,
      threshold: check.threshold,
      message: outcome.message,
      examples: outcome.examples,
    };
    report.checks.push(result);
    report.severities[check.id] = check.severity;
    Object.assign(report.metrics, outcome.metrics);
    if (outcome.distribution) report.distributions.push(outcome.distribution);
  }
  if (!report.trajectories) {
    const found = report.filesFound;
    report.failure = !found
      ? `no rollout dump found in ${options.inputs.join(', ')}`
      : found === 1
        ? `no trajectory could be read from ${firstFound}`
        : `no trajectory could be read from any of the ${found} files`;
  }
  return report;
}

/** Files shown by name in a notice that groups the others of the same reason (the checkpoint files of an output folder). */
const NOT_DUMPS_NAMED = 3;

/**
 * Files that are not rollout dumps: one notice for each reason, at the place of the first file with it, naming the
 * first few files and counting the rest. A training output folder holds many (configs, checkpoints' JSON files).
 */
class NotDumps {
  private readonly byReason = new Map<string, { at: number; paths: string[] }>();

  constructor(private readonly notices: Notice[]) {}

  add(path: string, reason: string): void {
    const seen = this.byReason.get(reason);
    if (seen) seen.paths.push(path);
    else this.byReason.set(reason, { at: this.notices.push({ path, message: reason }) - 1, paths: [path] });
  }

  finish(): void {
    for (const [reason, { at, paths }] of this.byReason) {
      if (paths.length === 1) continue;
      const named = paths.slice(0, NOT_DUMPS_NAMED).join(', ');
      const more = paths.length > NOT_DUMPS_NAMED ? ` and ${paths.length - NOT_DUMPS_NAMED} more` : '';
      this.notices[at] = { path: commonDirectory(paths), message: `${paths.length} files skipped (${named}${more}): ${reason}` };
    }
  }
}

/** The longest directory that holds every one of the paths (as shown), or `.`. */
function commonDirectory(paths: readonly string[]): string {
  const parts = paths.map((path) => path.split('/').slice(0, -1));
  let length = 0;
  while (parts.every((p) => length < p.length && p[length] === parts[0][length])) length++;
  return parts[0].slice(0, length).join('/') || '.';
}

/** Worker threads, when the bundle has them and a dump is large enough to pay for starting them. */
function startPool(files: readonly string[], settings: TallySettings): RolloutPool | undefined {
  const large = files.some((file) => (statSync(file, { throwIfNoEntry: false })?.size ?? 0) >= PARALLEL_MIN_BYTES);
  return large ? RolloutPool.start(settings) : undefined;
}

export function templateHints(config: RolloutConfig, cwd: string, notices: Notice[]): TemplateHints {
  const path = config['tokenizer-config'];
  if (!path) return {};
  try {
    return readTokenizerConfig(resolve(cwd, path));
  } catch (error) {
    if (!(error instanceof TokenizerConfigError)) throw error;
    notices.push({ path, message: `${error.message}; the generation prompt is learned from each prompt instead` });
    return {};
  }
}

export function relativeOrAbsolute(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return !shown || shown.startsWith('..') || isAbsolute(shown) ? path : shown.split('\\').join('/');
}
