import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';

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
  /**
   * Whole lines from line `firstLine` on, each ended by `\n` but the file's last; awaited before reading on.
   * `bytes` is memory of its own (a copy, not a view of a read buffer), so it may be kept or moved to another thread.
   */
  block(bytes: Buffer<ArrayBuffer>, firstLine: number): void | Promise<void>;
  /** A line longer than the limit, skipped unread. */
  tooLong(number: number, message: string): void;
}

/** Streams `path` line by line in constant memory (one chunk plus at most one line of `maxLineBytes`). */
export async function readLines(path: string, handlers: LineHandlers, maxLineBytes = MAX_LINE_BYTES): Promise<void> {
  await readLineBlocks(path, { block: (bytes, firstLine) => forEachLine(bytes, firstLine, handlers), tooLong: handlers.bad }, maxLineBytes);
}

/**
 * Streams `path` as blocks of whole lines, in file order and constant memory (one chunk plus at most one line of
 * `maxLineBytes`): the unit that worker threads decode and parse. Chunks are read into one buffer, reused.
 */
export async function readLineBlocks(path: string, handlers: LineBlockHandlers, maxLineBytes = MAX_LINE_BYTES): Promise<void> {
  // Copies of the start of the current line, read in earlier chunks; dropped once the line is over the limit.
  let carried: Buffer[] = [];
  let lineBytes = 0;
  let number = 1;
  const tooLong = () => `line of ${formatBytes(lineBytes)} is longer than the ${formatBytes(maxLineBytes)} limit`;

  const file = await open(path);
  try {
    const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, null);
      if (!bytesRead) break;
      const chunk = buffer.subarray(0, bytesRead);
      // This chunk's part of the block being gathered is [blockStart, start); `carried` leads it while blockStart is 0.
      let blockStart = 0;
      let blockLine = number;
      let start = 0;
      const handOn = async (end: number) => {
        const bytes = joined(blockStart === 0 ? [...carried, chunk.subarray(0, end)] : [chunk.subarray(blockStart, end)]);
        carried = [];
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
      if (start > 0) await handOn(start);
      if (lineBytes > maxLineBytes) carried = [];
      else if (start < chunk.length) carried.push(joined([chunk.subarray(start)]));
    }
  } finally {
    await file.close();
  }
  if (lineBytes > maxLineBytes) handlers.tooLong(number, tooLong());
  else if (lineBytes > 0) await handlers.block(joined(carried), number);
}

/** `parts` copied into one buffer of its own: never a view of the read buffer, nor of Node's shared buffer pool. */
function joined(parts: readonly Buffer[]): Buffer<ArrayBuffer> {
  const bytes = Buffer.allocUnsafeSlow(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) at += part.copy(bytes, at);
  return bytes;
}

/** Calls `handlers` for each line of a block from `readLineBlocks`, numbered from `firstLine`. */
export function forEachLine(block: Buffer, firstLine: number, handlers: LineHandlers): void {
  // Lines are checked one by one only in a block that is not valid UTF-8 as a whole.
  const valid = isUtf8(block);
  let number = firstLine;
  for (let start = 0; start < block.length; number++) {
    const newline = block.indexOf(10, start);
    const end = newline === -1 ? block.length : newline;
    if (!valid && !isUtf8(block.subarray(start, end))) handlers.bad(number, 'not valid UTF-8');
    else {
      const text = block.toString('utf8', start, end);
      if (text.trim()) handlers.line(text.endsWith('\r') ? text.slice(0, -1) : text, number);
    }
    start = end + 1;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
