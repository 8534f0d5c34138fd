import { readFile, stat } from 'node:fs/promises';
import { parsePythonJson } from '../json';
import { formatBytes, MAX_LINE_BYTES } from '../lines';
import type { FinishReason, Message, Trajectory } from '../trajectory';
import { describeType, isRecord, RecordError, type DumpFormat, type JsonRecord } from './format';

/** An episode file is parsed whole: past this size it is reported and skipped. */
const MAX_EPISODE_BYTES = 4 * MAX_LINE_BYTES;

/**
 * rllm episode logs, one JSON file an episode: `EpisodeLogger` writes
 * `{episode_log_dir}/episodes/{mode}_step_{N}_epoch_{E}/episode_hash{H}_id{ID}.json` and `rllm eval` writes
 * `{run_dir}/episodes/episode_{idx}_{task}.json`. Both hold `termination_reason` and `trajectories[].steps[]`
 * with `model_response`, `chat_completions` and `reward`. Each trajectory of an episode is one trajectory here.
 */
export const rllmFormat: DumpFormat = {
  name: 'rllm',
  description: "rllm episode files (episode_*.json): 'termination_reason' and 'trajectories[].steps[]'",
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

async function readEpisode(path: string, display: string, sink: Parameters<DumpFormat['read']>[2]): Promise<void> {
  const { size } = await stat(path);
  if (size > MAX_EPISODE_BYTES) {
    sink.skip(display, `episode file of ${formatBytes(size)} is larger than the ${formatBytes(MAX_EPISODE_BYTES)} limit`);
    return;
  }
  let episode: unknown;
  try {
    episode = parsePythonJson(await readFile(path, 'utf8'));
  } catch (error) {
    sink.skip(display, `not valid JSON: ${(error as Error).message}`);
    return;
  }
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
  const lastMessages = steps.length ? chatMessages(steps[steps.length - 1].chat_completions) : undefined;
  return {
    source,
    response: steps.map(stepResponse).join('\n'),
    reward: trajectoryReward(trajectory, steps),
    group: episodeGroup(episode),
    groundTruth: groundTruthOf(episode.task),
    finishReason: termination === undefined ? undefined : TERMINATION_REASONS[termination],
    messages: lastMessages,
    step: typeof episode.training_step === 'number' ? episode.training_step : undefined,
    error: termination === 'error' ? 'episode terminated with an error' : undefined,
    // rllm keeps the parsed message content of an OpenAI-style completion: no control tokens.
    specialTokensStripped: true,
  };
}

function trajectoryReward(trajectory: JsonRecord, steps: JsonRecord[]): number | undefined {
  if (typeof trajectory.reward === 'number') return trajectory.reward;
  if (trajectory.reward !== undefined && trajectory.reward !== null) {
    throw new RecordError(`'reward' must be a number (got ${describeType(trajectory.reward)})`);
  }
  const stepRewards = steps.map((s) => s.reward).filter((r): r is number => typeof r === 'number');
  return stepRewards.length ? stepRewards.reduce((sum, r) => sum + r, 0) : undefined;
}

/** What the model wrote at a step: `model_response`, else the last assistant message of `chat_completions`. */
function stepResponse(step: JsonRecord): string {
  if (typeof step.model_response === 'string' && step.model_response) return step.model_response;
  const messages = chatMessages(step.chat_completions) ?? [];
  return [...messages].reverse().find((m) => m.role === 'assistant')?.content ?? '';
}

function chatMessages(value: unknown): Message[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((m) => ({ role: String(m.role ?? ''), content: messageText(m.content) }));
}

/** Message content: a string, or OpenAI content parts whose text parts are joined. */
function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
  return '';
}

/** rllm episode ids are `task_id:rollout_idx` (its `Episode.task_id`): the rollouts of one task form a GRPO group. */
function episodeGroup(episode: JsonRecord): string | undefined {
  const id = episode.episode_id ?? episode.id;
  if (typeof id === 'string' && id.includes(':')) return id.split(':')[0];
  return typeof episode.task_hash === 'string' ? episode.task_hash : undefined;
}

function groundTruthOf(task: unknown): unknown {
  if (!isRecord(task)) return undefined;
  if (task.ground_truth !== undefined) return task.ground_truth ?? undefined;
  return isRecord(task.metadata) ? (task.metadata.ground_truth ?? undefined) : undefined;
}
