/**
 * The reward function's process (src/probes/reward-runner.ts): it runs in the sandbox, what it writes is bounded, and
 * nothing it starts outlives the probe. The probe's cases and verdicts are tested in reward-probe.test.ts.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { probeReward } from '../../src/probes/reward-probe';
import { detectIsolation } from '../../src/sandbox/isolation';
import { cliProcess } from '../helpers/cli';
import { processesWith, STEAL_FROM_PROC } from '../helpers/processes';
import { makeProject } from '../helpers/project';

const TOKEN = 'ghs_plantedForTheReward';

/** The rewards of these tests, each a verl compute_score that misbehaves. */
const REWARDS = {
  /** Writes 1.2 GB to stdout: around the harness, to the file descriptor itself. */
  'flood/stdout.py': `
    import os

    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        for _ in range(1200):
            os.write(1, b"x" * (1 << 20))
        return 1.0
  `,
  /** Returns a 64 MB value: the JSON line that carries it is past the limit. */
  'flood/value.py': `
    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        return {"score": 1.0, "log": "x" * (64 << 20)}
  `,
  /** Prints without end while it is imported (the harness sends its prints to stderr). */
  'flood/import.py': `
    while True:
        print("loading" * 10_000)

    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        return 1.0
  `,
  /** Leaves a double-forked daemon, holding the harness's stdout and stderr, when it is imported. */
  'daemon/reward.py': `
    import os

    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "2718.41"])
        os._exit(0)

    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        return 0.0
  `,
  /** Looks for the token in every /proc/<pid>/environ it can read, and writes down what it found. */
  'steal/reward.py': `
    import sys

    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        sys.argv[1:], scope = [${JSON.stringify(TOKEN)}], {}
        exec(${JSON.stringify(STEAL_FROM_PROC)}, scope)
        with open("stolen.txt", "w") as f:
            f.write(repr(sorted(scope["stolen"])))
        return 0.0
  `,
};

let root: string;
beforeAll(() => {
  root = makeProject(REWARDS);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const probe = (target: string) => probeReward({ target, cwd: root, style: 'verl', python: 'python3', timeoutSeconds: 10, dataSource: 'gsm8k' });

describe('output is bounded per call: past 8 MiB the process is stopped and the probe ends with why', () => {
  test('a reward that writes 1.2 GB to stdout', async () => {
    await expect(probe('flood/stdout.py:compute_score')).rejects.toThrow(
      'flood/stdout.py:compute_score: the reward function wrote more than 8 MiB to stdout in one call; it was stopped',
    );
  });

  test('a reward that returns a 64 MB value', async () => {
    await expect(probe('flood/value.py:compute_score')).rejects.toThrow('the reward function wrote more than 8 MiB to stdout in one call; it was stopped');
  });

  test('a module that prints without end while it is imported', async () => {
    await expect(probe('flood/import.py:compute_score')).rejects.toThrow(
      'flood/import.py:compute_score: cannot load the reward function: the reward function wrote more than 8 MiB to stderr in one call; it was stopped',
    );
  });

  test('`probe reward` says so and exits 2, as for any reward it cannot probe', () => {
    const run = cliProcess(root, ['probe', 'reward', '--function', 'flood/stdout.py:compute_score']);
    expect(run).toMatchObject({ code: 2, stderr: 'rl-review: flood/stdout.py:compute_score: the reward function wrote more than 8 MiB to stdout in one call; it was stopped\n' });
  });
});

describe('nothing the reward starts outlives the probe', () => {
  test('a double-forked daemon is killed when the probe ends', async () => {
    const result = await probe('daemon/reward.py:compute_score');
    expect(result.report.checks[0]).toMatchObject({ id: 'reward-correct-answer', status: 'note' });
    expect(processesWith('sleep 2718.41')).toEqual([]);
  });

  test('nor keeps `probe reward` from exiting', () => {
    const run = cliProcess(root, ['probe', 'reward', '--function', 'daemon/reward.py:compute_score']);
    expect(run.code).toBe(0);
    expect(run.ms).toBeLessThan(15_000);
    expect(processesWith('sleep 2718.41')).toEqual([]);
  });
});

// The token is in the environment of rl-review's process (the Action's INPUT_GITHUB-TOKEN): a reward function that
// looks for it in every /proc/<pid>/environ it can read finds nothing.
(detectIsolation() === 'none' ? test.skip : test)("the reward function cannot read the token in its ancestors' environment", () => {
  cliProcess(root, ['probe', 'reward', '--function', 'steal/reward.py:compute_score'], { ...process.env, 'INPUT_GITHUB-TOKEN': TOKEN });
  expect(readFileSync(join(root, 'stolen.txt'), 'utf8')).toBe('[]');
});
