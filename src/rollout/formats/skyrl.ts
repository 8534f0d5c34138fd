import type { FinishReason, Trajectory } from '../trajectory';
import { isRecord, requiredString, rewardValue, type DumpFormat, type JsonRecord, type TrajectorySink } from './format';
import { readJsonLines } from './jsonl';

/**
 * SkyRL eval dumps, `{export_path}/dumped_evals/global_step_{N}_evals/{data_source}.jsonl` (`eval_only/` outside
 * training), written by `dump_per_dataset_eval_results`: `input_prompt` and `output_response` decoded with special
 * tokens kept, `score` (a number, or per-token rewards), `stop_reason`, `env_class`, `env_extras`, `data_source`. The
 * step is only in the directory's name. Step-wise training (`generator.step_wise_trajectories`) dumps one line per
 * turn, each turn's prompt the whole conversation so far: the lines of one trajectory are joined back into it.
 */
export const skyrlFormat: DumpFormat = {
  name: 'skyrl',
  description: "SkyRL dumped_evals JSONL: 'input_prompt', 'output_response', 'score', 'stop_reason'",
  containers: ['jsonl'],
  companions: ['aggregated_results.jsonl'],
  matches: (path, sample) => /\.jsonl$/i.test(path) && isRecord(sample) && 'input_prompt' in sample && 'output_response' in sample,
  read: readEvals,
};

/** vLLM / SkyRL stop reasons; anything else (a stop string, a custom reason) says nothing about truncation. */
const STOP_REASONS: Record<string, FinishReason> = { stop: 'stop', length: 'length', abort: 'abort', error: 'error', tool_calls: 'tool' };

async function readEvals(path: string, display: string, sink: TrajectorySink): Promise<void> {
  const step = /global_step_(\d+)_evals/.exec(path.replaceAll('\\', '/'))?.[1];
  // The trajectory read so far: a step-wise turn that follows it continues it.
  let pending: { trajectory: Trajectory; firstLine: string } | undefined;
  const flush = () => pending && sink.trajectory(pending.trajectory);
  await readJsonLines(
    path,
    display,
    {
      trajectory(turn) {
        const last = pending?.trajectory;
        const context = last && last.prompt! + last.response;
        if (last && context && turn.prompt!.length > last.prompt!.length && turn.prompt!.startsWith(context)) {
          // The turn's response holds the model's output and the environment's observation, as its prompt holds the ones before.
          pending!.trajectory = { ...turn, source: `${pending!.firstLine}-${turn.source.slice(display.length + 1)}`, prompt: last.prompt, response: turn.prompt!.slice(last.prompt!.length) + turn.response };
          return;
        }
        flush();
        pending = { trajectory: turn, firstLine: turn.source };
      },
      skip: (where, message) => sink.skip(where, message),
    },
    (record, source) => skyrlTrajectory(record, source, step === undefined ? undefined : Number(step)),
  );
  flush();
}

export function skyrlTrajectory(record: JsonRecord, source: string, step?: number): Trajectory {
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
    step,
    specialTokensStripped: false,
  };
}
