import type { Trajectory } from '../trajectory';
import { describeType, isRecord, optionalGroup, optionalInteger, RecordError, requiredString, rewardValue, type DumpFormat, type JsonRecord, type TrajectorySink } from './format';
import { readJsonDocument, readJsonLines } from './jsonl';

/**
 * verl's `trainer.rollout_data_dir` / `validation_data_dir` dumps (`{dir}/{global_step}.jsonl`), written by
 * `RayPPOTrainer._dump_generations`: `input`, `output`, `gts`, `score`, `step` and every reward-extra-info key; and the
 * validation generations its MLflow logger writes as an artifact (`val_step{N}.json`, `log_generations_to_mlflow`): a
 * JSON list of `{input, output, score}`. Prompts and responses are decoded with `skip_special_tokens=True`, so only the
 * residue of control tokens is left.
 */
export const verlFormat: DumpFormat = {
  name: 'verl',
  description: "verl rollout_data_dir / validation_data_dir JSONL: 'input', 'output', 'gts', 'score', 'step'",
  containers: ['jsonl', 'json'],
  companions: [],
  matches: (path, sample) => VALIDATION_JSON.test(path) || (isRecord(sample) && 'input' in sample && 'output' in sample && 'score' in sample),
  read: (path, display, sink) => (/\.json$/i.test(path) ? readValidationJson(path, display, sink) : readJsonLines(path, display, sink, verlTrajectory)),
  lineRecord: verlTrajectory,
};

const VALIDATION_JSON = /(?:^|[\\/])val_step(\d+)\.json$/i;

async function readValidationJson(path: string, display: string, sink: TrajectorySink): Promise<void> {
  const samples = await readJsonDocument(path, display, sink, 'validation file');
  if (samples === undefined) return;
  if (!Array.isArray(samples)) {
    sink.skip(display, `not verl validation generations: expected a list of {input, output, score} (got ${describeType(samples)})`);
    return;
  }
  const step = Number(VALIDATION_JSON.exec(path)?.[1]);
  samples.forEach((sample, index) => {
    const where = `${display}[${index}]`;
    try {
      if (!isRecord(sample)) throw new RecordError(`expected an object (got ${describeType(sample)})`);
      sink.trajectory({ ...verlTrajectory(sample, where), step });
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      sink.skip(where, error.message);
    }
  });
}

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
