import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../config';
import { displayPath, findModelDirs, insideRepository, repositoryOf, type ModelFilesScope } from '../probes/model-files';
import type { ProbeResult } from '../probes/probe';
import { DEFAULT_CALL_TIMEOUT_SECONDS, DEFAULT_DATA_SOURCE, probeReward } from '../probes/reward-probe';
import { probeTemplateIsolated } from '../probes/template-runner';
import type { Report } from '../report/report';
import { DEFAULT_SMOKE_TIMEOUT_MS, POLICY_RECORDING_FILE, runSmokeRollout, smokePolicy } from '../rollout/command';
import { relativeOrAbsolute, reviewRollout } from '../rollout/review';
import { detectIsolation, isolationNotice } from '../sandbox/isolation';

/**
 * What static analysis cannot see, shared by `rl-review review` and the Action: the chat templates rendered, the
 * reward function called, the smoke rollout run. They read (and run) the checked-out repository, not a diff.
 */

/** One review, as the runtime analyses see it; the Action's run extends it. */
export interface ReviewRun {
  /** The repository: the config's paths are relative to it, and the smoke command runs in it. */
  root: string;
  /** Where rl-review runs: report paths are relative to it, and the reward function runs in it. */
  cwd: string;
  /** The reviewed paths, relative to `root`: where model directories are looked for when the config names none. */
  paths: string[];
  /** The config; in the Action, with its inputs set over it. */
  config: Config;
  report: Report;
  /** Where the smoke command's output streams as it runs: the job log, or stderr. */
  log: (text: string) => void;
  /** Where what the runtime analyses leave for the user is written: the scripted policy's recording. */
  outputDir: string;
}

export type Analysis = (run: ReviewRun) => void | Promise<void>;

/** In order, after the static analysis. A part that cannot run is a notice (or a failed rollout), never the end of the review. */
export const RUNTIME_ANALYSES: readonly Analysis[] = [templateProbe, rewardProbe, smokeRollout];

/** At `error`, failed rollout checks (severity error) and a failed run fail the review; below it, warned checks too. */
/** `path`, relative to the directory `from`, made relative to `to` (with forward slashes, as reports show paths). */
export function rebase(path: string, from: string, to: string): string {
  return relative(to, resolve(from, path)).split(sep).join('/') || '.';
}

function addProbe(report: Report, result: ProbeResult): void {
  (report.probes ??= []).push(result.report);
  report.findings.push(...result.findings);
}

/** A part that cannot run: a notice on `path` (the error without the path it starts with). */
function notRun(run: ReviewRun, path: string, part: string, error: unknown): void {
  const { message } = error as Error;
  run.report.notices.push({ path, message: `the ${part} did not run: ${message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message}` });
}

/**
 * The chat template of each model directory: those the config names, else those found under the reviewed paths
 * that are checked out (a pull_request_target run may have no checkout: it reads the PR through the API). The
 * config's paths may come from the pull request (`config-ref: head`): they, and every file the probe reads, must be
 * inside the repository. Each directory is probed in a worker under a time and memory limit.
 */
async function templateProbe(run: ReviewRun): Promise<void> {
  const named = run.config.probes.template;
  const paths = named ?? run.paths.filter((path) => existsSync(resolve(run.root, path)));
  const scopes = new Map<string, ModelFilesScope>();
  for (const path of paths.map((p) => rebase(p, run.root, run.cwd))) {
    // The reviewed paths are the user's (the command line, the Action's `paths`): a model outside the repository is theirs to name.
    const scope = { cwd: run.cwd, root: named ? run.root : repositoryOf(path, run.root, run.cwd) };
    try {
      const found = findModelDirs([path], scope);
      if (found.truncated) run.report.notices.push({ path, message: `the template probe ${found.truncated}` });
      for (const dir of found.dirs) scopes.set(dir, scope);
    } catch (error) {
      notRun(run, path, 'template probe', error);
    }
  }
  for (const [dir, scope] of [...scopes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    try {
      addProbe(run.report, await probeTemplateIsolated(dir, scope));
    } catch (error) {
      notRun(run, displayPath(dir, run.cwd), 'template probe', error);
    }
  }
}

/**
 * The configured reward function, called like its framework does on adversarial cases. Its file must be inside the
 * repository, as the template probe's files: the probe reads it (to anchor findings at its definition) and imports it.
 */
async function rewardProbe(run: ReviewRun): Promise<void> {
  const { 'reward-function': target, 'reward-style': style = 'verl', 'reward-example': example, python = 'python3', timeout } = run.config.probes;
  if (!target) return;
  const colon = target.lastIndexOf(':');
  const file = rebase(target.slice(0, colon), run.root, run.cwd);
  try {
    const absolutePath = resolve(run.cwd, file);
    if (existsSync(absolutePath)) insideRepository(absolutePath, file, { cwd: run.cwd, root: run.root });
    const result = await probeReward({
      target: `${file}${target.slice(colon)}`,
      style,
      // `.venv/bin/python` is the repository's; `python3` is looked up on the PATH.
      python: python.includes('/') ? resolve(run.root, python) : python,
      timeoutSeconds: timeout === undefined ? DEFAULT_CALL_TIMEOUT_SECONDS : timeout / 1000,
      dataSource: DEFAULT_DATA_SOURCE,
      example,
      cwd: run.cwd,
    });
    addProbe(run.report, result);
    const notice = isolationNotice(detectIsolation());
    if (notice) run.report.notices.push({ path: file, message: `the reward function ${notice}` });
  } catch (error) {
    notRun(run, file, 'reward probe', error);
  }
}

/**
 * The configured smoke command, run like `rollout run`: a timeout that kills its process tree, no secrets, and the
 * scripted policy served while it runs when `rollout.policy` is set.
 */
async function smokeRollout(run: ReviewRun): Promise<void> {
  const { command, timeout = DEFAULT_SMOKE_TIMEOUT_MS, output, format = 'auto', policy: spec, dumps } = run.config.rollout;
  // Run elsewhere (a GPU job): only its dumps are checked.
  if (dumps) {
    // Dumps outside the repository (an artifact unpacked in the runner's temp directory) show from their folder's name.
    const outside = isAbsolute(dumps) && relative(run.root, dumps).startsWith('..') ? dirname(dumps) : undefined;
    const displayPath = (path: string) => (outside && !relative(outside, path).startsWith('..') ? relative(outside, path).split(sep).join('/') : relativeOrAbsolute(run.cwd, path));
    run.report.rollout = await reviewRollout({ inputs: [dumps], cwd: run.root, inputFormat: format, config: run.config.rollout, displayPath });
    return;
  }
  if (!command) return;
  let policy;
  try {
    policy = spec === undefined ? undefined : smokePolicy(spec, {
      cwd: run.root,
      config: run.config.rollout,
      exampleAnswer: run.config.probes['reward-example']?.response,
      recording: join(run.outputDir, POLICY_RECORDING_FILE),
      name: 'rollout.policy',
    });
  } catch (error) {
    notRun(run, spec!, 'smoke rollout', error);
    return;
  }
  run.report.rollout = await runSmokeRollout({
    command: [command],
    cwd: run.root,
    shownFrom: run.cwd,
    timeoutMs: timeout,
    output,
    inputFormat: format,
    config: run.config.rollout,
    log: run.log,
    policy,
  });
}
