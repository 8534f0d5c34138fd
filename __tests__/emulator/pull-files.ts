// A pull request's files as GitHub computes them: `git diff base...head`, one entry per file with its patch,
// and the diff lines a review comment may anchor to.
import type { GitRepository } from './git';

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed';

/** One line of a file's patch. `position` counts lines below the first `@@` (which is 0), as GitHub's `position` does. */
export interface DiffLine {
  position: number;
  kind: 'hunk' | 'context' | 'add' | 'delete' | 'no-newline';
  hunk: number;
  /** Line number on the LEFT (base) side: context and deleted lines. */
  left?: number;
  /** Line number on the RIGHT (head) side: context and added lines. */
  right?: number;
}

export interface PullFile {
  filename: string;
  previousFilename?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  /** Blob sha on the head side (the base side for a removed file). */
  sha: string;
  /** The full patch git computed, whether or not the API shows it. */
  fullPatch: string | undefined;
  /** What the API shows: GitHub leaves out the patch of binary files and of very large diffs. */
  patch: string | undefined;
  lines: DiffLine[];
}

// GitHub documents "No single file's diff may exceed 20,000 lines ... or 500 KB of raw diff data"; past that the
// API leaves `patch` out. (It is known to drop patches of smaller diffs too, at a threshold it does not document.)
export const PATCH_LIMIT = { lines: 20_000, bytes: 500 * 1024 };

/** GitHub's files list stops at 3000 files. */
export const MAX_LISTED_FILES = 3000;

const STATUS: Record<string, FileStatus> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' };

/** The files of `git diff base...head` (from their merge base, as GitHub's pull request diff is). */
export async function diffPullRequest(repository: GitRepository, base: string, head: string): Promise<PullFile[]> {
  const mergeBase = await repository.mergeBase(base, head);
  return diffCommits(repository, mergeBase, head);
}

async function diffCommits(repository: GitRepository, from: string, to: string): Promise<PullFile[]> {
  const options = ['--no-color', '--no-ext-diff', '--no-textconv', '-M', from, to];
  const [raw, numstat, patches] = await Promise.all([
    // `--raw` abbreviates blob ids unless told not to; GitHub's `sha` is the full 40 characters.
    repository.git(['diff', '--raw', '-z', '--no-abbrev', ...options]),
    repository.git(['diff', '--numstat', '-z', ...options]),
    repository.git(['diff', '--patch', ...options]),
  ]);
  const entries = parseRaw(raw);
  const counts = parseNumstat(numstat);
  // git prints each file pair in the same order in every format.
  const sections = patches.split(/^(?=diff --git )/m).filter((section) => section.startsWith('diff --git '));
  if (sections.length !== entries.length || counts.length !== entries.length) {
    throw new Error(`git diff ${from} ${to}: ${entries.length} raw entries, ${counts.length} numstat lines, ${sections.length} patches`);
  }
  return entries.map((entry, index) => {
    const fullPatch = hunksOf(sections[index]);
    const shown = fullPatch !== undefined && fullPatch.split('\n').length <= PATCH_LIMIT.lines && Buffer.byteLength(fullPatch) <= PATCH_LIMIT.bytes;
    return {
      ...entry,
      ...counts[index],
      fullPatch,
      patch: shown ? fullPatch : undefined,
      lines: fullPatch === undefined ? [] : diffLines(fullPatch),
    };
  });
}

/** The diff lines on one side of a file: where a review comment on that side may go. */
export function commentableLines(file: PullFile, side: 'LEFT' | 'RIGHT'): Map<number, DiffLine> {
  const lines = new Map<number, DiffLine>();
  for (const line of file.lines) {
    const number = side === 'RIGHT' ? line.right : line.left;
    if (number !== undefined) lines.set(number, line);
  }
  return lines;
}

/** The patch text from its hunk header down to `line`: a review comment's `diff_hunk`. */
export function diffHunk(file: PullFile, line: DiffLine): string {
  const patchLines = (file.fullPatch ?? '').split('\n');
  const header = file.lines.find((candidate) => candidate.hunk === line.hunk && candidate.kind === 'hunk')!;
  return patchLines.slice(header.position, line.position + 1).join('\n');
}

type RawEntry = Pick<PullFile, 'filename' | 'previousFilename' | 'status' | 'sha'>;

// `:<old mode> <new mode> <old sha> <new sha> <status>[score]\0<path>\0[<new path>\0]`
function parseRaw(raw: string): RawEntry[] {
  const fields = raw.split('\0');
  const entries: RawEntry[] = [];
  for (let index = 0; index < fields.length - 1; ) {
    const [, , oldSha, newSha, statusField] = fields[index].slice(1).split(' ');
    const code = statusField[0];
    const status = STATUS[code];
    if (!status) throw new Error(`unexpected git diff status ${statusField}`);
    if (code === 'R' || code === 'C') {
      entries.push({ status, previousFilename: fields[index + 1], filename: fields[index + 2], sha: newSha });
      index += 3;
    } else {
      entries.push({ status, filename: fields[index + 1], sha: code === 'D' ? oldSha : newSha });
      index += 2;
    }
  }
  return entries;
}

// `<added>\t<deleted>\t<path>\0`, or for a rename `<added>\t<deleted>\t\0<old>\0<new>\0`; `-` for binary files.
function parseNumstat(numstat: string): { additions: number; deletions: number }[] {
  const fields = numstat.split('\0');
  const counts: { additions: number; deletions: number }[] = [];
  for (let index = 0; index < fields.length - 1; ) {
    const [added, deleted, path] = fields[index].split('\t');
    counts.push({ additions: added === '-' ? 0 : Number(added), deletions: deleted === '-' ? 0 : Number(deleted) });
    index += path === '' ? 3 : 1;
  }
  return counts;
}

/** GitHub's `patch` is the hunks alone, without the `diff --git`/`---`/`+++` header and without a final newline. */
function hunksOf(section: string): string | undefined {
  const start = section.search(/^@@ /m);
  if (start < 0) return undefined;
  return section.slice(start).replace(/\n$/, '');
}

function diffLines(patch: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let hunk = -1;
  let left = 0;
  let right = 0;
  patch.split('\n').forEach((text, position) => {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      hunk += 1;
      left = Number(header[1]);
      right = Number(header[2]);
      lines.push({ position, kind: 'hunk', hunk });
    } else if (text.startsWith('+')) {
      lines.push({ position, kind: 'add', hunk, right: right++ });
    } else if (text.startsWith('-')) {
      lines.push({ position, kind: 'delete', hunk, left: left++ });
    } else if (text.startsWith('\\')) {
      lines.push({ position, kind: 'no-newline', hunk });
    } else {
      lines.push({ position, kind: 'context', hunk, left: left++, right: right++ });
    }
  });
  return lines;
}
