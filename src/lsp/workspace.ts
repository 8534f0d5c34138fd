import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { analyzeTask, notAnalyzed } from '../analysis/engine';
import { isInside, languageOf, MAX_FILE_BYTES, pathFilter, SKIPPED_DIRECTORIES } from '../analysis/files';
import { AnalysisPool } from '../analysis/pool';
import { ConfigError, defaultConfig, DEFAULT_CONFIG_PATHS, loadConfig, type Config } from '../config';
import type { Finding } from '../findings';

/**
 * The repositories of an editor's workspace, each with its config (`.github/rl-review.yml`, read again when it
 * changes) and a worker thread that analyzes its files under the scan's watchdog.
 */

/** A repository: its config, and where its files are analyzed. */
interface Repository {
  root: string;
  /** The config files' sizes and times: the config is read again when they change. */
  signature: string;
  config: Config;
  /** Whether the config's `include` and `exclude` select a path. */
  selected: (path: string) => boolean;
  /** Undefined when running from sources (tests): analysis runs in this thread. */
  pool?: AnalysisPool;
  /** Analyses running in `pool`: a pool replaced by a new config is closed once they are done. */
  running: Set<Promise<unknown>>;
}

export interface DocumentAnalysis {
  /** The file's path in its findings: relative to its repository. */
  path: string;
  findings: Finding[];
}

export class Workspace {
  private readonly repositories = new Map<string, Repository>();

  /**
   * `roots`: the workspace folders the editor opened. `onConfigError` hears why a config cannot be used (the
   * defaults are used instead), once per change of the file.
   */
  constructor(
    private readonly roots: string[],
    private readonly onConfigError: (message: string) => void,
  ) {}

  /**
   * The findings of a file's text (unsaved, as the editor has it), or undefined for a file rl-review does not
   * analyze: not Python or TS/JS, left out by the config's `include`/`exclude`, or in a dependency or virtualenv
   * directory (go-to-definition into a library opens those).
   */
  async analyze(file: string, text: string): Promise<DocumentAnalysis | undefined> {
    const language = languageOf(file);
    if (!language) return undefined;
    const repository = this.repositoryOf(file);
    const path = relative(repository.root, file).split(sep).join('/');
    if (path.split('/').some((part) => SKIPPED_DIRECTORIES.has(part))) return undefined;
    if (!repository.selected(path)) return undefined;
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
      return { path, findings: [notAnalyzed(path, 'too-large', `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`)] };
    }
    const { pool, config, running } = repository;
    const analysis = analyzeTask({ path, source: text, language, editorDocument: true }, config.rules, pool);
    running.add(analysis);
    try {
      return { path, findings: (await analysis).findings };
    } catch (error) {
      return { path, findings: [notAnalyzed(path, 'failed', `its analysis failed: ${(error as Error).message}`)] };
    } finally {
      running.delete(analysis);
    }
  }

  /** Whether some repository's config changed since it was read (then it is read again on the next analysis). */
  configChanged(): boolean {
    return [...this.repositories.values()].some((repository) => configSignature(repository.root) !== repository.signature);
  }

  async close(): Promise<void> {
    await Promise.all([...this.repositories.values()].map((repository) => repository.pool?.close()));
  }

  /** The repository of a file, with its config read again if it changed. */
  private repositoryOf(file: string): Repository {
    const root = this.rootOf(file);
    const signature = configSignature(root);
    const known = this.repositories.get(root);
    if (known?.signature === signature) return known;
    let config: Config;
    try {
      config = loadConfig(undefined, root);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.onConfigError(`${error.message} (in ${root}; the default rules apply until it is fixed)`);
      config = defaultConfig();
    }
    if (known) void Promise.allSettled(known.running).then(() => known.pool?.close());
    const repository: Repository = {
      root,
      signature,
      config,
      selected: pathFilter(config.include, config.exclude),
      pool: AnalysisPool.start(1, config.rules),
      running: new Set(),
    };
    this.repositories.set(root, repository);
    return repository;
  }

  /**
   * The workspace folder that holds the file (the innermost); outside them, the nearest directory above it with a
   * `.github/rl-review.yml` or a `.git`, else the file's own directory.
   */
  private rootOf(file: string): string {
    const folder = this.roots.filter((root) => isInside(file, root)).sort((a, b) => b.length - a.length)[0];
    if (folder) return folder;
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      if ([...DEFAULT_CONFIG_PATHS, '.git'].some((marker) => existsSync(join(dir, marker)))) return dir;
      if (dirname(dir) === dir) return dirname(file);
    }
  }
}

function configSignature(root: string): string {
  return DEFAULT_CONFIG_PATHS.map((path) => {
    const stats = statSync(join(root, path), { throwIfNoEntry: false });
    return stats ? `${stats.size}:${stats.mtimeMs}` : '-';
  }).join(' ');
}
