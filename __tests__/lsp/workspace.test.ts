import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../src/lsp/workspace';
import { FLAGGED_ROLLOUT, makeProject } from '../helpers/project';
import { dedent } from '../helpers/rule-tester';

/** What the language server analyzes for an open file: its config, its path, the text the editor has. */
describe('the language server workspace', () => {
  const flagged = dedent(FLAGGED_ROLLOUT);
  const errors: string[] = [];
  const open = (roots: string[]) => new Workspace(roots, (message) => errors.push(message));
  beforeEach(() => errors.splice(0));

  test('the unsaved text is analyzed, with the config of its workspace folder; paths are relative to the folder', async () => {
    const root = makeProject({ '.github/rl-review.yml': 'rules:\n  RL101: warning\n', 'train/rollout.py': 'x = 1\n' });
    const analysis = await open([root]).analyze(join(root, 'train/rollout.py'), flagged);
    expect(analysis?.findings.map((f) => [f.path, f.line, f.ruleId, f.severity])).toEqual([['train/rollout.py', 2, 'RL101', 'warning']]);
  });

  test('files it does not analyze: excluded by the config, not Python or TS/JS, in a virtualenv or dependency directory', async () => {
    const root = makeProject({ '.github/rl-review.yml': 'exclude: ["scripts/**"]\n' });
    const workspace = open([root]);
    for (const path of ['scripts/run.py', 'notes.md', '.venv/lib/python3.11/site-packages/trl/trainer.py', 'node_modules/x/index.js']) {
      expect(await workspace.analyze(join(root, path), flagged)).toBeUndefined();
    }
  });

  test('a config changed on disk is read again; one that is broken is said once, and the default rules apply', async () => {
    const root = makeProject({ '.github/rl-review.yml': 'rules:\n  RL101: off\n' });
    const workspace = open([root]);
    const file = join(root, 'rollout.py');
    expect((await workspace.analyze(file, flagged))?.findings).toEqual([]);
    expect(workspace.configChanged()).toBe(false);

    writeFileSync(join(root, '.github/rl-review.yml'), 'rules:\n  RL777: warning\n');
    expect(workspace.configChanged()).toBe(true);
    expect((await workspace.analyze(file, flagged))?.findings.map((f) => f.ruleId)).toEqual(['RL101']);
    await workspace.analyze(file, flagged);
    expect(errors).toEqual([expect.stringMatching(/^\.github\/rl-review\.yml:2: unknown rule 'rules\.RL777' .*\(in .*; the default rules apply until it is fixed\)$/)]);
    await workspace.close();
  });

  test('outside the workspace folders, the repository is the nearest directory above with a .git', async () => {
    const root = makeProject({ 'repo/.github/rl-review.yml': 'rules:\n  RL101: info\n', 'repo/src/agent/loop.py': '' });
    mkdirSync(join(root, 'repo/.git'));
    const analysis = await open([]).analyze(join(root, 'repo/src/agent/loop.py'), flagged);
    expect(analysis?.findings.map((f) => [f.path, f.severity])).toEqual([['src/agent/loop.py', 'info']]);
  });

  test('text over 2 MiB is not analyzed, and says so', async () => {
    const root = makeProject({});
    const analysis = await open([root]).analyze(join(root, 'big.py'), `${flagged}${'# padding\n'.repeat(220_000)}`);
    expect(analysis?.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['not-analyzed', 'warning', 'Not analyzed: larger than 2 MiB. rl-review cannot say whether this file has findings.'],
    ]);
  });
});
