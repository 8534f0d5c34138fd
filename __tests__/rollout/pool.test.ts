import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RolloutPool } from '../../src/rollout/pool';
import { DEFAULT_CONTEXT } from './helpers';

/**
 * A stand-in for dist/rollout-worker.js that tallies a block as its number of lines, except a block holding `hang`
 * (it never ends, like a check that loops) or `crash` (the worker dies).
 */
const WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (task) => {
  const text = Buffer.from(task.bytes).toString();
  if (text.includes('crash')) throw new Error('the worker ran out of memory');
  if (text.includes('hang')) for (;;);
  parentPort.postMessage({ trajectories: text.split('\\n').filter(Boolean).length, checks: [], skips: [] });
});
`;

const dir = mkdtempSync(join(tmpdir(), 'rl-review-rollout-pool-'));
const script = join(dir, 'worker.mjs');
writeFileSync(script, WORKER);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A dump of `lines` lines of 100 bytes: 30,000 make three 1 MB blocks. `line` replaces the line of that number. */
function dump(name: string, lines: number, line?: [number, string]): string {
  const path = join(dir, name);
  const text = Array.from({ length: lines }, (_, i) => (line && i + 1 === line[0] ? line[1] : 'x').padEnd(99, ' ') + '\n');
  writeFileSync(path, text.join(''));
  return path;
}

/** Reads each dump with one pool, in turn: the trajectories of each, or why its read failed. */
async function readAll(paths: string[], pool: RolloutPool): Promise<string[]> {
  const results: string[] = [];
  try {
    for (const path of paths) {
      let trajectories = 0;
      try {
        await pool.readJsonLines(path, 'dump.jsonl', 'native', { tallied: (block) => (trajectories += block.trajectories), skip: () => undefined });
        results.push(`${trajectories} trajectories`);
      } catch (error) {
        results.push(`${trajectories} trajectories, then: ${(error as Error).message}`);
      }
    }
  } finally {
    await pool.close();
  }
  return results;
}

const settings = { checkIds: [], context: DEFAULT_CONTEXT };

describe('RolloutPool', () => {
  it('tallies every block of a dump', async () => {
    expect(await readAll([dump('whole.jsonl', 30_000)], new RolloutPool(script, 2, settings))).toEqual(['30000 trajectories']);
  });

  it('stops a block that never ends: its file stops there, the next file is read with a new worker', async () => {
    const hanging = dump('hang.jsonl', 30_000, [25_000, 'hang']);
    const results = await readAll([hanging, dump('after-hang.jsonl', 30_000)], new RolloutPool(script, 2, settings, 500));
    expect(results[0]).toMatch(/^\d+ trajectories, then: checking the lines from \d+ on took longer than 0\.5 s and was stopped$/);
    expect(results[1]).toBe('30000 trajectories');
  });

  it('replaces a worker that dies: its file stops there, the next file is read', async () => {
    const crashing = dump('crash.jsonl', 30_000, [25_000, 'crash']);
    const results = await readAll([crashing, dump('after-crash.jsonl', 30_000)], new RolloutPool(script, 2, settings));
    expect(results).toEqual([expect.stringMatching(/^\d+ trajectories, then: the worker ran out of memory$/), '30000 trajectories']);
  });

  it('fails every read, instead of waiting forever, when no worker can start', async () => {
    writeFileSync(join(dir, 'broken.mjs'), 'this is not JavaScript');
    const results = await readAll([dump('a.jsonl', 100), dump('b.jsonl', 100)], new RolloutPool(join(dir, 'broken.mjs'), 2, settings));
    expect(results).toEqual([expect.stringContaining('0 trajectories, then: '), expect.stringContaining('0 trajectories, then: ')]);
  });
});
