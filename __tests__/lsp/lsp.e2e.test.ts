/**
 * `rl-review lsp` (the bundle, dist/cli.js: `npm run build` first) driven by a real client: Neovim's built-in LSP
 * client, headless (nvim-client.lua beside this file does the editor's part and writes down what it saw). Skipped,
 * saying why, where Neovim is not installed (`.ci/run` installs Debian's `neovim`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeProject } from '../helpers/project';

const hasNeovim = spawnSync('nvim', ['--version']).status === 0;
if (!hasNeovim) console.warn('lsp.e2e: skipped: Neovim (nvim) is not installed; `.ci/run` installs it with apt-get');
const maybe = hasNeovim ? describe : describe.skip;

const CLIENT = fileURLToPath(new URL('nvim-client.lua', import.meta.url));
const CLI = resolve('dist/cli.js');

interface SeenDiagnostic {
  line: number;
  col: number;
  code: string;
  source: string;
  severity: number;
  href: string;
  message: string;
}

/** Neovim's severities: 1 error, 2 warning, 3 info. */
const ERROR = 1;
const INFO = 3;

maybe('rl-review lsp in Neovim', () => {
  test('diagnostics of the open file with links to the rule docs, the fix and the ignore comment as code actions, on the unsaved text', () => {
    const source = [
      'def rollout(engine, tok, messages):',
      '    prompt = tok.apply_chat_template(messages, tokenize=False)',
      '    return engine.generate(prompt)',
      '',
      '',
      'def grpo_advantages(rewards):',
      '    return (rewards - rewards.mean(dim=-1, keepdim=True)) / rewards.std(dim=-1, keepdim=True)',
      '',
    ].join('\n');
    // The workspace's config makes RL106 an info: the server reads it.
    const root = makeProject({ '.github/rl-review.yml': 'rules:\n  RL106: info\n', 'train/rollout.py': source });
    const file = join(root, 'train/rollout.py');
    const out = join(root, 'transcript.json');
    const nvim = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${CLIENT}`], {
      env: {
        ...process.env,
        RL_REVIEW_CMD: JSON.stringify([process.execPath, CLI, 'lsp', '--stdio']),
        RL_REVIEW_ROOT: root,
        RL_REVIEW_FILE: file,
        RL_REVIEW_OUT: out,
      },
      timeout: 90_000,
      encoding: 'utf8',
    });
    expect(nvim.error).toBeUndefined();
    const transcript = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; steps: { name: string; value: unknown }[] };
    expect(transcript.error).toBeUndefined();
    const [opened, firstActions, fixed, afterFix, secondActions, ignored, afterIgnore, modified] = transcript.steps;

    expect((opened.value as SeenDiagnostic[]).map(({ line, col, code, source, severity, href }) => ({ line, col, code, source, severity, href }))).toEqual([
      { line: 1, col: 13, code: 'RL101', source: 'rl-review', severity: ERROR, href: expect.stringMatching(/\/docs\/rules\/missing-generation-prompt\.md$/) },
      { line: 6, col: 11, code: 'RL106', source: 'rl-review', severity: INFO, href: expect.stringMatching(/\/docs\/rules\/std-without-epsilon\.md$/) },
    ]);
    expect(firstActions.value).toEqual([
      { title: 'Fix RL101: Pass add_generation_prompt=True', preferred: true },
      { title: 'Ignore RL101 on this line (rl-review: ignore[RL101])', preferred: false },
    ]);
    expect(fixed.value).toBe('Fix RL101: Pass add_generation_prompt=True');
    expect(afterFix.value).toEqual({
      diagnostics: [expect.objectContaining({ code: 'RL106' })],
      line: '    prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)',
    });
    // An unsafe fix is offered, never preferred.
    expect(secondActions.value).toEqual([
      { title: "Fix RL106 (unsafe: see the rule's Fix safety): Add 1e-6 to the standard deviation", preferred: false },
      { title: 'Ignore RL106 on this line (rl-review: ignore[RL106])', preferred: false },
    ]);
    expect(ignored.value).toBe('Ignore RL106 on this line (rl-review: ignore[RL106])');
    expect((afterIgnore.value as string[])[6]).toBe(
      '    return (rewards - rewards.mean(dim=-1, keepdim=True)) / rewards.std(dim=-1, keepdim=True)  # rl-review: ignore[RL106]',
    );
    // All of it on the editor's text: the file on disk is as it was.
    expect(modified.value).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(source);
  }, 120_000);
});
