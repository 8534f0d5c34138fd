import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInputs } from '../../src/action/inputs';
import { inShard, parseShard } from '../../src/analysis/shard';
import type { Finding } from '../../src/findings';
import { mergeReports } from '../../src/report/merge';
import { cli } from '../helpers/cli';
import { FLAGGED_ROLLOUT, makeProject } from '../helpers/project';

/** Twenty files, every third one with an RL101 finding, in a few directories. */
function project(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) files[`pkg${i % 4}/module_${i}.py`] = i % 3 === 0 ? FLAGGED_ROLLOUT : `VALUE_${i} = ${i}\n`;
  return makeProject(files);
}

async function scanJson(cwd: string, ...args: string[]) {
  const { stdout } = await cli(cwd, 'scan', '--format', 'json', '--fail-on', 'never', ...args);
  return JSON.parse(stdout) as { findings: Finding[]; notices: { path: string; message: string }[]; stats: { files: number; skipped: number } };
}

describe('--shard i/n', () => {
  test('parseShard takes i/n with 1 <= i <= n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '4', 'a/b', '1/0', '-1/2']) expect(() => parseShard(bad)).toThrow(`must be i/n with 1 <= i <= n, as in 2/4 (got '${bad}')`);
  });

  test('the shards of n cover every file once, and their findings are those of one scan', async () => {
    const root = project();
    const single = await scanJson(root);
    expect(single.findings).toHaveLength(7);
    for (const count of [2, 3, 4]) {
      const shards = [];
      for (let index = 1; index <= count; index++) shards.push(await scanJson(root, '--shard', `${index}/${count}`));
      expect(shards.reduce((sum, s) => sum + s.stats.files, 0)).toBe(single.stats.files);
      expect(shards.flatMap((s) => s.findings).sort((a, b) => a.path.localeCompare(b.path))).toEqual(single.findings);
      // Shards are not empty or lopsided on 20 files.
      for (const shard of shards) expect(shard.stats.files).toBeGreaterThan(0);
    }
  });

  test("a file's shard depends on its path alone: files added elsewhere do not move it", () => {
    const paths = Array.from({ length: 200 }, (_, i) => `train/step_${i}.py`);
    const before = paths.filter((path) => inShard(path, { index: 2, count: 4 }));
    expect(before.length).toBeGreaterThan(30);
    expect(before.length).toBeLessThan(70);
    const more = [...paths, ...Array.from({ length: 100 }, (_, i) => `eval/new_${i}.py`)];
    expect(more.filter((path) => path.startsWith('train/') && inShard(path, { index: 2, count: 4 }))).toEqual(before);
  });

  test('a notice about a path (a link out of the repository) is in one shard only', async () => {
    const root = project();
    mkdirSync(join(root, 'links'));
    symlinkSync('/etc/hostname', join(root, 'links/outside.py'));
    const shards = [await scanJson(root, '--shard', '1/2'), await scanJson(root, '--shard', '2/2')];
    const notices = shards.flatMap((s) => s.notices).filter((n) => n.path === 'links/outside.py');
    expect(notices).toHaveLength(1);
    expect(shards.reduce((sum, s) => sum + s.stats.skipped, 0)).toBe(1);
  });

  test('--shard that is not i/n is a usage error', async () => {
    const { code, stderr } = await cli(project(), 'scan', '--shard', '3/2');
    expect(code).toBe(2);
    expect(stderr).toContain("rl-review: --shard must be i/n with 1 <= i <= n, as in 2/4 (got '3/2')");
  });

  test("the Action's shard and reports inputs", () => {
    const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? (name === 'github-token' ? 't' : ''));
    expect(inputs({ shard: '1/3', reports: 'shards/a.json\nshards/b.json' })).toMatchObject({ shard: { index: 1, count: 3 }, reports: ['shards/a.json', 'shards/b.json'] });
    expect(inputs({})).not.toHaveProperty('shard');
    expect(() => inputs({ shard: '4' })).toThrow("input 'shard' must be i/n with 1 <= i <= n, as in 2/4 (got '4')");
  });
});

describe('rl-review merge', () => {
  test('joins the shards into the report of one scan: findings, notices, stats; in any format', async () => {
    const root = project();
    for (const index of [1, 2, 3]) await cli(root, 'scan', '--shard', `${index}/3`, '--format', 'json', '--output', `shard-${index}.json`, '--fail-on', 'never');
    const single = await scanJson(root);
    const merged = await cli(root, 'merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', '--format', 'json');
    expect(merged.code).toBe(1);
    const report = JSON.parse(merged.stdout);
    expect(report.findings).toEqual(single.findings);
    expect(report.stats.files).toBe(single.stats.files);

    const sarif = JSON.parse((await cli(root, 'merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', '--format', 'sarif')).stdout);
    expect(sarif.runs[0].results).toHaveLength(7);
    const markdown = (await cli(root, 'merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', '--format', 'markdown')).stdout;
    expect(markdown).toContain(': 7 errors');
    expect(markdown).toContain(`Scanned ${single.stats.files} files`);
  });

  test('a directory stands for the .json reports under it (as actions/download-artifact lays them out)', async () => {
    const root = project();
    for (const index of [1, 2]) {
      mkdirSync(join(root, `shards/rl-review-shard-${index}`), { recursive: true });
      await cli(root, 'scan', '--shard', `${index}/2`, '--format', 'json', '--output', `shards/rl-review-shard-${index}/rl-review.json`, '--fail-on', 'never');
    }
    const { stdout } = await cli(root, 'merge', 'shards', '--format', 'json', '--fail-on', 'never');
    expect(JSON.parse(stdout).findings).toHaveLength(7);
  });

  test('a finding in several reports is kept once; two of one fingerprint in one report (identical lines) stay two', () => {
    const at = (line: number, fingerprint: string): Finding => ({
      ruleId: 'RL106', name: 'std-without-epsilon', severity: 'warning', path: 'a.py', line, column: 5, endLine: line, endColumn: 9, message: 'm', fingerprint,
    });
    const twice = { findings: [at(3, 'f1'), at(9, 'f1')], notices: [{ path: 'a.py', message: 'n' }] };
    const merged = mergeReports([twice, twice, { findings: [at(20, 'f2'), at(9, 'f1')], notices: [{ path: 'a.py', message: 'n' }] }]);
    expect(merged.findings.map((f) => `${f.line} ${f.fingerprint}`)).toEqual(['3 f1', '9 f1', '20 f2']);
    expect(merged.notices).toEqual([{ path: 'a.py', message: 'n' }]);
  });

  test.each([
    ['not JSON', 'bad.json', '{"version": 1, "findings": [', /rl-review: bad\.json: not JSON: /],
    ['another shape', 'other.json', '{"version": 1, "findings": [{"ruleId": "RL101"}], "notices": []}', /rl-review: other\.json: not an rl-review JSON report \(rl-review scan --format json\): findings\.0\.name: /],
    ['missing', 'missing.json', undefined, /rl-review: missing\.json: cannot read file: ENOENT/],
  ])('a report that is %s is an error that names it (exit 2)', async (_, file, text, message) => {
    const root = makeProject({ 'good.json': '{"version": 1, "findings": [], "notices": []}' });
    if (text !== undefined) writeFileSync(join(root, file), text);
    const { code, stderr } = await cli(root, 'merge', 'good.json', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  test('merge without reports is a usage error', async () => {
    const { code, stderr } = await cli(makeProject({}), 'merge');
    expect(code).toBe(2);
    expect(stderr).toContain('merge takes the JSON reports to merge');
  });
});
