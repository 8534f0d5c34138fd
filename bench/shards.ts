/**
 * The sharded-audit case of `npm run bench -- --shards DIR...`: the directories scanned (from their common parent)
 * by the bundle users run (`npm run build` first) in one run, then in 2 and in 4 shards (`scan --shard i/n`), each
 * set merged (`rl-review merge`). Prints each run's wall time, the slowest shard (a matrix job's critical path) and
 * whether the merged findings are exactly the single run's: a correctness check as much as a timing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Finding } from '../src/findings';

const SHARD_COUNTS = [2, 4];

/** The deepest directory that holds every one of `dirs`. */
function commonParent(dirs: string[]): string {
  let parent = dirname(dirs[0]);
  while (!dirs.every((dir) => !relative(parent, dir).startsWith(`..${sep}`) && relative(parent, dir) !== '..')) parent = dirname(parent);
  return parent;
}

const identity = (f: Finding) => `${f.path}:${f.line}:${f.column} ${f.ruleId} ${f.fingerprint}`;

export async function benchShards(dirs: string[]): Promise<void> {
  const paths = dirs.map((dir) => resolve(dir));
  const cwd = commonParent(paths);
  const { main } = (await import('../dist/cli.js' as string)) as typeof import('../src/cli');
  const out = mkdtempSync(join(tmpdir(), 'rl-review-bench-shards-'));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const run = async (name: string, ...args: string[]) => {
      const output = join(out, `${name}.json`);
      const started = performance.now();
      await main(['scan', ...paths.map((p) => relative(cwd, p) || '.'), ...args, '--format', 'json', '--output', output, '--fail-on', 'never']);
      return { output, seconds: (performance.now() - started) / 1000 };
    };
    const read = (file: string) => {
      const report = JSON.parse(readFileSync(file, 'utf8')) as { findings: Finding[]; stats: { files: number } };
      return { findings: report.findings.map(identity).sort(), files: report.stats.files };
    };
    const single = await run('single');
    const expected = read(single.output);
    console.log(`1 shard: ${single.seconds.toFixed(2)} s, ${expected.files} files, ${expected.findings.length} findings`);
    for (const count of SHARD_COUNTS) {
      const shards = [];
      for (let index = 1; index <= count; index++) shards.push(await run(`shard-${index}-of-${count}`, '--shard', `${index}/${count}`));
      const merged = join(out, `merged-${count}.json`);
      await main(['merge', ...shards.map((s) => s.output), '--format', 'json', '--output', merged, '--fail-on', 'never']);
      const actual = read(merged);
      const same = JSON.stringify(actual) === JSON.stringify(expected);
      const times = shards.map((s) => s.seconds.toFixed(2)).join(', ');
      console.log(
        `${count} shards: ${times} s (slowest ${Math.max(...shards.map((s) => s.seconds)).toFixed(2)} s), merged ${actual.files} files, ` +
          `${actual.findings.length} findings: ${same ? 'the same as the single run' : 'DIFFERENT from the single run'}`,
      );
      if (!same) process.exitCode = 1;
    }
  } finally {
    process.chdir(previous);
  }
}
