import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { anchorToDiff, scan, touchesChangedLine } from '../analysis/engine';
import { languageOf } from '../analysis/files';
import { ConfigError, DEFAULT_CONFIG_PATHS, defaultConfig, parseConfig, type Config } from '../config';
import { NOT_ANALYZED, type Finding, type Notice, type ScanResult, type Suppression } from '../findings';
import type { GitHubClient } from '../github/client';
import type { ChangedFile } from '../github/diff';
import type { PullRequestRun } from '../github/events';
import { gitBlobSha, listPullRequestFiles, readBlob, readRepositoryFile, type PullRequestFile } from '../github/pull-files';
import { isInPaths, type ActionInputs, type Scope } from './inputs';

/** What a pull request changes, as far as this run could see it. */
export interface PullRequestDiff {
  /** Each changed file within `paths`, with its changes (undefined: GitHub omitted the patch). */
  files: Map<string, ChangedFile | undefined>;
  /** Whether this run knows all findings of `path`, so a finding of an earlier run missing now is really gone. */
  analyzed: (path: string) => boolean;
  /**
   * The `rl-review: ignore` comments on the lines this pull request adds that switch rules off unnamed or in a whole
   * file, or silence a finding: the config may come from the base, but these comments come from the pull request.
   */
  suppressions: Suppression[];
}

export interface StaticAnalysis {
  result: ScanResult;
  /** Things about the run as a whole the user should know (not about one file). */
  remarks: string[];
}

/** Blob downloads in flight at once: fast on a large PR without tripping GitHub's abuse detection. */
const DOWNLOAD_CONCURRENCY = 8;

/**
 * A pull request's config comes from its base commit by default: otherwise the PR could switch off the very rule
 * that should block it. It is read through the API, never from a checkout of the PR.
 */
export async function loadPullRequestConfig(client: GitHubClient, pr: PullRequestRun, inputs: ActionInputs): Promise<Config> {
  const sha = inputs.configRef === 'base' ? pr.baseSha : pr.headSha;
  const where = `${inputs.configRef} commit ${sha.slice(0, 7)}`;
  for (const path of inputs.config ? [inputs.config] : DEFAULT_CONFIG_PATHS) {
    const text = await readRepositoryFile(client, pr.repository, path, sha);
    if (text !== undefined) return parseConfig(text, `${path} (${where})`);
  }
  if (inputs.config) throw new ConfigError(`${inputs.config}: config file not found at the ${where}`);
  return defaultConfig();
}

/** Statically analyze the repository as checked out (an audit), with the config of the checkout. */
export async function analyzeRepository(inputs: ActionInputs, config: Config, workspace: string): Promise<StaticAnalysis> {
  return { result: await scan({ paths: inputs.paths, cwd: workspace, config, shard: inputs.shard }), remarks: [] };
}

/**
 * Statically analyze a pull request at its head commit, with the config of `config-ref`. The changed files are treated as data: taken from the
 * checkout when it holds exactly the head version (same git blob id), otherwise downloaded through the API,
 * written to a scratch directory and scanned there. Nothing from the PR is ever run.
 */
export async function analyzePullRequest(
  client: GitHubClient,
  pr: PullRequestRun,
  inputs: ActionInputs,
  config: Config,
  dirs: { workspace: string; temp: string },
): Promise<StaticAnalysis & { diff: PullRequestDiff }> {
  const listing = await listPullRequestFiles(client, pr.repository, pr.number, pr.changedFiles);
  const inPaths = listing.files.filter((f) => isInPaths(f.path, inputs.paths));
  const remarks: string[] = [];
  if (listing.truncated) {
    remarks.push(`This pull request changes ${pr.changedFiles ?? 'more than 3000'} files; GitHub lists only the first 3000, so the others were not analyzed.`);
  }
  const headDir = mkdtempSync(join(dirs.temp, 'head-'));
  const notices: Notice[] = [];
  const written = await materialize(client, pr, inPaths.filter((f) => languageOf(f.path)), dirs.workspace, headDir, notices);
  const head = await scan({ paths: ['.'], cwd: headDir, config });
  for (const file of inPaths) {
    if (!file.changes && written.has(file.path)) {
      notices.push({ path: file.path, message: 'GitHub omitted the diff of this file (too large): analyzed the whole file; its findings are in the summary, not inline' });
    }
  }

  const files = new Map(inPaths.map((f) => [f.path, f.changes]));
  const result: ScanResult = { ...head, notices: [...notices, ...head.notices] };
  if (inputs.scope === 'all') {
    // Unchanged files are the same at the base and the head: the checkout has them. The changed ones were scanned
    // above (and counted): excluded here.
    const changed = [...files.keys()].map(literalGlob);
    const rest = await scan({ paths: inputs.paths, cwd: dirs.workspace, config: { ...config, exclude: [...config.exclude, ...changed] } });
    result.findings = [...result.findings, ...rest.findings];
    result.notices = [...result.notices, ...rest.notices];
    result.stats = {
      files: head.stats.files + rest.stats.files,
      parsed: head.stats.parsed + rest.stats.parsed,
      skipped: head.stats.skipped + rest.stats.skipped,
      durationMs: head.stats.durationMs + rest.stats.durationMs,
    };
  }
  // Before the scope's filter: a file that could not be analyzed is so however its lines changed.
  const notAnalyzed = new Set(result.findings.filter((f) => f.ruleId === NOT_ANALYZED).map((f) => f.path));
  result.findings = anchorToDiff(result.findings, files).filter((f) => inScope(f, inputs.scope, files));

  const listed = new Set(listing.files.map((f) => f.path));
  // A file's findings are known when it was fetched and analyzed, is no source file, or left the (complete) listing.
  const analyzed = (path: string) =>
    (written.has(path) && !notAnalyzed.has(path)) || (!languageOf(path) && listed.has(path)) || (!listed.has(path) && !listing.truncated);
  const suppressions = head.suppressions.filter((s) => isAdded(s.path, s.line, files));
  return { result, remarks, diff: { files, analyzed, suppressions } };
}

/** Whether the pull request adds line `line` of `path`; without a patch (GitHub omitted it), any line may be added. */
function isAdded(path: string, line: number, files: ReadonlyMap<string, ChangedFile | undefined>): boolean {
  if (!files.has(path)) return false;
  return files.get(path)?.added.has(line) ?? true;
}

/** A glob that matches exactly `path`: picomatch reads a backslash as escaping the next character. */
const literalGlob = (path: string) => path.replace(/[\\*?[\]{}()!+@]/g, '\\$&');

/** Whether a finding is reported under `scope`; `files` are the PR's changed files and their changes. */
export function inScope(finding: Finding, scope: Scope, files: ReadonlyMap<string, ChangedFile | undefined>): boolean {
  if (scope === 'all') return true;
  if (!files.has(finding.path)) return false;
  const changes = files.get(finding.path);
  // Without a patch the changed lines are unknown: the whole file is reported.
  if (scope === 'changed-files' || !changes) return true;
  return touchesChangedLine(finding, new Map([[finding.path, changes]]));
}

/** Write the head version of `files` under `dir`; returns the paths written. A file that cannot be fetched is a notice. */
async function materialize(
  client: GitHubClient,
  pr: PullRequestRun,
  files: PullRequestFile[],
  workspace: string,
  dir: string,
  notices: Notice[],
): Promise<Set<string>> {
  const written = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      // Git never stores such paths; a crafted listing must not write outside the scratch directory.
      if (file.path.startsWith('/') || file.path.split('/').some((s) => s === '..' || s === '')) {
        notices.push({ path: file.path, message: 'unsafe path: skipped' });
        continue;
      }
      try {
        const content = checkedOut(join(workspace, file.path), file.blobSha) ?? (await readBlob(client, pr.repository, file.blobSha));
        const target = join(dir, file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
        written.add(file.path);
      } catch (error) {
        notices.push({ path: file.path, message: `could not be fetched from GitHub: ${(error as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DOWNLOAD_CONCURRENCY, files.length) }, worker));
  return written;
}

/** The checked-out file when it is exactly the head version; a link or anything else is not trusted. */
function checkedOut(path: string, blobSha: string): Buffer | undefined {
  if (!existsSync(path) || !lstatSync(path).isFile()) return undefined;
  const content = readFileSync(path);
  return gitBlobSha(content) === blobSha ? content : undefined;
}
