import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { detectIsolation, isolationNotice, isolationWorks, sandboxPaths, type Isolation } from '../../src/sandbox/isolation';
import { startUntrusted, type UntrustedOptions } from '../../src/sandbox/untrusted-process';
import { processesWith, STEAL_FROM_PROC } from '../helpers/processes';

const dir = mkdtempSync(join(tmpdir(), 'rl-review-sandbox-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `command` to its end: its exit, its output, and how long the run took. */
async function run(command: string[], isolation: Isolation, options: Partial<UntrustedOptions> = {}) {
  const started = Date.now();
  const running = startUntrusted({ command, cwd: dir, env: { PATH: process.env.PATH }, ...options }, isolation);
  let output = '';
  running.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  running.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = await running.exited;
  return { ...exit, output, ms: Date.now() - started };
}

/**
 * A process of the same user outside the sandbox, started with a token in its environment, as the Action's process
 * is (its INPUT_GITHUB-TOKEN): the test's own environment cannot be planted, since /proc shows a process's
 * environment as it was started. (The CLI tests in run.test.ts plant one in rl-review's own process.)
 */
const token = 'ghs_plantedInAnotherProcess';
let holder: ChildProcess;
beforeAll(() => {
  holder = spawn('sleep', ['3141.99'], { env: { PATH: process.env.PATH, 'INPUT_GITHUB-TOKEN': token }, stdio: 'ignore' });
});
afterAll(() => holder.kill('SIGKILL'));

/** The sandboxes this machine has: the one rl-review picks, and an unprivileged user namespace when allowed. */
const sandboxes = [...new Set([detectIsolation(), ...(isolationWorks('user-namespace') ? (['user-namespace'] as const) : [])])].filter((i) => i !== 'none');
if (!sandboxes.length) console.warn('No sandbox on this machine (not root, no passwordless sudo, no user namespaces): only the fallback is tested.');

describe.each(sandboxes)('in the %s sandbox', (isolation) => {
  test("the code cannot read the environment of processes outside it (the job's token) in /proc", async () => {
    const result = await run(['python3', '-c', STEAL_FROM_PROC, token], isolation);
    expect(result).toMatchObject({ exitCode: 0, output: 'stolen: []\n' });
  });

  test("it cannot write the job's file commands or rl-review's files, nor gain privileges (sudo)", async () => {
    const commands = join(dir, '_runner_file_commands');
    mkdirSync(commands, { recursive: true });
    const setEnv = join(commands, 'set_env');
    writeFileSync(setEnv, '');
    const root = resolve('.');
    const saved = process.env.GITHUB_ENV;
    process.env.GITHUB_ENV = setEnv;
    try {
      expect(sandboxPaths(process.env, dir)).toEqual({ hidden: [commands], readOnly: [root] });
      const script = 'echo "LD_PRELOAD=/tmp/evil.so" >> "$1"; echo "listed: $(ls -A "$2")"; touch "$3/rl-review-was-here"; grep NoNewPrivs /proc/self/status; echo "GITHUB_ENV=${GITHUB_ENV-unset}"; echo "groups: $(id -Gn)"';
      const result = await run(['sh', '-c', script, 'sh', setEnv, commands, root], isolation);
      expect(result.output).toContain('NoNewPrivs:\t1');
      expect(result.output).toContain('GITHUB_ENV=unset');
      // Through sudo (GitHub-hosted runners: runner is in docker, adm and systemd-journal), the groups that amount to root go.
      if (isolation === 'sudo') expect(result.output).not.toMatch(/^groups: .*\b(docker|adm|systemd-journal|sudo)\b/m);
      expect(result.output).toContain('listed: \n');
      expect(readFileSync(setEnv, 'utf8')).toBe('');
      expect(existsSync(join(root, 'rl-review-was-here'))).toBe(false);
    } finally {
      process.env.GITHUB_ENV = saved;
      rmSync(join(root, 'rl-review-was-here'), { force: true });
    }
  });

  test('nothing it started outlives it: a setsid daemon and a double fork holding its stdout die when it exits', async () => {
    const result = await run(['setsid sleep 3141.11 & (sleep 3141.12 &); sleep 0.2; echo started'], isolation);
    expect(result).toMatchObject({ exitCode: 0, output: 'started\n' });
    expect(result.ms).toBeLessThan(1_000);
    expect(processesWith('sleep 3141.1')).toEqual([]);
  });

  test('at the timeout it ends, a setsid child holding its stdout with it', async () => {
    const result = await run(['setsid sleep 3141.21 & sleep 3141.22'], isolation, { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' });
    expect(result.ms).toBeLessThan(2_000);
    expect(processesWith('sleep 3141.2')).toEqual([]);
  });

  test('it is stopped at once on request, and its exit status and signal are its own', async () => {
    const running = startUntrusted({ command: ['sleep 3141.31'], cwd: dir, env: {} }, isolation);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await running.stop()).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: false });
    expect(processesWith('sleep 3141.31')).toEqual([]);
    expect(await run(['exit 3'], isolation)).toMatchObject({ exitCode: 3, signal: null });
  });
});

describe('without a sandbox (none)', () => {
  test("the attack works: the child reads the token in another process's environment, which the notice in CI says", async () => {
    const result = await run(['python3', '-c', STEAL_FROM_PROC, token], 'none');
    expect(result.output).toBe(`stolen: ["${token}"]\n`);
    expect(isolationNotice('none', { CI: 'true' })).toMatch(/^ran without isolation .*: it could read the environment of rl-review's and the runner's processes in \/proc \(the job's token\)/);
    expect(isolationNotice('none', {})).toBeUndefined();
  });

  test('a daemon that left the process group is still found and killed; one that hid is no reason to wait past the drain', async () => {
    // Each waits until the daemon has left the process group, which the group kill would have reached.
    const marked = await run(['setsid sleep 3141.41 & sleep 0.2; echo started'], 'none');
    expect(marked).toMatchObject({ exitCode: 0, output: 'started\n' });
    expect(processesWith('sleep 3141.41')).toEqual([]);

    const hidden = await run(['env -i setsid sleep 3141.42 & sleep 0.2; echo started'], 'none');
    expect(hidden).toMatchObject({ exitCode: 0, output: 'started\n' });
    expect(hidden.ms).toBeGreaterThanOrEqual(1_200);
    expect(hidden.ms).toBeLessThan(2_500);
    const survivors = processesWith('sleep 3141.42');
    for (const pid of survivors) process.kill(pid, 'SIGKILL');
    // Without a sandbox, this is the one thing left: README, "What code from the pull request can reach".
    expect(survivors).toHaveLength(1);
  });
});

test('a program that is not found is an error as spawn reports it, whatever the sandbox', () => {
  expect(() => startUntrusted({ command: ['no-such-program-rl-review', '--flag'], cwd: dir, env: { PATH: process.env.PATH } })).toThrow(
    expect.objectContaining({ code: 'ENOENT', message: 'spawn no-such-program-rl-review ENOENT' }),
  );
});
