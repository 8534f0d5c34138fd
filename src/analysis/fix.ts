import type { Fix } from '../findings';

/** A text edit by string offsets into the file's source. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Turn edits into a whole-line fix (what a GitHub suggestion block replaces): the lines that the edits
 * touch, with the edits applied.
 */
export function editFix(source: string, description: string, edits: Edit[]): Fix {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const firstLineStart = source.lastIndexOf('\n', sorted[0].start - 1) + 1;
  const lastEnd = Math.max(...sorted.map((e) => e.end));
  const newline = source.indexOf('\n', lastEnd);
  const lastLineEnd = newline === -1 ? source.length : newline;
  let replacement = '';
  let cursor = firstLineStart;
  for (const edit of sorted) {
    replacement += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  replacement += source.slice(cursor, lastLineEnd);
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  return { description, line: lineAt(firstLineStart), endLine: lineAt(lastLineEnd), replacement };
}
