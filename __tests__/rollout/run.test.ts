import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration, ROLLOUT_REPORT_FILE, smokeEnvironment } from '../../src/rollout/command';
import { OUTPUT_TAIL_CHARS, runCommand } from '../../src/rollout/run';
import { cli, cliProcess } from '../helpers/cli';
import { detectIsolation } from '../../src/sandbox/isolation';
import { processesWith, STEAL_FROM_PROC } from '../helpers/processes';
import { CHATML_PROMPT, tempDir, writeJsonl } from './helpers';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runCommand', () => {
  const base = { cwd: dir, env: process.env, timeoutMs: 10_000 };

  it('runs a command line in a shell and an argv without one, streaming the output', async () => {
    const chunks: string[] = [];
    const shell = await runCommand({ ...base, command: ['echo one && echo two >&2 && exit 3'], onOutput: (t) => chunks.push(t) });
    expect(shell).toMatchObject({ exitCode: 3, signal: null, timedOut: false, outputTail: expect.stringContaining('one\n') });
    expect(chunks.join('')).toContain('two\n');
    const argv = await runCommand({ ...base, command: ['python3', '-c', 'print("a && b")'] });
    expect(argv).toMatchObject({ exitCode: 0, outputTail: 'a && b\n' });
  });

  it('says when the program cannot start', async () => {
    const missing = await runCommand({ ...base, command: ['no-such-program-rl-review', '--flag'] });
    expect(missing.spawnError).toMatch(/ENOENT/);
  });

  it('keeps only the end of a long output in memory', async () => {
    const result = await runCommand({ ...base, command: ['python3', '-c', 'import sys\nfor i in range(20000): print(f"line {i}")\nprint("THE END")'] });
    expect(result.outputTail.length).toBe(OUTPUT_TAIL_CHARS);
    expect(result.outputTail.endsWith('THE END\n')).toBe(true);
  });

  it('kills the whole process tree at the timeout', async () => {
    const started = Date.now();
    const result = await runCommand({ ...base, timeoutMs: 500, command: ['sleep 2718.11 & sleep 2718.12'] });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(processesWith('sleep 2718.1')).toEqual([]);
  });
});

describe('smokeEnvironment', () => {
  it("hands the command a fresh RL_REVIEW_OUT and no GitHub token, action input, runner credential or file command", () => {
    const env = smokeEnvironment(
      {
        PATH: '/usr/bin',
        GITHUB_TOKEN: 't',
        GH_TOKEN: 't',
        'INPUT_GITHUB-TOKEN': 't',
        ACTIONS_RUNTIME_TOKEN: 't',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://example.test',
        GITHUB_ENV: '/runner/_temp/_runner_file_commands/set_env',
        GITHUB_PATH: '/runner/_temp/_runner_file_commands/add_path',
        GITHUB_OUTPUT: '/runner/_temp/_runner_file_commands/set_output',
        GITHUB_STATE: '/runner/_temp/_runner_file_commands/save_state',
        GITHUB_STEP_SUMMARY: '/runner/_temp/_runner_file_commands/step_summary',
        GITHUB_SHA: 'abc',
      },
      '/tmp/out',
    );
    expect(env).toEqual({ PATH: '/usr/bin', GITHUB_SHA: 'abc', RL_REVIEW_OUT: '/tmp/out' });
  });
});

describe('parseDuration', () => {
  it.each([['15m', 900_000], ['90s', 90_000], ['1h', 3_600_000], ['500ms', 500], ['30', 30_000]])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it('rejects what is not a duration', () => expect(() => parseDuration('soon')).toThrow("--timeout must be a duration like 15m, 90s or 1h (got 'soon')"));
  // Node's timers fire at once past 2^31 - 1 ms: 600 h would kill the command as it starts.
  it('rejects a duration longer than a timer can wait', () => expect(() => parseDuration('600h')).toThrow("--timeout must be at most 596h (24 days) (got '600h')"));
});

/** Runs `rl-review rollout ...` in-process in `cwd`, capturing what it writes. */
const rollout = (cwd: string, ...args: string[]) => cli(cwd, 'rollout', ...args);

/** A smoke script that writes one native trajectory, and whether it could see a token, to $RL_REVIEW_OUT. */
const SMOKE_SCRIPT = `
import json, os
record = {"prompt": ${JSON.stringify(CHATML_PROMPT)}, "response": "42<|im_end|>", "reward": 1.0,
          "error": "saw a token" if os.environ.get("GITHUB_TOKEN") or os.environ.get("INPUT_GITHUB-TOKEN") else None}
with open(os.path.join(os.environ["RL_REVIEW_OUT"], "rollout.jsonl"), "w") as f:
    f.write(json.dumps(record) + "\\n")
print("smoke rollout done")
`;

describe('rl-review rollout run', () => {
  beforeAll(() => writeFileSync(join(dir, 'smoke.py'), SMOKE_SCRIPT));
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('runs the command without the token, checks its dump and writes rl-review-rollout.json for a baseline', async () => {
    process.env.GITHUB_TOKEN = 'ghs_secret';
    process.env['INPUT_GITHUB-TOKEN'] = 'ghs_secret';
    const { code, stdout, stderr } = await rollout(dir, 'run', '--format', 'json', '--', 'python3', 'smoke.py');
    expect(stderr).toContain('smoke rollout done');
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ version: 1, trajectories: 1, skipped: 0 });
    expect(json.checks.find((c: { id: string }) => c.id === 'reward-sanity')).toMatchObject({ status: 'pass' });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, ROLLOUT_REPORT_FILE), 'utf8'))).toEqual(json);
  });

  // The Action's process holds the token in its environment (INPUT_GITHUB-TOKEN), the runner's the runtime token:
  // the command, run by a CLI process started with them, looks for them in every /proc/<pid>/environ it can read.
  (detectIsolation() === 'none' ? it.skip : it)("keeps the tokens in its ancestors' environment and the job's GITHUB_ENV out of the command's reach", () => {
    const fileCommands = join(dir, '_runner_file_commands');
    mkdirSync(fileCommands, { recursive: true });
    const setEnv = join(fileCommands, 'set_env');
    writeFileSync(setEnv, '');
    const tokens = { 'INPUT_GITHUB-TOKEN': 'ghs_plantedInputToken', ACTIONS_RUNTIME_TOKEN: 'planted-runtime-token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'planted-oidc-token' };
    writeFileSync(join(dir, 'steal.py'), `${STEAL_FROM_PROC}
try:
    with open(${JSON.stringify(setEnv)}, "a") as f:
        f.write("LD_PRELOAD=/tmp/evil.so\\n")
except OSError as error:
    print("GITHUB_ENV:", error.strerror)
with open(os.path.join(os.environ["RL_REVIEW_OUT"], "rollout.jsonl"), "w") as f:
    f.write(json.dumps({"prompt": "p", "response": "r", "reward": 1.0}) + "\\n")
`);
    const run = cliProcess(dir, ['rollout', 'run', '--format', 'json', '--', 'python3', 'steal.py', ...Object.values(tokens)], { ...process.env, ...tokens, GITHUB_ENV: setEnv });
    expect(run.stderr).toContain('stolen: []');
    expect(run.stderr).toContain('GITHUB_ENV: Read-only file system');
    expect(readFileSync(setEnv, 'utf8')).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ trajectories: 1 });
  });

  it('leaves no process behind: a setsid daemon started by the command is killed when it exits', async () => {
    const { code } = await rollout(dir, 'run', '--', `setsid sleep 2718.21 & sleep 0.2; printf '%s\\n' '{"prompt": "p", "response": "r", "reward": 1}' > $RL_REVIEW_OUT/a.jsonl`);
    expect(code).toBe(0);
    expect(processesWith('sleep 2718.21')).toEqual([]);
  });

  it('does not wait past the timeout for a setsid child that holds its stdout', async () => {
    const started = Date.now();
    const { code, stdout } = await rollout(dir, 'run', '--timeout', '500ms', '--', 'setsid sleep 2718.31 & sleep 2718.32');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(code).toBe(1);
    expect(stdout).toContain('FAILED: the smoke command timed out after 0.5 s; its process tree was killed');
    expect(processesWith('sleep 2718.3')).toEqual([]);
  });

  it('fails clearly when the command fails, with the end of its output', async () => {
    const { code, stdout } = await rollout(dir, 'run', '--', 'python3 -c "import sys; print(\'loading model\'); sys.exit(2)"');
    expect(code).toBe(1);
    expect(stdout).toContain('FAILED: the smoke command exited with status 2');
    expect(stdout).toContain('  | loading model');
  });

  it('fails clearly when the command times out', async () => {
    const { code, stdout } = await rollout(dir, 'run', '--timeout', '300ms', '--', 'sleep 20');
    expect(code).toBe(1);
    expect(stdout).toContain('FAILED: the smoke command timed out after 0.3 s; its process tree was killed');
  });

  it('fails clearly when the command writes no trajectory', async () => {
    const { code, stdout } = await rollout(dir, 'run', '--', 'true');
    expect(code).toBe(1);
    expect(stdout).toContain('FAILED: the smoke command wrote no trajectory to $RL_REVIEW_OUT');
  });

  it('takes the command, its output, timeout and dump format from the config where no flag gives them', async () => {
    const write = `mkdir -p config-out && printf '%s\\n' '{"prompt": "p", "response": "r", "reward": 1}' > config-out/a.jsonl`;
    writeFileSync(join(dir, 'smoke.yml'), `rollout:\n  command: ${JSON.stringify(write)}\n  output: config-out/*.jsonl\n  format: native\n`);
    const run = await rollout(dir, 'run', '--config', 'smoke.yml');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Smoke rollout: 1 trajectory from 1 file \(native\)/);

    writeFileSync(join(dir, 'slow.yml'), 'rollout:\n  command: sleep 20\n  timeout: 300ms\n');
    expect((await rollout(dir, 'run', '--config', 'slow.yml')).stdout).toContain('FAILED: the smoke command timed out after 0.3 s');
  });

  it('lets a flag win over the config', async () => {
    expect((await rollout(dir, 'run', '--config', 'slow.yml', '--timeout', '200ms')).stdout).toContain('timed out after 0.2 s');
    writeFileSync(join(dir, 'verl.yml'), 'rollout:\n  format: verl\n');
    writeJsonl(join(dir, 'native', 'dump.jsonl'), [{ prompt: CHATML_PROMPT, response: '42<|im_end|>', reward: 1 }]);
    expect(await rollout(dir, 'check', 'native/dump.jsonl', '--config', 'verl.yml', '--format', 'json')).toMatchObject({ code: 1, stderr: expect.stringContaining("native/dump.jsonl:1: skipped: missing 'input'") });
    const native = await rollout(dir, 'check', 'native/dump.jsonl', '--config', 'verl.yml', '--input-format', 'native', '--format', 'json');
    expect(JSON.parse(native.stdout)).toMatchObject({ trajectories: 1, skipped: 0 });
  });

  it('reads the dump from --output, relative to the working directory', async () => {
    const { code, stdout } = await rollout(dir, 'run', '--output', 'out/*.jsonl', '--', `mkdir -p out && printf '%s\\n' '{"prompt": "p", "response": "r", "reward": 1}' > out/a.jsonl`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Smoke rollout: 1 trajectory from 1 file \(native\)/);
  });
});

describe('rl-review rollout check', () => {
  beforeAll(() => {
    writeJsonl(join(dir, 'check', 'dump.jsonl'), [
      { prompt: CHATML_PROMPT, response: '42<|im_end|>', reward: 1, group: 'a' },
      { prompt: CHATML_PROMPT, response: '<|im_start|>assistant\n42', reward: 0, group: 'a' },
    ]);
  });

  it('exits 1 on a failing check, 0 with --fail-on never', async () => {
    expect((await rollout(dir, 'check', 'check/dump.jsonl')).code).toBe(1);
    expect((await rollout(dir, 'check', 'check/dump.jsonl', '--fail-on', 'never')).code).toBe(0);
  });

  it('shows each metric against a baseline', async () => {
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ version: 1, trajectories: 2, skipped: 0, checks: [], metrics: { reward_mean: 0.9 } }));
    const { stdout } = await rollout(dir, 'check', 'check/dump.jsonl', '--baseline', 'baseline.json');
    expect(stdout).toContain('Changes from the baseline:\n  reward_mean: 0.9 → 0.5 (-0.4)');
    const missing = await rollout(dir, 'check', 'check/dump.jsonl', '--baseline', 'nope.json');
    expect(missing.stdout).toContain('notice: nope.json: cannot read baseline: ENOENT');
  });

  it('puts notices on stderr in JSON mode, so stdout stays the JSON contract', async () => {
    writeFileSync(join(dir, 'check', 'bad.jsonl'), '{"prompt": "p", "response": "r", "reward": 1}\n{"prompt": \n');
    const { stdout, stderr } = await rollout(dir, 'check', 'check', '--format', 'json');
    expect(JSON.parse(stdout)).toMatchObject({ trajectories: 3, skipped: 1 });
    expect(stderr).toMatch(/^rl-review: check\/bad\.jsonl:2: skipped: not valid JSON/);
  });

  it('is a usage error (exit 2) without a file, or with an unknown option value', async () => {
    expect(await rollout(dir, 'check')).toMatchObject({ code: 2, stderr: expect.stringContaining('rollout check needs at least one dump file, directory or glob') });
    expect(await rollout(dir, 'check', 'x', '--format', 'sarif')).toMatchObject({ code: 2, stderr: expect.stringContaining("--format must be one of text, json, markdown (got 'sarif')") });
    expect(await rollout(dir, 'run')).toMatchObject({ code: 2, stderr: expect.stringContaining('rollout run needs a command after --, or rollout.command in the config') });
    expect(await rollout(dir, 'walk')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown rollout command 'walk'") });
  });

  it('prints its help', async () => {
    expect(await rollout(dir, '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('rl-review rollout run [options] [-- CMD...]') });
  });
});
