import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { statusOf, type CheckContext, type CheckOutcome, type CheckStatus, type RolloutCheck } from '../../src/rollout/checks/check';
import { QWEN_TURN_TOKEN_IDS } from '../../src/rollout/checks/loss-mask';
import type { Trajectory } from '../../src/rollout/trajectory';

export const CHATML_PROMPT = '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n';

/** A well-formed native trajectory; tests override what they are about. */
export function trajectory(overrides: Partial<Trajectory> = {}): Trajectory {
  return { source: 'dump.jsonl:1', prompt: CHATML_PROMPT, response: 'It is 42.<|im_end|>', reward: 1, specialTokensStripped: false, ...overrides };
}

export const DEFAULT_CONTEXT: CheckContext = { turnTokenIds: QWEN_TURN_TOKEN_IDS, repeatRate: 0.5 };

/**
 * Runs one check over trajectories, as the reviewer does, with the check's default severity and threshold. It runs
 * the check twice: in one tally, as an in-process read does, and in a tally per trajectory, each sent through
 * structured clone and merged in order, as worker threads do; both must give the same outcome.
 */
export function runCheck<Tally>(
  check: RolloutCheck<Tally>,
  trajectories: Trajectory[],
  context: Partial<CheckContext> = {},
): CheckOutcome & { status: CheckStatus } {
  const settings = { ...DEFAULT_CONTEXT, ...context };
  const whole = check.empty();
  for (const t of trajectories) check.add(whole, t, settings);
  const merged = check.empty();
  for (const t of trajectories) {
    const block = check.empty();
    check.add(block, t, settings);
    check.merge(merged, structuredClone(block));
  }
  const outcome = check.finish(whole, settings);
  expect(check.finish(merged, settings)).toEqual(outcome);
  return { ...outcome, status: statusOf(outcome, check.meta.severity, check.meta.threshold) };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rl-review-rollout-test-'));
}

/** Writes JSONL as the frameworks do (`json.dumps(entry) + "\n"`, whose spacing a parser ignores), creating its directory. */
export function writeJsonl(path: string, records: unknown[]): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, records.map((r) => JSON.stringify(r) + '\n').join(''));
  return path;
}
