/**
 * `npm run bench -- DIR`: scan DIR with every rule, through the bundle users run (dist/, with its worker threads;
 * `npm run build` first), and compare with the floor any Python-AST linter pays: `ast.parse` over the same .py files
 * in one python3 process, measured in the same run. Prints files, MB, wall time, MB/s and peak RSS of both.
 * `npm run bench -- --rollout`: check a 1 GB rollout dump and a 160 MB TRL completions parquet with the bundle
 * (bench/rollout.ts).
 * `npm run bench -- --lsp`: keystroke-to-diagnostics time of the language server on a 2,000-line file (bench/lsp.ts).
 * `npm run bench -- --policy`: the policy server's latency per request and 1,000 concurrent requests (bench/policy.ts).
 * `npm run bench -- --shards DIR`: DIR scanned in 1, 2 and 4 shards, merged, against the single scan (bench/shards.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { discoverFiles } from '../src/analysis/files';
import type { ScanResult } from '../src/findings';
import { benchLsp } from './lsp';
import { benchPolicy } from './policy';
import { benchRollout } from './rollout';
import { benchShards } from './shards';
import { benchRow } from './row';

const AST_FLOOR = `
import ast, resource, sys, time
paths = sys.stdin.read().splitlines()
start = time.perf_counter()
for path in paths:
    with open(path, "rb") as f:
        try:
            ast.parse(f.read())
        except (SyntaxError, ValueError):
            pass
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

async function benchScan(dir: string): Promise<void> {
  const cwd = resolve(dir);
  const { files } = discoverFiles(['.'], { cwd, include: [], exclude: [] });
  const bytes = files.reduce((sum, f) => sum + statSync(f.absolutePath).size, 0);
  const mb = bytes / 1e6;

  const { main } = (await import('../dist/cli.js' as string)) as typeof import('../src/cli');
  const output = join(mkdtempSync(join(tmpdir(), 'rl-review-bench-')), 'scan.json');
  const started = performance.now();
  await main(['scan', cwd, '--format', 'json', '--output', output, '--fail-on', 'never']);
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(readFileSync(output, 'utf8')) as ScanResult;
  const rssMb = process.resourceUsage().maxRSS / 1024;

  const python = files.filter((f) => f.language === 'python');
  const pyMb = python.reduce((sum, f) => sum + statSync(f.absolutePath).size, 0) / 1e6;
  const floor = spawnSync('python3', ['-c', AST_FLOOR], { input: python.map((f) => f.absolutePath).join('\n'), encoding: 'utf8' });
  if (floor.status !== 0) throw new Error(`python3 ast.parse floor failed: ${floor.stderr}`);
  const [floorSeconds, floorRssKb] = floor.stdout.trim().split(' ').map(Number);

  console.log(benchRow('rl-review scan', files.length, mb, seconds, rssMb));
  console.log(benchRow('python3 ast.parse floor', python.length, pyMb, floorSeconds, floorRssKb / 1024));
  console.log(`rl-review parsed ${result.stats.parsed} of ${result.stats.files} files (text prefilter), ${result.findings.length} findings, ${result.notices.length} notices`);
  console.log(`ratio: rl-review took ${(seconds / floorSeconds).toFixed(2)}x the ast.parse floor (goal: < 1)`);
}

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('-'));
if (args.includes('--rollout')) await benchRollout();
else if (args.includes('--lsp')) await benchLsp();
else if (args.includes('--policy')) await benchPolicy();
else if (args.includes('--shards') && dir) await benchShards(args.filter((a) => !a.startsWith('-')));
else if (dir) await benchScan(dir);
else {
  console.error('usage: npm run bench -- DIR   (e.g. checkouts of verl, TRL, SkyRL and OpenRLHF side by side)');
  console.error('       npm run bench -- --rollout');
  console.error('       npm run bench -- --lsp');
  console.error('       npm run bench -- --policy');
  console.error('       npm run bench -- --shards DIR');
  process.exit(2);
}
