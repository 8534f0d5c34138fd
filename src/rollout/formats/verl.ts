import type { Trajectory } from '../trajectory';
import { isRecord, optionalInteger, requiredString, rewardValue, type DumpFormat, type JsonRecord } from './format';
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
    reward: rewardValue(record, 'score'),
    groundTruth: record.gts ?? undefined,
    step: optionalInteger(record, 'step'),
    specialTokensStripped: true,
  };
}
