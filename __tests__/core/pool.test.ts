import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool } from '../../src/analysis/pool';

/**
 * A stand-in for dist/worker.js that answers each file with a notice naming it, except a file whose path says
 * `hang` (it never ends, like a regular expression that backtracks without end) or `crash` (the worker dies).
 */
const WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (tasks) => {
  if (tasks.some((task) => task.path.includes('crash'))) throw new Error('the parser ran out of memory');
  if (tasks.some((task) => task.path.includes('hang'))) for (;;);
  parentPort.postMessage(tasks.map((task) => ({ analysis: { findings: [], notices: [{ path: task.path, message: 'analyzed' }], parsed: true } })));
});
`;

const dir = mkdtempSync(join(tmpdir(), 'rl-review-pool-'));
const script = join(dir, 'worker.mjs');
writeFileSync(script, WORKER);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Analyze `paths` (small files, batched together) with two workers and a watchdog of `timeoutMs`. */
async function analyzeAll(paths: string[], timeoutMs = 10_000) {
  const pool = new AnalysisPool(script, 2, new Map(), timeoutMs);
  try {
    const results = await Promise.allSettled(paths.map((path) => pool.analyze({ path, source: 'x = 1\n', language: 'python' })));
    return results.map((result, i) =>
      result.status === 'fulfilled' ? `${paths[i]}: ${result.value.notices[0].message}` : `${paths[i]}: ${(result.reason as Error).message}`,
    );
  } finally {
    await pool.close();
  }
}

const files = (n: number) => Array.from({ length: n }, (_, i) => `src/file_${i}.py`);

describe('AnalysisPool', () => {
  it('answers every file, in batches', async () => {
    expect(await analyzeAll(files(40))).toEqual(files(40).map((path) => `${path}: analyzed`));
  });

  it('stops an analysis that never ends: that file fails, the files batched with it and after it are analyzed', async () => {
    const paths = [...files(10), 'src/hang.py', ...files(30).slice(10)];
    expect(await analyzeAll(paths, 500)).toEqual(
      paths.map((path) => (path === 'src/hang.py' ? `${path}: analysis took longer than 0.5 s and was stopped` : `${path}: analyzed`)),
    );
  });

  it('replaces a worker that dies: the file it died on fails, the others are analyzed', async () => {
    const paths = [...files(10), 'src/crash.py', ...files(30).slice(10)];
    expect(await analyzeAll(paths)).toEqual(
      paths.map((path) => (path === 'src/crash.py' ? `${path}: the parser ran out of memory` : `${path}: analyzed`)),
    );
  });

  it('fails every file, instead of waiting forever, when no worker can start', async () => {
    writeFileSync(join(dir, 'broken.mjs'), 'this is not JavaScript');
    const pool = new AnalysisPool(join(dir, 'broken.mjs'), 2, new Map());
    try {
      const results = await Promise.allSettled(files(3).map((path) => pool.analyze({ path, source: '', language: 'python' })));
      expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual(files(3).map(() => "Unexpected identifier 'is'"));
      await expect(pool.analyze({ path: 'late.py', source: '', language: 'python' })).rejects.toThrow("Unexpected identifier 'is'");
    } finally {
      await pool.close();
    }
  });
});
