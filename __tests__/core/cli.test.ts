import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { FLAGGED_ROLLOUT, makeProject } from '../helpers/project';

describe('rl-review CLI', () => {
  const project = makeProject({ 'train/rollout.py': FLAGGED_ROLLOUT, 'clean.py': 'x = 1\n' });

  test('scan exits 1 on an error finding, 0 under a higher --fail-on', async () => {
    expect((await cli(project, 'scan')).code).toBe(1);
    expect((await cli(project, 'scan', '--fail-on', 'never')).code).toBe(0);
    expect((await cli(project, 'scan', 'clean.py')).code).toBe(0);
  });

  test('bare `rl-review` and `rl-review PATH` scan', async () => {
    expect((await cli(project)).stdout).toContain('train/rollout.py');
    expect((await cli(project, 'train', '--format', 'json')).stdout).toContain('"ruleId": "RL101"');
  });

  test('--format json with paths relative to the working directory', async () => {
    const { stdout } = await cli(project, 'scan', '--format', 'json');
    const json = JSON.parse(stdout);
    expect(json.findings.map((f: { path: string; line: number }) => `${f.path}:${f.line}`)).toEqual(['train/rollout.py:2']);
    expect(json.stats.files).toBe(2);
  });

  test('--output writes the report to a file', async () => {
    const { code, stdout } = await cli(project, 'scan', '--format', 'sarif', '--output', 'out.sarif');
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });

  test('--changed-lines keeps only findings on the diff', async () => {
    writeFileSync(join(project, 'empty.diff'), '');
    expect((await cli(project, 'scan', '--changed-lines', 'empty.diff', '--format', 'json')).stdout).toContain('"findings": []');
  });

  test.each([
    [['scan', '--format', 'xml'], /--format must be one of text, json, sarif, github, markdown \(got 'xml'\)/],
    [['scan', '--fail-on', 'sometimes'], /--fail-on must be one of error, warning, info, never/],
    [['scan', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command or path 'frobnicate'/],
    [['scan', '--changed-lines', 'missing.diff'], /--changed-lines missing.diff: cannot read it \(ENOENT\)/],
    [['scan', '--changed-lines', 'clean.py'], /--changed-lines clean.py: not a unified diff/],
    [['scan', '--output', 'missing/out.json'], /--output missing\/out.json: the directory missing does not exist/],
    [['review', '--output', 'clean.py/out.json'], /--output clean.py\/out.json: clean.py is not a directory/],
    [['probe', 'template', '--output', 'missing/out.json'], /--output missing\/out.json: the directory missing does not exist/],
  ])('usage error %j exits 2 with a message', async (args, message) => {
    const { code, stderr } = await cli(project, ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  test.each([
    ['an unknown rule', 'rules:\n  RL777: off\n', /config error: \.github\/rl-review\.yml:2: unknown rule 'rules\.RL777'/],
    [
      'a YAML alias bomb',
      ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n'),
      /config error: \.github\/rl-review\.yml:2: invalid YAML: Excessive alias count/,
    ],
    ['a list', '- rules\n- include\n', /config error: \.github\/rl-review\.yml:1: the config must be a mapping of keys \(rules, include, .*\), not a list/],
    ['a scalar', 'RL101 off\n', /config error: \.github\/rl-review\.yml:1: the config must be a mapping of keys .*, not the string "RL101 off"/],
    ['not UTF-8', Buffer.from('rules:\n  RL101: of\xe9\n', 'latin1'), /config error: \.github\/rl-review\.yml: cannot read config file: not valid UTF-8/],
  ])('a config error (%s) exits 2 naming the file and line, with no stack trace', async (_, config, message) => {
    const dir = makeProject({ '.github/rl-review.yml': config, 'a.py': 'x = 1\n' });
    for (const command of ['scan', 'review']) {
      const { code, stderr } = await cli(dir, command);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  // Quadratic in its findings, the analysis of this file ran past the 30 s watchdog (and the file was a notice).
  test('a 1.9 MB file padded with 14,500 suppressed findings hides no real one, and is analyzed in time', async () => {
    const real = 'def rollout(engine, tok, messages):\n    prompt = tok.apply_chat_template(messages, tokenize=False)\n    return engine.generate(prompt)\n';
    const padding = Array.from({ length: 14_500 }, (_, i) =>
      `def rollout_${i}(engine, tok, m):\n    p = tok.apply_chat_template(m, tokenize=False)  # rl-review: ignore[RL101]\n    return engine.generate(p)\n`);
    const dir = makeProject({ 'padded.py': Buffer.from(real + padding.join('')) });
    const { code, stdout } = await cli(dir, 'scan', '--format', 'json');
    const report = JSON.parse(stdout);
    expect(report.findings.map((f: { line: number; ruleId: string }) => `${f.line} ${f.ruleId}`)).toEqual(['2 RL101']);
    expect(report.stats).toMatchObject({ files: 1, parsed: 1, skipped: 0 });
    expect(code).toBe(1);
  }, 30_000);

  test('--help and --version', async () => {
    expect((await cli(project, '--help')).stdout).toMatch(/^rl-review \d+\.\d+\.\d+/);
    expect((await cli(project, '--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
