import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parsePythonJson } from '../../src/rollout/json';
import { MAX_LINE_BYTES, readLines } from '../../src/rollout/lines';
import { tempDir } from './helpers';

async function lines(path: string, maxLineBytes?: number) {
  const read: [number, string][] = [];
  const bad: [number, string][] = [];
  await readLines(path, { line: (text, n) => read.push([n, text]), bad: (n, message) => bad.push([n, message]) }, maxLineBytes);
  return { read, bad };
}

describe('readLines', () => {
  const dir = tempDir();

  it('numbers lines from 1, drops CRLF and blank lines, and reads a last line without a newline', async () => {
    const path = join(dir, 'plain.jsonl');
    writeFileSync(path, 'first\r\n\n  \nfourth\nlast');
    expect(await lines(path)).toEqual({ read: [[1, 'first'], [4, 'fourth'], [5, 'last']], bad: [] });
  });

  it('joins a line split across read chunks', async () => {
    const path = join(dir, 'long.jsonl');
    const long = 'x'.repeat(3 * 1024 * 1024);
    writeFileSync(path, `a\n${long}\nb\n`);
    const { read } = await lines(path);
    expect(read.map(([n, text]) => [n, text.length])).toEqual([[1, 1], [2, long.length], [3, 1]]);
  });

  it('reports text that is not UTF-8 with its line number and reads on', async () => {
    const path = join(dir, 'latin1.jsonl');
    writeFileSync(path, Buffer.concat([Buffer.from('ok\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), Buffer.from('ok again\n')]));
    expect(await lines(path)).toEqual({ read: [[1, 'ok'], [3, 'ok again']], bad: [[2, 'not valid UTF-8']] });
  });

  it('skips a 100 MB single line without holding it in memory', async () => {
    const path = join(dir, 'huge.jsonl');
    const fd = openSync(path, 'w');
    writeSync(fd, '{"prompt": "before"}\n{"response": "');
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    writeSync(fd, '"}\n{"prompt": "after"}\n');
    closeSync(fd);

    const heapBefore = process.memoryUsage().heapUsed;
    const { read, bad } = await lines(path);
    expect(read).toEqual([[1, '{"prompt": "before"}'], [3, '{"prompt": "after"}']]);
    expect(bad).toEqual([[2, `line of 100.0 MB is longer than the ${MAX_LINE_BYTES / (1024 * 1024)}.0 MB limit`]]);
    // Buffering the line would have taken 100 MB (and 200 MB more as a string).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('applies the limit to a line that fits in one chunk', async () => {
    const path = join(dir, 'limit.jsonl');
    writeFileSync(path, 'short\n0123456789\nend');
    expect(await lines(path, 8)).toEqual({ read: [[1, 'short'], [3, 'end']], bad: [[2, 'line of 10 B is longer than the 8 B limit']] });
  });
});

describe('parsePythonJson', () => {
  it("reads the NaN and Infinity that Python's json.dumps writes", () => {
    expect(parsePythonJson('{"score": NaN, "hi": Infinity, "lo": -Infinity, "ok": 1}')).toEqual({ score: NaN, hi: Infinity, lo: -Infinity, ok: 1 });
  });

  it('leaves the words inside strings alone', () => {
    expect(parsePythonJson('{"output": "NaN is not Infinity", "score": NaN}')).toEqual({ output: 'NaN is not Infinity', score: NaN });
    expect(parsePythonJson('{"output": "say \\"NaN\\"", "score": 0}')).toEqual({ output: 'say "NaN"', score: 0 });
  });

  it('still rejects what is not JSON', () => {
    expect(() => parsePythonJson('{"score": nan}')).toThrow(SyntaxError);
    expect(() => parsePythonJson('{"output": "cut off')).toThrow(SyntaxError);
  });
});
