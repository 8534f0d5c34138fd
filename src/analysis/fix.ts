import type { Fix } from '../findings';

/** A text edit by string offsets into the file's source. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Where each line of the last source seen starts. A file can have thousands of findings with a fix, made one after
 * another: splitting the whole source for each one made the analysis quadratic (a 2 MB file padded with suppressed
 * findings ran past the watchdog and hid a real one). Comparing a source with the last one is a pointer comparison
 * when it is the same string.
 */
let lastLines: { source: string; starts: number[] } | undefined;

/** The 1-based line of `offset` in `source`. */
function lineAt(source: string, offset: number): number {
  if (lastLines?.source !== source) {
    const starts = [0];
    for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
    lastLines = { source, starts };
  }
  const { starts } = lastLines;
  // The last line that starts at or before `offset`.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
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
  return { description, line: lineAt(source, firstLineStart), endLine: lineAt(source, lastLineEnd), replacement };
}
