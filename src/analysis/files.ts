import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Notice } from '../findings';

export type LanguageId = 'python' | 'typescript';

export interface SourceFile {
  /** Posix path relative to the working directory. */
  path: string;
  absolutePath: string;
  language: LanguageId;
}

export interface DiscoveryOptions {
  cwd: string;
  include: string[];
  exclude: string[];
}

export interface Discovery {
  files: SourceFile[];
  notices: Notice[];
  skipped: number;
}

const LANGUAGE_BY_EXTENSION: Record<string, LanguageId> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'typescript',
  '.jsx': 'typescript',
  '.mjs': 'typescript',
  '.cjs': 'typescript',
};

/** Directories never worth scanning: VCS data, dependencies, virtualenvs, caches, build output of other tools. */
export const SKIPPED_DIRECTORIES = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', 'site-packages', '.eggs',
]);

export function languageOf(path: string): LanguageId | undefined {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? undefined : LANGUAGE_BY_EXTENSION[path.slice(dot).toLowerCase()];
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Walk `paths` (files or directories) and list the source files to scan. Honors `.gitignore` files met on
 * the way, skips VCS/dependency/virtualenv directories, and never follows a link out of the scanned root.
 * Problems become notices; discovery itself never throws on a bad path.
 */
export function discoverFiles(paths: string[], options: DiscoveryOptions): Discovery {
  const result: Discovery = { files: [], notices: [], skipped: 0 };
  const include = options.include.length ? picomatch(options.include, { dot: true }) : () => true;
  const exclude = options.exclude.length ? picomatch(options.exclude, { dot: true }) : () => false;
  const seen = new Set<string>();

  const addFile = (absolutePath: string, explicit: boolean) => {
    const path = toPosix(relative(options.cwd, absolutePath)) || absolutePath;
    const language = languageOf(absolutePath);
    if (!language) {
      if (explicit) result.notices.push({ path, message: 'not a Python or TypeScript/JavaScript file: skipped' });
      return;
    }
    if (!include(path) || exclude(path)) return;
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    result.files.push({ path, absolutePath, language });
  };

  const walk = (dir: string, root: string, rootReal: string, ignores: { base: string; ig: Ignore }[]) => {
    // Entries with their types: no stat call per file.
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      result.notices.push({ path: toPosix(relative(options.cwd, dir)) || '.', message: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? error}` });
      result.skipped++;
      return;
    }
    const gitignore = entries.some((entry) => entry.name === '.gitignore') ? readGitignore(dir) : undefined;
    const scopes = gitignore ? [...ignores, { base: dir, ig: gitignore }] : ignores;
    for (const entry of entries) {
      const { name } = entry;
      const absolutePath = join(dir, name);
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && isDirectoryTarget(absolutePath));
      if (scopes.some(({ base, ig }) => ig.ignores(toPosix(relative(base, absolutePath)) + (isDirectory ? '/' : '')))) continue;
      if (entry.isSymbolicLink()) {
        const target = realTarget(absolutePath);
        if (!target || !isInside(target, rootReal)) {
          if (languageOf(name) || isDirectory) {
            result.notices.push({ path: toPosix(relative(options.cwd, absolutePath)), message: 'symbolic link points outside the scanned directory: not followed' });
            result.skipped++;
          }
          continue;
        }
        // Links inside the root are scanned where they point to, once.
        if (isDirectory) continue;
      }
      if (isDirectory) {
        if (SKIPPED_DIRECTORIES.has(name) || isVirtualenv(absolutePath)) continue;
        walk(absolutePath, root, rootReal, scopes);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        addFile(absolutePath, false);
      }
    }
  };

  for (const input of paths) {
    const absolute = resolve(options.cwd, input);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch {
      result.notices.push({ path: input, message: 'no such file or directory' });
      continue;
    }
    if (stats.isDirectory()) walk(absolute, absolute, realpathSync(absolute), []);
    else addFile(absolute, true);
  }
  return result;
}

function readGitignore(dir: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isDirectoryTarget(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

function isVirtualenv(dir: string): boolean {
  try {
    // Most directories have none: no exception for that (thrown per directory, they cost more than the stat).
    return statSync(join(dir, 'pyvenv.cfg'), { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
