import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/**
 * The longest line kept. A longer line (a 100 MB base64 image, a response that never stopped) is counted and
 * skipped without being held in memory: memory stays bounded whatever the dump holds.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const CHUNK_BYTES = 1 << 20;

export interface LineHandlers {
  /** A non-blank line, decoded, without its line terminator; `number` is 1-based. */
  line(text: string, number: number): void;
  /** A line that was skipped: too long or not UTF-8. */
  bad(number: number, message: string): void;
}

export interface LineBlockHandlers {
  /** Whole lines from line `firstLine` on, each ended by `\n` but the file's last; awaited before reading on. */
  block(bytes: Buffer, firstLine: number): void | Promise<void>;
  /** A line longer than the limit, skipped unread. */
  tooLong(number: number, message: string): void;
}

/** Streams `path` line by line in constant memory (one chunk plus at most one line of `maxLineBytes`). */
export async function readLines(path: string, handlers: LineHandlers, maxLineBytes = MAX_LINE_BYTES): Promise<void> {
  await readLineBlocks(path, { block: (bytes, firstLine) => forEachLine(bytes, firstLine, handlers), tooLong: handlers.bad }, maxLineBytes);
}

/**
 * Streams `path` as blocks of whole lines, in file order and constant memory (one chunk plus at most one line of
 * `maxLineBytes`): the unit that worker threads decode and parse.
 */
export async function readLineBlocks(path: string, handlers: LineBlockHandlers, maxLineBytes = MAX_LINE_BYTES): Promise<void> {
  // The start of the current line, read in earlier chunks; dropped once the line is over the limit.
  let carried: Buffer[] = [];
  let lineBytes = 0;
  let number = 1;
  const tooLong = () => `line of ${formatBytes(lineBytes)} is longer than the ${formatBytes(maxLineBytes)} limit`;

  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    // This chunk's part of the block being gathered is [blockStart, start); `carried` leads it while blockStart is 0.
    let blockStart = 0;
    let blockLine = number;
    let start = 0;
    const handOn = async (end: number) => {
      const parts = blockStart === 0 ? [...carried, chunk.subarray(0, end)] : [chunk.subarray(blockStart, end)];
      carried = [];
      const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
      if (bytes.length) await handlers.block(bytes, blockLine);
    };
    for (;;) {
      const newline = chunk.indexOf(10, start);
      lineBytes += (newline === -1 ? chunk.length : newline) - start;
      if (newline === -1) break;
      if (lineBytes > maxLineBytes) {
        // The whole lines before it go on; what was carried of this line is dropped with it.
        if (start === 0) carried = [];
        await handOn(start);
        handlers.tooLong(number, tooLong());
        blockStart = newline + 1;
        blockLine = number + 1;
      }
      number++;
      lineBytes = 0;
      start = newline + 1;
    }
    if (start === 0) {
      // No line ends in this chunk: it all belongs to the current line.
      carried = lineBytes > maxLineBytes ? [] : [...carried, chunk];
      continue;
    }
    await handOn(start);
    carried = lineBytes > maxLineBytes || start === chunk.length ? [] : [chunk.subarray(start)];
  }
  if (lineBytes > maxLineBytes) handlers.tooLong(number, tooLong());
  else if (lineBytes > 0) await handlers.block(Buffer.concat(carried), number);
}

/** Calls `handlers` for each line of a block from `readLineBlocks`, numbered from `firstLine`. */
export function forEachLine(block: Buffer, firstLine: number, handlers: LineHandlers): void {
  let number = firstLine;
  for (let start = 0; start < block.length; number++) {
    const newline = block.indexOf(10, start);
    const end = newline === -1 ? block.length : newline;
    if (!isUtf8(block.subarray(start, end))) handlers.bad(number, 'not valid UTF-8');
    else {
      const text = block.toString('utf8', start, end);
      if (text.trim()) handlers.line(text.endsWith('\r') ? text.slice(0, -1) : text, number);
    }
    start = end + 1;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
