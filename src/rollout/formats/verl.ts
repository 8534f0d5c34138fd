import type { Trajectory } from '../trajectory';
import { isRecord, optionalGroup, optionalInteger, requiredString, rewardValue, type DumpFormat, type JsonRecord } from './format';
import { readJsonLines } from './jsonl';

/**
 * verl's `trainer.rollout_data_dir` / `validation_data_dir` dumps (`{dir}/{global_step}.jsonl`), written by
 * `RayPPOTrainer._dump_generations`: `input`, `output`, `gts`, `score`, `step` and every reward-extra-info key.
 * Prompts and responses are decoded with `skip_special_tokens=True`, so only the residue of control tokens is left.
 */
export const verlFormat: DumpFormat = {
  name: 'verl',
  description: "verl rollout_data_dir / validation_data_dir JSONL: 'input', 'output', 'gts', 'score', 'step'",
  companions: [],
  matches: (path, sample) => /\.jsonl$/i.test(path) && isRecord(sample) && 'input' in sample && 'output' in sample && 'score' in sample,
  read: (path, display, sink) => readJsonLines(path, display, sink, verlTrajectory),
  lineRecord: verlTrajectory,
};

export function verlTrajectory(record: JsonRecord, source: string): Trajectory {
  return {
    source,
    prompt: requiredString(record, 'input'),
    response: requiredString(record, 'output'),
    reward: verlReward(record),
    group: optionalGroup(record, 'uid'),
    groundTruth: record.gts ?? undefined,
    step: optionalInteger(record, 'step'),
    specialTokensStripped: true,
  };
}

/**
 * The reward the sample was trained on. DAPO's reward manager adds an overlong penalty and logs it apart as
 * `overlong_reward`; when its compute_score returns a dict, that dict's own `score` (the score before the penalty)
 * overwrites the dumped `score`, so the penalty is added back here. When compute_score returns a number, verl logs
 * it as `acc` and the dumped score already holds the penalty: `score - acc` is the penalty then.
 */
function verlReward(record: JsonRecord): number | undefined {
  const score = rewardValue(record, 'score');
  const penalty = record.overlong_reward;
  if (score === undefined || typeof penalty !== 'number' || !penalty) return score;
  const { acc } = record;
  const hasPenalty = typeof acc === 'number' && Math.abs(score - acc - penalty) <= 1e-6 * Math.max(1, Math.abs(score));
  return hasPenalty ? score : score + penalty;
}
