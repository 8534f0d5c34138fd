import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/**
 * The longest line kept. A longer line (a 100 MB base64 image, a response that never stopped) is counted and
 * skipped without being held in memory: memory stays bounded whatever the dump holds.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface LineHandlers {
  /** A non-blank line, decoded, without its line terminator; `number` is 1-based. */
  line(text: string, number: number): void;
  /** A line that was skipped: too long or not UTF-8. */
  bad(number: number, message: string): void;
}

/** Streams `path` line by line in constant memory (one chunk plus at most one line of `maxLineBytes`). */
export async function readLines(path: string, handlers: LineHandlers, maxLineBytes = MAX_LINE_BYTES): Promise<void> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 0;

  const finishLine = (last: Buffer) => {
    number++;
    if (tooLong) {
      handlers.bad(number, `line of ${formatBytes(pendingBytes)} is longer than the ${formatBytes(maxLineBytes)} limit`);
    } else {
      const bytes = pending.length ? Buffer.concat([...pending, last]) : last;
      if (!isUtf8(bytes)) handlers.bad(number, 'not valid UTF-8');
      else {
        const text = bytes.toString('utf8');
        if (text.trim()) handlers.line(text.endsWith('\r') ? text.slice(0, -1) : text, number);
      }
    }
    pending = [];
    pendingBytes = 0;
    tooLong = false;
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      pendingBytes += end - start;
      if (pendingBytes > maxLineBytes && !tooLong) {
        tooLong = true;
        pending = [];
      }
      if (newline === -1) {
        if (!tooLong && end > start) pending.push(chunk.subarray(start, end));
        break;
      }
      finishLine(tooLong ? Buffer.alloc(0) : chunk.subarray(start, end));
      start = newline + 1;
    }
  }
  if (pendingBytes > 0 || pending.length) finishLine(Buffer.alloc(0));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
