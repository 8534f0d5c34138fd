import { isUtf8 } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachLine, formatBytes, MAX_LINE_BYTES, readLineBlocks, readLines } from '../../src/rollout/lines';
import { tempDir } from './helpers';

const dir = tempDir();

async function blocks(path: string, maxLineBytes?: number) {
  const read: { text: string; firstLine: number }[] = [];
  const tooLong: [number, string][] = [];
  await readLineBlocks(path, { block: (bytes, firstLine) => void read.push({ text: bytes.toString('utf8'), firstLine }), tooLong: (n, m) => void tooLong.push([n, m]) }, maxLineBytes);
  return { read, tooLong };
}

/** What readLines must report, from the whole file at once. */
function expectedLines(content: Buffer, maxLineBytes: number) {
  const read: [number, string][] = [];
  const bad: [number, string][] = [];
  const parts: Buffer[] = [];
  for (let start = 0; start <= content.length; ) {
    const newline = content.indexOf(10, start);
    const end = newline === -1 ? content.length : newline;
    parts.push(content.subarray(start, end));
    start = end + 1;
  }
  if (!parts[parts.length - 1].length) parts.pop();
  parts.forEach((bytes, index) => {
    const number = index + 1;
    if (bytes.length > maxLineBytes) bad.push([number, `line of ${formatBytes(bytes.length)} is longer than the ${formatBytes(maxLineBytes)} limit`]);
    else if (!isUtf8(bytes)) bad.push([number, 'not valid UTF-8']);
    else {
      const text = bytes.toString('utf8');
      if (text.trim()) read.push([number, text.endsWith('\r') ? text.slice(0, -1) : text]);
    }
  });
  return { read, bad };
}

describe('readLineBlocks', () => {
  it('hands on whole lines, numbered, and the last line without a newline', async () => {
    const path = join(dir, 'small.jsonl');
    writeFileSync(path, 'a\n\nb\nlast');
    expect(await blocks(path)).toEqual({ read: [{ text: 'a\n\nb\n', firstLine: 1 }, { text: 'last', firstLine: 4 }], tooLong: [] });
  });

  it('splits blocks around a line over the limit, which it skips', async () => {
    const path = join(dir, 'limit.jsonl');
    writeFileSync(path, 'short\n0123456789\nend\n');
    expect(await blocks(path, 8)).toEqual({
      read: [
        { text: 'short\n', firstLine: 1 },
        { text: 'end\n', firstLine: 3 },
      ],
      tooLong: [[2, 'line of 10 B is longer than the 8 B limit']],
    });
  });

  it('skips a line over the limit that starts in one read chunk and ends in the next', async () => {
    const path = join(dir, 'straddle.jsonl');
    // Reads come in 1 MB chunks: 10485 short lines, then a line with 101 bytes in the first chunk and 99 in the next.
    const filler = `${'f'.repeat(99)}\n`.repeat(10484) + `${'f'.repeat(74)}\n`;
    expect(filler.length + 101).toBe(1024 * 1024);
    writeFileSync(path, `${filler}${'x'.repeat(200)}\nafter\n`);
    const { read, tooLong } = await blocks(path, 150);
    expect(read).toEqual([
      { text: filler, firstLine: 1 },
      { text: 'after\n', firstLine: 10487 },
    ]);
    expect(tooLong).toEqual([[10486, 'line of 200 B is longer than the 150 B limit']]);
  });

  it('joins a line that spans read chunks to the block it ends in', async () => {
    const path = join(dir, 'span.jsonl');
    const long = 'x'.repeat(1024 * 1024 + 5);
    writeFileSync(path, `first\n${long}\nafter\n`);
    const { read } = await blocks(path);
    expect(read.map((b) => b.text).join('')).toBe(`first\n${long}\nafter\n`);
    expect(read[0].firstLine).toBe(1);
  });
});

describe('forEachLine', () => {
  it('numbers the lines of a block from its first line', () => {
    const lines: [number, string][] = [];
    forEachLine(Buffer.from('x\r\n\ny\n'), 7, { line: (text, n) => lines.push([n, text]), bad: () => undefined });
    expect(lines).toEqual([
      [7, 'x'],
      [9, 'y'],
    ]);
  });
});

describe('readLines over blocks', () => {
  // Lines of every kind around the 1 MB read chunks: short, blank, CRLF, not UTF-8, over the limit, spanning chunks.
  it.each([
    ['a limit below the chunk size', 4096],
    ['the default limit', undefined],
  ])('reports every line as reading the file whole would, with %s', async (_name, maxLineBytes) => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const pieces: Buffer[] = [];
    let size = 0;
    while (size < 3.5 * 1024 * 1024) {
      const roll = random();
      const line =
        roll < 0.05
          ? Buffer.from([0x63, 0x61, 0x66, 0xe9])
          : roll < 0.1
            ? Buffer.from('')
            : roll < 0.15
              ? Buffer.from(`crlf ${size}\r`)
              : Buffer.from(`{"n": ${size}, "text": "${'é'.repeat(Math.floor(random() * (roll < 0.2 ? 6000 : 300)))}"}`);
      pieces.push(line, Buffer.from('\n'));
      size += line.length + 1;
    }
    pieces.push(Buffer.from('{"last": true}'));
    const content = Buffer.concat(pieces);
    const path = join(dir, `random-${maxLineBytes}.jsonl`);
    writeFileSync(path, content);

    const read: [number, string][] = [];
    const bad: [number, string][] = [];
    await readLines(path, { line: (text, n) => read.push([n, text]), bad: (n, message) => bad.push([n, message]) }, maxLineBytes);
    expect({ read, bad }).toEqual(expectedLines(content, maxLineBytes ?? MAX_LINE_BYTES));
  });
});
