import * as core from '@actions/core';
import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatRolloutJson } from '../report/rollout-json';
import { POLICY_RECORDING_FILE, ROLLOUT_REPORT_FILE } from '../rollout/command';
import { applyBaseline, BaselineError, readBaseline, type Baseline } from '../rollout/report';
import { addArtifactBaseline, MAX_BASELINE_BYTES, tooLargeBaseline } from './baseline';
import type { ActionRun } from './pipeline';

/**
 * After the smoke rollout ran (src/review/runtime.ts, with the `smoke-*` inputs over the config's `rollout:`): its
 * metrics beside the baseline's, and every metric in the `rollout-file` output, a later run's baseline.
 * `smoke-baseline` is an rl-review-rollout.json in the workspace; unset, on a pull request, the newest
 * `rl-review-baseline` artifact of the default branch.
 */
export async function finishSmokeRollout(run: ActionRun): Promise<void> {
  const report = run.report.rollout;
  if (!report) return;
  const baseline = core.getInput('smoke-baseline');
  if (baseline) {
    try {
      applyBaseline(report, readWorkspaceBaseline(join(run.root, baseline)));
    } catch (error) {
      report.notices.push({ path: baseline, message: error instanceof BaselineError ? error.message : `cannot read baseline: ${(error as Error).message}` });
    }
  } else if (run.event.kind === 'pull-request') {
    await addArtifactBaseline(run.client, run.event, report);
  }
  const file = join(run.temp, ROLLOUT_REPORT_FILE);
  writeFileSync(file, formatRolloutJson(report));
  core.setOutput('rollout-file', file);
  if (report.policy) core.setOutput('policy-recording', join(run.outputDir, POLICY_RECORDING_FILE));
  const failing = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  core.info(`rl-review: smoke rollout: ${report.trajectories} trajectories, ${report.failure ?? (failing.length ? `failing: ${failing.join(', ')}` : 'no failing check')}.`);
}

/** `smoke-baseline`: a regular file of the workspace (not a link, a FIFO or a device), no larger than any baseline. */
function readWorkspaceBaseline(path: string): Baseline {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats?.isFile()) throw new BaselineError(`cannot read baseline: ${stats ? 'not a regular file' : 'no such file'}`);
  if (stats.size > MAX_BASELINE_BYTES) throw tooLargeBaseline('the file is', stats.size);
  return readBaseline(path);
}
