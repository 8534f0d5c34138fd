import { join } from 'node:path';
import { DEFAULT_ROLLOUT_CONFIG } from '../../src/rollout/config';
import { runSmokeRollout } from '../../src/rollout/command';

describe('examples/smoke', () => {
  it('runs on python3 alone and shows the planted bugs beside the checks that pass', async () => {
    const log: string[] = [];
    const report = await runSmokeRollout({
      command: ['python3', join('examples', 'smoke', 'smoke_rollout.py')],
      cwd: process.cwd(),
      timeoutMs: 60_000,
      inputFormat: 'auto',
      config: DEFAULT_ROLLOUT_CONFIG,
      log: (text) => log.push(text),
    });
    expect(log.join('')).toMatch(/wrote 32 trajectories/);
    expect(report.failure).toBeUndefined();
    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual({
      'generation-prompt': 'pass',
      'special-token-leak': 'fail',
      truncation: 'pass',
      'tool-call-format': 'warn',
      'malformed-tool-call-rewarded': 'fail',
      'empty-ground-truth-rewarded': 'pass',
      'zero-signal-groups': 'pass',
      'loss-mask': 'pass',
      'reward-sanity': 'pass',
      'response-length': 'pass',
      repetition: 'pass',
    });
    expect(report.checks[1].examples[0].source).toMatch(/^\$RL_REVIEW_OUT\/smoke_rollout\.jsonl:\d+$/);
  });
});
