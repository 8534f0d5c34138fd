// A real git repository in a temp directory: the emulator serves its commits, diffs and files.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Path → content; `null` deletes the file. */
export type FileChanges = Record<string, string | Buffer | null>;

// Fixed identity and settings: the user's git config must not change what a test sees.
const GIT_SETTINGS = [
  '-c', 'user.name=rl-review test',
  '-c', 'user.email=test@example.com',
  '-c', 'commit.gpgsign=false',
  '-c', 'core.autocrlf=false',
  '-c', 'core.quotePath=false',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.renames=true',
];

export class GitRepository {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** `git init` in a fresh temp directory with one commit of `files` on `branch`. */
  static async create(files: FileChanges, { branch = 'main', message = 'Initial commit' } = {}): Promise<GitRepository> {
    const repository = new GitRepository(mkdtempSync(join(tmpdir(), 'rl-review-repo-')));
    await repository.git(['init', '--quiet', `--initial-branch=${branch}`]);
    await repository.commit(files, message);
    return repository;
  }

  async git(args: string[]): Promise<string> {
    return (await this.run(args, 'utf8')).toString();
  }

  /** Binary-safe `git`, for file contents. */
  async gitBuffer(args: string[]): Promise<Buffer> {
    return Buffer.from(await this.run(args, 'buffer'));
  }

  private async run(args: string[], encoding: 'utf8' | 'buffer'): Promise<string | Buffer> {
    try {
      const { stdout } = await run('git', [...GIT_SETTINGS, ...args], {
        cwd: this.dir,
        encoding,
        maxBuffer: 256 * 1024 * 1024,
        env: { PATH: process.env.PATH, HOME: this.dir, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
      });
      return stdout;
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new Error(`git ${args.join(' ')} failed in ${this.dir}: ${stderr || String(error)}`);
    }
  }

  /** Writes and deletes files in the work tree and commits them all; returns the new commit's sha. */
  async commit(changes: FileChanges, message: string): Promise<string> {
    for (const [path, content] of Object.entries(changes)) {
      const file = join(this.dir, path);
      if (content === null) {
        rmSync(file, { force: true });
      } else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    }
    await this.git(['add', '--all']);
    await this.git(['commit', '--quiet', '--allow-empty', '--message', message]);
    return this.revParse('HEAD');
  }

  /** Creates `name` at `from` (default: the current commit) and switches to it. */
  async branch(name: string, from = 'HEAD'): Promise<void> {
    await this.git(['switch', '--quiet', '--create', name, from]);
  }

  async switch(name: string): Promise<void> {
    await this.git(['switch', '--quiet', name]);
  }

  /** Moves the current branch to `ref` (a force-push rewrites history this way). */
  async resetHard(ref: string): Promise<void> {
    await this.git(['reset', '--quiet', '--hard', ref]);
  }

  async revParse(ref: string): Promise<string> {
    return (await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  }

  /** The commit `ref` names, or undefined if it names none. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    if (ref.startsWith('-')) return undefined;
    try {
      return await this.revParse(ref);
    } catch {
      return undefined;
    }
  }

  async mergeBase(a: string, b: string): Promise<string> {
    return (await this.git(['merge-base', a, b])).trim();
  }

  /** The test merge commit GitHub makes for a pull request (`refs/pull/N/merge`), or undefined on a conflict. */
  async testMerge(base: string, head: string, ref: string): Promise<string | undefined> {
    let tree: string;
    try {
      tree = (await this.git(['merge-tree', '--write-tree', base, head])).split('\n')[0].trim();
    } catch {
      return undefined;
    }
    const merge = (await this.git(['commit-tree', tree, '-p', base, '-p', head, '-m', `Merge ${head} into ${base}`])).trim();
    await this.git(['update-ref', ref, merge]);
    return merge;
  }

  /** A file's bytes at a commit, or undefined if it has none there. */
  async readFile(commit: string, path: string): Promise<Buffer | undefined> {
    const entry = await this.treeEntry(commit, path);
    if (entry?.type !== 'blob') return undefined;
    return this.gitBuffer(['cat-file', 'blob', entry.sha]);
  }

  /** The tree entry at `path` (`''` is the root tree). */
  async treeEntry(commit: string, path: string): Promise<TreeEntry | undefined> {
    if (path === '') return { mode: '040000', type: 'tree', sha: (await this.git(['rev-parse', `${commit}^{tree}`])).trim(), size: 0, path: '' };
    const [line] = (await this.git(['ls-tree', '-z', '--long', '--full-tree', commit, '--', path])).split('\0');
    return line ? parseTreeLine(line) : undefined;
  }

  /** The entries of a directory at a commit. */
  async listDirectory(commit: string, path: string): Promise<TreeEntry[]> {
    const output = await this.git(['ls-tree', '-z', '--long', '--full-tree', `${commit}:${path}`]);
    return output
      .split('\0')
      .filter(Boolean)
      .map(parseTreeLine)
      .map((entry) => ({ ...entry, path: path ? `${path}/${entry.path}` : entry.path }));
  }

  /** Deletes the temp directory. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number;
  path: string;
}

// `<mode> SP <type> SP <sha> SP+ <size> TAB <path>`
function parseTreeLine(line: string): TreeEntry {
  const [meta, path] = line.split('\t');
  const [mode, type, sha, size] = meta.split(/ +/);
  return { mode, type: type as TreeEntry['type'], sha, size: size === '-' ? 0 : Number(size), path };
}
