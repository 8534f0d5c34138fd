import type { FinishReason, Trajectory } from '../trajectory';
import { isRecord, requiredString, rewardValue, type DumpFormat, type JsonRecord } from './format';
import { readJsonLines } from './jsonl';

/**
 * SkyRL eval dumps, `{export_path}/dumped_evals/global_step_{N}_evals/{data_source}.jsonl`, written by
 * `dump_per_dataset_eval_results`: `input_prompt` and `output_response` decoded with special tokens kept,
 * `score` (a number, or per-token rewards), `stop_reason`, `env_class`, `env_extras`, `data_source`.
 */
export const skyrlFormat: DumpFormat = {
  name: 'skyrl',
  description: "SkyRL dumped_evals JSONL: 'input_prompt', 'output_response', 'score', 'stop_reason'",
  companions: ['aggregated_results.jsonl'],
  matches: (path, sample) => /\.jsonl$/i.test(path) && isRecord(sample) && 'input_prompt' in sample && 'output_response' in sample,
  read: (path, display, sink) => readJsonLines(path, display, sink, skyrlTrajectory),
  lineRecord: skyrlTrajectory,
};

/** vLLM / SkyRL stop reasons; anything else (a stop string, a custom reason) says nothing about truncation. */
const STOP_REASONS: Record<string, FinishReason> = { stop: 'stop', length: 'length', abort: 'abort', error: 'error', tool_calls: 'tool' };

export function skyrlTrajectory(record: JsonRecord, source: string): Trajectory {
  // vLLM may report a stop token id instead of a reason: that says nothing about truncation either.
  const stopReason = typeof record.stop_reason === 'string' ? record.stop_reason : undefined;
  const extras = record.env_extras;
  const rewardSpec = isRecord(extras) ? extras.reward_spec : undefined;
  return {
    source,
    prompt: requiredString(record, 'input_prompt'),
    response: requiredString(record, 'output_response'),
    reward: rewardValue(record, 'score'),
    groundTruth: isRecord(rewardSpec) ? (rewardSpec.ground_truth ?? undefined) : undefined,
    finishReason: stopReason === undefined ? undefined : STOP_REASONS[stopReason],
    specialTokensStripped: false,
  };
}
