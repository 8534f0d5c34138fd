import { hasControlToken } from '../chat-template';
import type { FinishReason, Trajectory } from '../trajectory';
import { chatMessages, describeType, isRecord, RecordError, type DumpFormat, type JsonRecord, type TrajectorySink } from './format';
import { readJsonDocument } from './jsonl';

/**
 * rllm episode logs, one JSON file an episode: `EpisodeLogger` writes
 * `{episode_log_dir}/episodes/{mode}_step_{N}_epoch_{E}/episode_hash{H}_id{ID}.json` and `rllm eval` writes
 * `{run_dir}/episodes/episode_{idx}_{task}.json`. Both hold `termination_reason` and `trajectories[].steps[]`
 * with `model_response`, `chat_completions` and `reward`. Each trajectory of an episode is one trajectory here.
 */
export const rllmFormat: DumpFormat = {
  name: 'rllm',
  description: "rllm episode files (episode_*.json): 'termination_reason' and 'trajectories[].steps[]'",
  containers: ['json'],
  companions: ['batch_summary.json', 'meta.json'],
  matches: (path) => /(^|[\\/])episode_[^\\/]*\.json$/i.test(path),
  read: readEpisode,
};

/** rllm's `TerminationReason` values; `max_turns_exceeded` and `timeout` stop an episode without a length limit. */
const TERMINATION_REASONS: Record<string, FinishReason> = {
  env_done: 'stop',
  max_response_length_exceeded: 'length',
  max_prompt_length_exceeded: 'length',
  max_turns_exceeded: 'abort',
  timeout: 'abort',
  error: 'error',
};

async function readEpisode(path: string, display: string, sink: TrajectorySink): Promise<void> {
  const episode = await readJsonDocument(path, display, sink, 'episode file');
  if (episode === undefined) return;
  if (!isRecord(episode) || !Array.isArray(episode.trajectories)) {
    sink.skip(display, "not an rllm episode: expected an object with a 'trajectories' array");
    return;
  }
  for (const [index, trajectory] of episode.trajectories.entries()) {
    const where = `${display} trajectories[${index}]`;
    try {
      sink.trajectory(rllmTrajectory(episode, trajectory, where));
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      sink.skip(where, error.message);
    }
  }
}

export function rllmTrajectory(episode: JsonRecord, trajectory: unknown, source: string): Trajectory {
  if (!isRecord(trajectory) || !Array.isArray(trajectory.steps)) throw new RecordError("a trajectory must be an object with a 'steps' array");
  const steps = trajectory.steps.map((step, index) => {
    if (!isRecord(step)) throw new RecordError(`'steps[${index}]' must be an object (got ${describeType(step)})`);
    return step;
  });
  const termination = typeof episode.termination_reason === 'string' ? episode.termination_reason : undefined;
  const last = steps[steps.length - 1];
  const turns = steps.map(stepText);
  const responseIds = steps.map((step) => idsOf(step, 'response_ids', 'completion_ids'));
  const finish = last && stepFinishReason(last);
  const task = episodeTask(episode);
  return {
    source,
    response: turns.join('\n'),
    turns,
    reward: trajectoryReward(trajectory, last),
    // rllm's GRPO groups: {task_id}:{trajectory.name}, so that a solver's and a judge's trajectories are apart.
    group: task === undefined ? undefined : `${task}:${typeof trajectory.name === 'string' ? trajectory.name : ''}`,
    groundTruth: groundTruthOf(episode.task),
    finishReason: finish ?? (termination === undefined ? undefined : TERMINATION_REASONS[termination]),
    promptIds: last ? idsOf(steps[0], 'prompt_ids', 'prompt_ids') : undefined,
    responseIds: responseIds.every(Boolean) && responseIds.length ? responseIds.flat() as number[] : undefined,
    messages: last ? chatMessages(last.chat_completions) : undefined,
    step: typeof episode.training_step === 'number' ? episode.training_step : undefined,
    error: termination === 'error' ? 'episode terminated with an error' : undefined,
    // Parsed message content has no control tokens; the raw text of eval files keeps those the engine did.
    specialTokensStripped: !turns.some(hasControlToken),
  };
}

/** The trajectory's reward; else the last step's, which the environment or evaluator assigns at the end (not the sum). */
function trajectoryReward(trajectory: JsonRecord, last: JsonRecord | undefined): number | undefined {
  if (typeof trajectory.reward === 'number') return trajectory.reward;
  if (trajectory.reward !== undefined && trajectory.reward !== null) {
    throw new RecordError(`'reward' must be a number (got ${describeType(trajectory.reward)})`);
  }
  return typeof last?.reward === 'number' ? last.reward : undefined;
}

/**
 * What the model wrote at a step, as raw as the file keeps it: the model output's `text` (eval files; a malformed tool
 * call is still in it), else `output` as text, else `model_response` (the parsed content, from which a malformed call
 * is gone), else the last assistant message of `chat_completions`.
 */
function stepText(step: JsonRecord): string {
  const { output } = step;
  if (isRecord(output) && typeof output.text === 'string') return output.text;
  if (typeof output === 'string') return output;
  if (isRecord(output) && typeof output.content === 'string') return output.content;
  if (typeof step.model_response === 'string' && step.model_response) return step.model_response;
  const messages = chatMessages(step.chat_completions) ?? [];
  return [...messages].reverse().find((m) => m.role === 'assistant')?.content ?? '';
}

/** Token ids on the step (training fields) or on its model output. */
function idsOf(step: JsonRecord, key: string, outputKey: string): number[] | undefined {
  const value = step[key] ?? (isRecord(step.output) ? step.output[outputKey] : undefined);
  return Array.isArray(value) && value.every(Number.isInteger) ? (value as number[]) : undefined;
}

const FINISH_REASONS: Record<string, FinishReason> = { stop: 'stop', length: 'length', tool_calls: 'tool', abort: 'abort' };

function stepFinishReason(step: JsonRecord): FinishReason | undefined {
  const reason = (isRecord(step.output) ? step.output.finish_reason : undefined) ?? (isRecord(step.metadata) ? step.metadata.finish_reason : undefined);
  return typeof reason === 'string' ? FINISH_REASONS[reason] : undefined;
}

/** The task of an episode: its id is `task_id:rollout_idx` (its `Episode.task_id`), else its task hash. */
function episodeTask(episode: JsonRecord): string | undefined {
  const id = episode.episode_id ?? episode.id;
  if (typeof id === 'string' && id.includes(':')) return id.slice(0, id.lastIndexOf(':'));
  return typeof episode.task_hash === 'string' ? episode.task_hash : undefined;
}

function groundTruthOf(task: unknown): unknown {
  if (!isRecord(task)) return undefined;
  if (task.ground_truth !== undefined) return task.ground_truth ?? undefined;
  return isRecord(task.metadata) ? (task.metadata.ground_truth ?? undefined) : undefined;
}
