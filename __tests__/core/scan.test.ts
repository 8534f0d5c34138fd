import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../src/analysis/engine';
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

  test('bad inputs are notices, never a crash, and the rest is still reviewed', async () => {
    const cwd = makeProject({
      'latin1.py': Buffer.from('# caf\xe9\napply_chat_template\n', 'latin1'),
      'binary.py': Buffer.from([0x61, 0x00, 0x62, 0x63]),
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
    expect(notices['latin1.py']).toBe('not valid UTF-8: skipped');
    expect(notices['binary.py']).toBe('binary file: skipped');
    expect(notices['huge.py']).toMatch(/larger than 2 MiB/);
    expect(notices['link.py']).toMatch(/outside the scanned directory/);
    expect(notices['broken.py']).toMatch(/syntax error/);
    if (process.getuid?.() !== 0) expect(notices['locked/x.py']).toMatch(/cannot read file/);
    expect(notices['empty.py']).toBeUndefined();
    expect(result.findings.map((f) => f.path)).toContain('good.py');
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

  test('a missing path is a notice', async () => {
    const cwd = makeProject({});
    expect((await scanDir(cwd, defaultConfig(), ['nope'])).notices).toEqual([{ path: 'nope', message: 'no such file or directory' }]);
  });
});
