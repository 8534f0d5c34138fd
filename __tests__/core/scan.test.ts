import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../src/analysis/engine';
import { readRegularFile } from '../../src/analysis/files';
import { defaultConfig, parseConfig } from '../../src/config';
import { parseUnifiedDiff } from '../../src/github/diff';
import { FLAGGED_ROLLOUT, makeProject } from '../helpers/project';

const scanDir = (cwd: string, config = defaultConfig(), paths = ['.']) => scan({ paths, cwd, config });

describe('scan', () => {
  test('finds, sorts and counts; files without triggers are not parsed', async () => {
    const cwd = makeProject({ 'b.py': FLAGGED_ROLLOUT, 'a/train.py': FLAGGED_ROLLOUT, 'util.py': 'x = 1\n' });
    const result = await scanDir(cwd);
    expect(result.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual(['a/train.py:2 RL101', 'b.py:2 RL101']);
    expect(result.stats).toMatchObject({ files: 3, parsed: 2, skipped: 0 });
  });

  test('skips .git, node_modules, virtualenvs and .gitignored paths', async () => {
    const cwd = makeProject({
      '.git/hooks/x.py': FLAGGED_ROLLOUT,
      'node_modules/pkg/index.js': 'tokenizer.apply_chat_template(m)',
      'env/pyvenv.cfg': 'home = /usr\n',
      'env/lib/x.py': FLAGGED_ROLLOUT,
      '.gitignore': 'outputs/\n*.gen.py\n',
      'outputs/run.py': FLAGGED_ROLLOUT,
      'model.gen.py': FLAGGED_ROLLOUT,
      'kept.py': FLAGGED_ROLLOUT,
    });
    const result = await scanDir(cwd);
    expect(result.findings.map((f) => f.path)).toEqual(['kept.py']);
  });

  test('include/exclude globs from the config', async () => {
    const cwd = makeProject({ 'train/a.py': FLAGGED_ROLLOUT, 'train/tests/t.py': FLAGGED_ROLLOUT, 'other/b.py': FLAGGED_ROLLOUT });
    const config = parseConfig('include: ["train/**"]\nexclude: ["**/tests/**"]\n', 'c.yml');
    expect((await scanDir(cwd, config)).findings.map((f) => f.path)).toEqual(['train/a.py']);
  });

  test('a rule switched off in the config does not run', async () => {
    const cwd = makeProject({ 'a.py': FLAGGED_ROLLOUT });
    expect((await scanDir(cwd, parseConfig('rules:\n  RL101: off\n', 'c.yml'))).findings).toEqual([]);
    expect((await scanDir(cwd, parseConfig('rules:\n  RL101: info\n', 'c.yml'))).findings[0].severity).toBe('info');
  });

  test('a file that cannot be analyzed is a not-analyzed warning, a link out of the repository a notice; the rest is reviewed', async () => {
    const cwd = makeProject({
      'empty.py': '',
      'huge.py': `# apply_chat_template\n${'x = 1\n'.repeat(400_000)}`,
      'broken.py': 'def rollout(llm, tok, m):\n    prompt = tok.apply_chat_template(m\n    return llm.generate(prompt)\n',
      'good.py': FLAGGED_ROLLOUT,
    });
    const outside = makeProject({ 'secret.py': FLAGGED_ROLLOUT });
    symlinkSync(join(outside, 'secret.py'), join(cwd, 'link.py'));
    mkdirSync(join(cwd, 'locked'));
    writeFileSync(join(cwd, 'locked/x.py'), FLAGGED_ROLLOUT);
    chmodSync(join(cwd, 'locked/x.py'), 0o000);

    const result = await scanDir(cwd);
    const notices = Object.fromEntries(result.notices.map((n) => [n.path, n.message]));
    expect(notices['link.py']).toMatch(/outside the scanned directory/);
    expect(notices['broken.py']).toMatch(/syntax error/);
    expect(notices['empty.py']).toBeUndefined();
    const notAnalyzed = result.findings.filter((f) => f.ruleId === 'not-analyzed');
    expect(notAnalyzed.map((f) => [f.path, f.line, f.severity, f.message])).toEqual([
      ['huge.py', 1, 'warning', 'Not analyzed: larger than 2 MiB. rl-review cannot say whether this file has findings.'],
      ...(process.getuid?.() === 0 ? [] : [['locked/x.py', 1, 'warning', expect.stringMatching(/^Not analyzed: cannot read file: EACCES/)]]),
    ]);
    expect(result.findings.map((f) => f.path)).toContain('good.py');
    expect(result.stats.skipped).toBe(process.getuid?.() === 0 ? 2 : 3);
  });

  test('changed lines: only findings on added lines of the diff', async () => {
    const cwd = makeProject({ 'a.py': FLAGGED_ROLLOUT, 'b.py': FLAGGED_ROLLOUT });
    const diff = [
      'diff --git a/a.py b/a.py', '--- a/a.py', '+++ b/a.py', '@@ -1,2 +1,3 @@',
      ' def rollout(llm, tok, messages):', '+    prompt = tok.apply_chat_template(messages, tokenize=False)', '     return llm.generate(prompt)',
      'diff --git a/b.py b/b.py', '--- a/b.py', '+++ b/b.py', '@@ -2,2 +2,3 @@',
      '     prompt = tok.apply_chat_template(messages, tokenize=False)', '+    return llm.generate(prompt)', '',
    ].join('\n');
    const result = await scan({ paths: ['.'], cwd, config: defaultConfig(), changedLines: parseUnifiedDiff(diff) });
    expect(result.findings.map((f) => f.path)).toEqual(['a.py']);
  });

  test('changed lines: a file that could not be analyzed is reported at its first added line', async () => {
    const cwd = makeProject({ 'huge.py': `# apply_chat_template\n${'x = 1\n'.repeat(400_000)}`, 'old.py': FLAGGED_ROLLOUT });
    const diff = (path: string, line: number) => `--- a/${path}\n+++ b/${path}\n@@ -${line - 1},1 +${line - 1},2 @@\n x = 1\n+x = 1\n`;
    const result = await scan({ paths: ['.'], cwd, config: defaultConfig(), changedLines: parseUnifiedDiff(diff('huge.py', 5000)) });
    expect(result.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual(['huge.py:5000 not-analyzed']);
    // Unchanged, it is off the diff like any other finding.
    expect((await scan({ paths: ['.'], cwd, config: defaultConfig(), changedLines: parseUnifiedDiff(diff('old.py', 3)) })).findings).toEqual([]);
  });

  test('a missing path is a notice', async () => {
    const cwd = makeProject({});
    expect((await scanDir(cwd, defaultConfig(), ['nope'])).notices).toEqual([{ path: 'nope', message: 'no such file or directory' }]);
  });
});

describe('scan reads only regular files of the repository, and no more than it analyzes', () => {
  const linux = existsSync('/dev/zero') && existsSync('/proc/self/status') ? test : test.skip;

  linux('a link to /dev/zero or out of the repository is refused whether walked or named, and a FIFO is not read', async () => {
    const cwd = makeProject({ 'ok.py': FLAGGED_ROLLOUT });
    symlinkSync('/dev/zero', join(cwd, 'zero.py'));
    symlinkSync('/', join(cwd, 'root'));
    symlinkSync('/dev/zero', join(cwd, '.gitignore'));
    execFileSync('mkfifo', [join(cwd, 'pipe.py')]);
    symlinkSync(join(cwd, 'pipe.py'), join(cwd, 'to-pipe.py'));

    const walked = await scanDir(cwd);
    expect(walked.findings.map((f) => f.path)).toEqual(['ok.py']);
    expect(walked.notices).toEqual([
      { path: 'root', message: 'symbolic link points outside the scanned directory: not followed' },
      { path: 'to-pipe.py', message: 'not a regular file (a FIFO): not read' },
      { path: 'zero.py', message: 'symbolic link points outside the scanned directory: not followed' },
    ]);

    const named = await scanDir(cwd, defaultConfig(), ['zero.py', 'root', 'pipe.py', 'ok.py']);
    expect(named.findings.map((f) => f.path)).toEqual(['ok.py']);
    expect(named.notices).toEqual([
      { path: 'pipe.py', message: 'not a regular file (a FIFO): not read' },
      { path: 'root', message: 'symbolic link points outside the repository: not followed' },
      { path: 'zero.py', message: 'symbolic link points outside the repository: not followed' },
    ]);
  });

  linux('a file is read up to the limit even when its size says less (/proc files say 0)', () => {
    expect(readRegularFile('/proc/self/status', 1024 * 1024).toString()).toMatch(/^Name:/);
    expect(() => readRegularFile('/proc/self/status', 16)).toThrow('larger than 16 bytes');
  });
});

