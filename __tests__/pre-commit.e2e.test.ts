/**
 * The pre-commit hook (.pre-commit-hooks.yaml) run by a real `pre-commit` (`.ci/run` installs Debian's) in a fresh git
 * repository whose .pre-commit-config.yaml is the README's, pointed at this repository at its HEAD commit (pre-commit
 * fetches a `rev`: the hook tested is the committed one, with its committed dist/). Skipped, saying why, where
 * pre-commit or git is missing.
 *
 * pre-commit installs a `language: node` hook with `npm install` in its clone (which, for a node hook, takes the
 * development dependencies too) and `npm install -g`: about a minute. Its store is kept in node_modules/.cache, so a
 * second run at the same HEAD reuses it; `npm ci` clears it. npm's cache is used before the network.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dedent } from './helpers/rule-tester';

const REPOSITORY = resolve('.');
const missing = ['pre-commit', 'git'].filter((tool) => spawnSync(tool, ['--version']).status !== 0);
if (missing.length) console.warn(`pre-commit.e2e: skipped: ${missing.join(' and ')} not installed; \`.ci/run\` installs pre-commit with apt-get`);
const maybe = missing.length ? describe.skip : describe;

const CACHE = join(REPOSITORY, 'node_modules/.cache/rl-review-pre-commit');
/** The project that commits: at a fixed path, so that `pre-commit gc` keeps the environment of the HEAD it uses. */
const PROJECT = join(CACHE, 'project');

/** A clean environment: none of `npm test`'s npm_* variables (npm_config_local_prefix would send pre-commit's npm
 * install into this repository), no user or system git config (a hooks path, commit signing). */
function environment(): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|GIT_|PRE_COMMIT)/i.test(name)));
  return { ...kept, PRE_COMMIT_HOME: join(CACHE, 'home'), GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', npm_config_prefer_offline: 'true' };
}

function run(command: string, args: string[], cwd = PROJECT): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: environment(), encoding: 'utf8', timeout: 300_000 });
}

function git(...args: string[]): string {
  const result = run('git', args);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The `.pre-commit-config.yaml` the README shows, with its `repo:` and `rev:` pointed at this repository's HEAD. */
function readmeConfig(head: string): string {
  const block = /```yaml\n(# \.pre-commit-config\.yaml\n[\s\S]*?)```/.exec(readFileSync(join(REPOSITORY, 'README.md'), 'utf8'));
  if (!block) throw new Error('README.md: no ```yaml block starting with "# .pre-commit-config.yaml"');
  return block[1].replace(/repo: \S+/, `repo: ${REPOSITORY}`).replace(/rev: \S+/, `rev: ${head}`);
}

/** `git commit` with the files staged: its exit status, and its output with the hook's (git sends that to stderr). */
function commit(files: Record<string, string>, message: string): { status: number | null; output: string } {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(PROJECT, path, '..'), { recursive: true });
    writeFileSync(join(PROJECT, path), dedent(text));
  }
  git('add', ...Object.keys(files));
  const { status, stdout, stderr } = run('git', ['commit', '-m', message]);
  return { status, output: stdout + stderr };
}

const FLAGGED = `
  def rollout(llm, tok, messages):
      prompt = tok.apply_chat_template(messages, tokenize=False)
      return llm.generate(prompt)
`;

maybe('the pre-commit hook', () => {
  beforeAll(() => {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPOSITORY, encoding: 'utf8' }).stdout.trim();
    rmSync(PROJECT, { recursive: true, force: true });
    mkdirSync(PROJECT, { recursive: true });
    git('init', '--quiet');
    git('config', 'user.email', 'trainer@example.com');
    git('config', 'user.name', 'Trainer');
    writeFileSync(join(PROJECT, '.pre-commit-config.yaml'), readmeConfig(head));
    git('add', '.pre-commit-config.yaml');
    git('commit', '--quiet', '-m', 'pre-commit config');
    // The environments of earlier HEADs go; this one's stays if it is there.
    run('pre-commit', ['gc']);
    for (const args of [['install'], ['install-hooks']]) {
      const result = run('pre-commit', args);
      if (result.status !== 0) throw new Error(`pre-commit ${args[0]} failed:\n${result.stdout}${result.stderr}`);
    }
  }, 300_000);

  test('a staged finding refuses the commit, and the message names the rule', () => {
    const result = commit({ 'train/rollout.py': FLAGGED }, 'Add a rollout');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/rl-review\.+Failed/);
    expect(result.output).toContain('train/rollout.py');
    expect(result.output).toContain('RL101 missing-generation-prompt');
    expect(git('log', '--format=%s')).toBe('pre-commit config\n');
  });

  test('the fixed file goes through', () => {
    const result = commit({ 'train/rollout.py': FLAGGED.replace('tokenize=False', 'tokenize=False, add_generation_prompt=True') }, 'Add a rollout');
    expect(result.output).toMatch(/rl-review\.+Passed/);
    expect(result.status).toBe(0);
    expect(git('log', '--format=%s')).toBe('Add a rollout\npre-commit config\n');
  });

  test("the repository's config applies: a rule it makes a warning does not refuse the commit", () => {
    const result = commit({ '.github/rl-review.yml': 'rules:\n  RL101: warning\n', 'agent/sampler.py': FLAGGED }, 'Add a sampler');
    expect(result.output).toMatch(/rl-review\.+Passed/);
    expect(result.status).toBe(0);
  });
});
