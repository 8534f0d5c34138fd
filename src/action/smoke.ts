import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { formatRolloutJson } from '../report/rollout-json';
import { rolloutBlocks } from '../report/rollout-markdown';
import type { SummarySection } from '../report/summary';
import { DEFAULT_SMOKE_TIMEOUT, parseDuration, ROLLOUT_REPORT_FILE, RolloutUsageError, runSmokeRollout } from '../rollout/command';
import { INPUT_FORMATS, type InputFormat } from '../rollout/formats/index';
import { BaselineError, readBaseline, rolloutFails, type RolloutFailOn, type RolloutReport } from '../rollout/report';
import { loadPullRequestConfig } from './analyze';
import { InputError, type FailOn, type InputReader } from './inputs';
import type { ActionRun } from './pipeline';

/** The smoke-rollout inputs of action.yml. */
export interface SmokeInputs {
  /** A shell command from the repository, run in the workspace. */
  command: string;
  timeoutMs: number;
  /** Dump files, a directory or a glob; `$RL_REVIEW_OUT` (the default) is the fresh directory the command is given. */
  output: string;
  format: InputFormat;
  /** Run the command under pull_request_target or on a fork PR: code from the PR with this job's secrets. */
  allowUntrusted: boolean;
  /** An rl-review-rollout.json from the default branch, to show each metric's change. */
  baseline?: string;
}

/** The smoke inputs, or undefined when there is no `smoke-command` (no smoke rollout). */
export function readSmokeInputs(read: InputReader): SmokeInputs | undefined {
  const command = read('smoke-command');
  if (!command) return undefined;
  const timeout = read('smoke-timeout') || DEFAULT_SMOKE_TIMEOUT;
  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(timeout);
  } catch (error) {
    if (!(error instanceof RolloutUsageError)) throw error;
    throw new InputError(`input 'smoke-timeout' must be a duration like 15m, 90s or 1h (got '${timeout}')`);
  }
  const format = read('smoke-format') || 'auto';
  if (!(INPUT_FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`input 'smoke-format' must be one of ${INPUT_FORMATS.join(', ')} (got '${format}')`);
  }
  const allowUntrusted = read('allow-untrusted-smoke') || 'false';
  if (!['true', 'false'].includes(allowUntrusted)) throw new InputError(`input 'allow-untrusted-smoke' must be true or false (got '${allowUntrusted}')`);
  return {
    command,
    timeoutMs,
    output: read('smoke-output') || '$RL_REVIEW_OUT',
    format: format as InputFormat,
    allowUntrusted: allowUntrusted === 'true',
    baseline: read('smoke-baseline') || undefined,
  };
}

/** Why running the PR's code here would be unsafe, or undefined when it is not. */
function untrustedReason(run: ActionRun): string | undefined {
  if (run.event.kind !== 'pull-request') return undefined;
  if (run.event.eventName === 'pull_request_target') return 'this is a pull_request_target run, which has a write token and the repository secrets';
  if (run.event.fromFork) return 'the pull request comes from a fork';
  return undefined;
}

/**
 * The smoke-rollout analysis: runs `smoke-command` (code from the pull request) without the GitHub token in its
 * environment, checks what it wrote, and adds the rollout to the report. Refused where the PR's code would run with
 * secrets or a write token, unless `allow-untrusted-smoke: true`.
 */
export async function smokeRollout(run: ActionRun): Promise<void> {
  const inputs = readSmokeInputs((name) => core.getInput(name));
  if (!inputs) return;
  const untrusted = untrustedReason(run);
  if (untrusted && !inputs.allowUntrusted) {
    const remark = `The smoke rollout did not run: ${untrusted}, and the smoke command is code from the pull request (set allow-untrusted-smoke: true to run it anyway).`;
    core.warning(remark);
    run.remarks.push(remark);
    return;
  }
  // The same config as the static analysis: a PR's comes from its base commit, so it cannot loosen the thresholds.
  const config = run.event.kind === 'pull-request' ? await loadPullRequestConfig(run.client, run.event, run.inputs) : loadConfig(run.inputs.config, run.workspace);
  const report = await runSmokeRollout({
    command: [inputs.command],
    cwd: run.workspace,
    timeoutMs: inputs.timeoutMs,
    output: inputs.output,
    inputFormat: inputs.format,
    config: config.rollout,
    log: (text) => process.stdout.write(text),
  });
  if (inputs.baseline) {
    try {
      report.baseline = readBaseline(join(run.workspace, inputs.baseline));
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      report.notices.push({ path: inputs.baseline, message: error.message });
    }
  }
  const file = join(run.temp, ROLLOUT_REPORT_FILE);
  writeFileSync(file, formatRolloutJson(report));
  core.setOutput('rollout-file', file);
  run.report.rollout = report;
  const failing = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  core.info(`rl-review: smoke rollout: ${report.trajectories} trajectories, ${report.failure ?? (failing.length ? `failing: ${failing.join(', ')}` : 'no failing check')}.`);
}

/** The "Smoke rollout" section of every summary, when one ran. */
export function smokeSection(report: RolloutReport | undefined): SummarySection | undefined {
  return report && { title: 'Smoke rollout', blocks: rolloutBlocks(report) };
}

const ROLLOUT_FAIL_ON: Record<FailOn, RolloutFailOn> = { error: 'error', warning: 'warning', info: 'warning', never: 'never' };

/** Whether the smoke rollout fails the check at `fail-on`: it failed to run, or a check failed (warned, below error). */
export function smokeFails(run: ActionRun): boolean {
  return run.report.rollout !== undefined && rolloutFails(run.report.rollout, ROLLOUT_FAIL_ON[run.inputs.failOn]);
}
