import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Notice } from '../findings';
import { inShard, type Shard } from './shard';

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
  /** Only this share of the files, and of the notices about paths (a sharded audit). */
  shard?: Shard;
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

/** Files larger than this are generated code or data, not training code: not analyzed (a warning finding). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

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

/** Whether a path (posix, relative to the repository) is one the config's `include` and `exclude` globs select. */
export function pathFilter(include: string[], exclude: string[]): (path: string) => boolean {
  const included = include.length ? picomatch(include, { dot: true }) : () => true;
  const excluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  return (path) => included(path) && !excluded(path);
}

/**
 * Walk `paths` (files or directories) and list the source files to scan. Honors `.gitignore` files met on
 * the way, skips VCS/dependency/virtualenv directories, and never follows a link out of the scanned root.
 * Problems become notices; discovery itself never throws on a bad path.
 */
export function discoverFiles(paths: string[], options: DiscoveryOptions): Discovery {
  const result: Discovery = { files: [], notices: [], skipped: 0 };
  const selected = pathFilter(options.include, options.exclude);
  const seen = new Set<string>();
  const inThisShard = (path: string) => !options.shard || inShard(path, options.shard);
  /** A notice about `path`; `skipped`: a file or directory that is not read. */
  const notice = (path: string, message: string, skipped = false) => {
    if (!inThisShard(path)) return;
    result.notices.push({ path, message });
    if (skipped) result.skipped++;
  };

  const addFile = (absolutePath: string, explicit: boolean) => {
    const path = toPosix(relative(options.cwd, absolutePath)) || absolutePath;
    const language = languageOf(absolutePath);
    if (!language) {
      if (explicit) notice(path, 'not a Python or TypeScript/JavaScript file: skipped');
      return;
    }
    if (!selected(path)) return;
    if (seen.has(absolutePath) || !inThisShard(path)) return;
    seen.add(absolutePath);
    result.files.push({ path, absolutePath, language });
  };

  const walk = (dir: string, root: string, rootReal: string, ignores: { base: string; ig: Ignore }[]) => {
    // Entries with their types: no stat call per file.
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      notice(toPosix(relative(options.cwd, dir)) || '.', `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? error}`, true);
      return;
    }
    const gitignore = entries.some((entry) => entry.name === '.gitignore') ? readGitignore(dir) : undefined;
    const scopes = gitignore ? [...ignores, { base: dir, ig: gitignore }] : ignores;
    for (const entry of entries) {
      const { name } = entry;
      const absolutePath = join(dir, name);
      // A regular file in no language analyzed (a README, a config) is passed over before the ignore rules are asked.
      if (entry.isFile() && !languageOf(name)) continue;
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && isDirectoryTarget(absolutePath));
      if (scopes.some(({ base, ig }) => ig.ignores(toPosix(relative(base, absolutePath)) + (isDirectory ? '/' : '')))) continue;
      if (entry.isSymbolicLink()) {
        const target = realTarget(absolutePath);
        if (!target || !isInside(target, rootReal)) {
          if (languageOf(name) || isDirectory) notice(toPosix(relative(options.cwd, absolutePath)), 'symbolic link points outside the scanned directory: not followed', true);
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

  const cwdReal = realTarget(options.cwd) ?? options.cwd;
  for (const input of paths) {
    const absolute = resolve(options.cwd, input);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch {
      notice(input, 'no such file or directory');
      continue;
    }
    // A path inside the repository that a link takes out of it (`train.py -> /dev/zero`, `data -> /`) is refused, as
    // in the walk below; a path outside it was asked for by name.
    if (isInside(absolute, resolve(options.cwd)) && !isInside(realTarget(absolute) ?? absolute, cwdReal)) {
      notice(input, 'symbolic link points outside the repository: not followed', true);
      continue;
    }
    if (stats.isDirectory()) walk(absolute, absolute, realpathSync(absolute), []);
    else addFile(absolute, true);
  }
  return result;
}

function readGitignore(dir: string): Ignore | undefined {
  try {
    return ignore().add(readRegularFile(join(dir, '.gitignore'), MAX_GITIGNORE_BYTES).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Far more than any real `.gitignore`. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** Why a file was not read: not a regular file, larger than allowed, or an error of the file system (its code). */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-regular' | 'too-large' | 'unreadable',
  ) {
    super(message);
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`, never more: a FIFO would block the read and a device (a link to
 * /dev/zero) never ends it, and a file can grow between its stat and its read. Throws a `FileReadError`.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let fd: number | undefined;
  try {
    checkRegular(statSync(path), maxBytes);
    // Non-blocking: a FIFO put in the file's place since the stat opens at once, and fails the check below.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    let buffer = Buffer.allocUnsafe(checkRegular(fstatSync(fd), maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
      if (length > maxBytes) throw tooLarge(maxBytes);
      // It grew since its stat: read on, up to one byte past the limit.
      if (length === buffer.length) buffer = Buffer.concat([buffer], Math.min(buffer.length * 2, maxBytes + 1));
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(`cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'unreadable');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The size of a regular file within the limit; else why not. */
function checkRegular(stats: Stats, maxBytes: number): number {
  if (!stats.isFile()) throw new FileReadError(`not a regular file (${fileKind(stats)}): not read`, 'not-regular');
  if (stats.size > maxBytes) throw tooLarge(maxBytes);
  return stats.size;
}

const tooLarge = (maxBytes: number) => new FileReadError(`larger than ${formatBytes(maxBytes)}`, 'too-large');

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${bytes / 1024 / 1024} MiB`;
  return bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** `path` is a directory, or a link to one; false when it cannot be read. */
export function isDirectoryTarget(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` is `root` or inside it (both absolute). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function isVirtualenv(dir: string): boolean {
  try {
    // Most directories have none: no exception for that (thrown per directory, they cost more than the stat).
    return statSync(join(dir, 'pyvenv.cfg'), { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
