import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { scan } from '../analysis/engine';
import { DEFAULT_CONFIG_PATHS, loadConfig, type Config } from '../config';
import { compareFindings } from '../findings';
import type { Report } from '../report/report';
import { rebase, RUNTIME_ANALYSES, type ReviewRun } from './runtime';

export interface DirectoryReviewOptions {
  /** The reviewed directory, relative to `cwd`. */
  dir: string;
  cwd: string;
  /** `--config`; undefined: DIR's own `.github/rl-review.yml`, else the one of `cwd`. */
  configPath?: string;
  /** Where the smoke command's output streams as it runs. */
  log: (text: string) => void;
  /** Where the scripted policy's recording is written (default: `cwd`). */
  outputDir?: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * `rl-review review DIR`: the static scan of DIR, then the runtime analyses (the template probe on its model
 * directories, the reward probe and the smoke rollout when configured), in one report with paths relative to `cwd`.
 */
export async function reviewDirectory(options: DirectoryReviewOptions): Promise<Report> {
  const { config, root } = reviewConfig(options);
  const run: ReviewRun = {
    root,
    cwd: options.cwd,
    paths: [rebase(options.dir, options.cwd, root)],
    config,
    report: { findings: [], notices: [] },
    log: options.log,
    outputDir: options.outputDir ?? options.cwd,
  };
  // Include and exclude globs are the config's paths too: matched relative to the repository.
  const scanned = await scan({ paths: run.paths, cwd: root, config, onProgress: options.onProgress });
  run.report.findings = scanned.findings.map((finding) => ({ ...finding, path: rebase(finding.path, root, run.cwd) }));
  run.report.notices = scanned.notices.map((notice) => ({ ...notice, path: rebase(notice.path, root, run.cwd) }));
  run.report.stats = scanned.stats;
  for (const analyze of RUNTIME_ANALYSES) await analyze(run);
  run.report.findings.sort(compareFindings);
  return run.report;
}

/**
 * The config, and the repository its paths are relative to: the directory that holds its `.github/` folder (DIR
 * for DIR's own config), else the working directory.
 */
function reviewConfig(options: DirectoryReviewOptions): { config: Config; root: string } {
  const own = DEFAULT_CONFIG_PATHS.map((path) => join(options.dir, path)).find((path) => existsSync(resolve(options.cwd, path)));
  const config = loadConfig(options.configPath ?? own, options.cwd);
  const file = config.file && resolve(options.cwd, config.file);
  const root = file && basename(dirname(file)) === '.github' ? dirname(dirname(file)) : options.cwd;
  return { config, root };
}
