import parseDiff from 'parse-diff';

/** What a diff says about one file on its new (RIGHT) side. */
export interface ChangedFile {
  path: string;
  /** Lines added or changed: where findings are reported by default. */
  added: Set<number>;
  /** Lines inside a hunk (added or context): where GitHub accepts a review comment. */
  inHunk: Set<number>;
}

export type ChangedLines = Map<string, ChangedFile>;

/**
 * Parse a unified diff (`git diff`, a .patch file) into the changed lines of each file that still exists. Text that
 * is not empty and has no file of a diff throws: read as no changes, it would pass every finding as off the diff.
 */
export function parseUnifiedDiff(text: string): ChangedLines {
  const result: ChangedLines = new Map();
  const files = parseDiff(text);
  if (!files.length && text.trim()) throw new Error('not a unified diff (no file header such as `--- a/path` and `+++ b/path`)');
  for (const file of files) {
    if (file.deleted || !file.to || file.to === '/dev/null') continue;
    const path = file.to.replace(/^b\//, '');
    const changed: ChangedFile = { path, added: new Set(), inHunk: new Set() };
    for (const chunk of file.chunks) {
      for (const change of chunk.changes) {
        if (change.type === 'add') {
          changed.added.add(change.ln);
          changed.inHunk.add(change.ln);
        } else if (change.type === 'normal') {
          changed.inHunk.add(change.ln2);
        }
      }
    }
    result.set(path, changed);
  }
  return result;
}

/** GitHub's `patch` field of a PR file is the hunks alone: give it the headers parse-diff needs. */
export function parseFilePatch(path: string, patch: string): ChangedFile {
  const parsed = parseUnifiedDiff(`--- a/${path}\n+++ b/${path}\n${patch}\n`);
  return parsed.get(path) ?? { path, added: new Set(), inHunk: new Set() };
}
