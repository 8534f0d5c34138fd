import { zipSync, strToU8 } from 'fflate';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DumpsError, unpackDumps } from '../../src/action/dumps';

/** `smoke-dumps` artifacts are archives from another job: unpacked inside the run's directory only. */

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'rl-review-dumps-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('unpacks every file of the archive, folders kept', async () => {
  const archive = Buffer.from(zipSync({ 'step-0/rollout.jsonl': strToU8('{"a": 1}\n'), 'step-1/rollout.jsonl': strToU8('{"a": 2}\n') }));
  expect(await unpackDumps(archive, join(root, 'dumps'))).toBe(2);
  expect(readFileSync(join(root, 'dumps/step-1/rollout.jsonl'), 'utf8')).toBe('{"a": 2}\n');
});

test('an entry whose name leaves the folder is refused, and nothing is written outside it', async () => {
  const archive = Buffer.from(zipSync({ '../escaped.jsonl': strToU8('x\n') }));
  await expect(unpackDumps(archive, join(root, 'dumps'))).rejects.toThrow(new DumpsError('its artifact is not a readable zip archive (invalid relative path: ../escaped.jsonl)'));
  expect(existsSync(join(root, 'escaped.jsonl'))).toBe(false);
});

test('what is not a zip archive says so', async () => {
  await expect(unpackDumps(Buffer.from('not a zip'), root)).rejects.toThrow(/^its artifact is not a readable zip archive \(/);
});
