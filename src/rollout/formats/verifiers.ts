import type { FinishReason, Message, Trajectory } from '../trajectory';
import { chatMessages, describeType, isRecord, messageText, optionalGroup, RecordError, type DumpFormat, type JsonRecord } from './format';
import { readJsonLines } from './jsonl';

/**
 * verifiers' evaluation outputs, one JSON record a line:
 * - `results.jsonl` (`vf-eval`, `save_outputs`): one rollout a line with `example_id` (the group), `prompt` and
 *   `completion` as chat messages (assistant tool calls as JSON strings) or text, `answer`, `reward`, `error`,
 *   `is_completed`, `is_truncated`, `stop_condition` and each metric;
 * - `traces.jsonl` (verifiers v1): one episode a line with its task, group and run, and its agents' `traces`: the
 *   message graph (`nodes` with `token_ids`, `mask` and whether the model `sampled` them), the model `calls` with their
 *   finish reasons, and named, weighted `rewards`.
 * Message content comes from the chat API, decoded with special tokens skipped; the model's turns are kept apart.
 */
export const verifiersFormat: DumpFormat = {
  name: 'verifiers',
  description: "verifiers results.jsonl ('example_id', 'completion' messages, 'reward') or traces.jsonl (episodes with 'traces')",
  containers: ['jsonl'],
  companions: [],
  matches: (_path, sample) => isRecord(sample) && (('example_id' in sample && 'completion' in sample) || ('traces' in sample && 'task' in sample)),
  read: (path, display, sink) => readJsonLines(path, display, sink, verifiersTrajectories),
  lineRecord: verifiersTrajectories,
};

export function verifiersTrajectories(record: JsonRecord, source: string): Trajectory | Trajectory[] {
  return Array.isArray(record.traces) ? episodeTrajectories(record, source) : resultTrajectory(record, source);
}

/** An assistant message as the model wrote it: its text, then its tool calls in the Hermes form the tool checks read. */
function turnText(message: JsonRecord): string {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  return [messageText(message.content), ...calls.map(hermesCall)].filter(Boolean).join('\n');
}

/**
 * A tool call (`{"name", "arguments"}`, OpenAI's `{"function": {...}}`, or either as a JSON string) as
 * `<tool_call>{"name": ..., "arguments": ...}</tool_call>`; arguments that are not JSON stay a string, which the
 * tool-call checks report as malformed.
 */
function hermesCall(call: unknown): string {
  let value = call;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return `<tool_call>${value}</tool_call>`;
    }
  }
  const fn = isRecord(value) && isRecord(value.function) ? value.function : value;
  const name = isRecord(fn) ? fn.name : undefined;
  let args = isRecord(fn) ? fn.arguments : undefined;
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      // kept as the model wrote it
    }
  }
  return `<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`;
}

function resultTrajectory(record: JsonRecord, source: string): Trajectory {
  const { prompt, completion, reward } = record;
  if (typeof reward !== 'number' && reward !== undefined && reward !== null) throw new RecordError(`'reward' must be a number (got ${describeType(reward)})`);
  let turns: string[] | undefined;
  let response: string;
  if (typeof completion === 'string') response = completion;
  else if (Array.isArray(completion)) {
    turns = completion.filter((m): m is JsonRecord => isRecord(m) && m.role === 'assistant').map(turnText);
    response = turns.join('\n');
  } else throw new RecordError(`'completion' must be messages or text (got ${describeType(completion)})`);
  const error = isRecord(record.error) ? String(record.error.message ?? record.error.error ?? 'error') : typeof record.error === 'string' ? record.error : undefined;
  const finishReason: FinishReason | undefined = error ? 'error' : record.is_truncated === true ? 'length' : record.is_completed === true ? 'stop' : undefined;
  return {
    source,
    prompt: typeof prompt === 'string' ? prompt : undefined,
    messages: Array.isArray(prompt) ? chatMessages(prompt) : undefined,
    response,
    turns,
    reward: typeof reward === 'number' ? reward : undefined,
    group: optionalGroup(record, 'example_id'),
    // save_outputs drops an empty answer: an empty ground truth cannot be seen in results.jsonl.
    groundTruth: record.answer ?? undefined,
    finishReason,
    error,
    specialTokensStripped: true,
  };
}

/** The model's finish reasons, normalized by verifiers (`stop`, `length`, `tool_calls`). */
const FINISH_REASONS: Record<string, FinishReason> = { stop: 'stop', length: 'length', tool_calls: 'tool' };

function episodeTrajectories(episode: JsonRecord, source: string): Trajectory[] {
  const task = isRecord(episode.task) ? episode.task : {};
  const group = isRecord(episode.group) && episode.group.id !== undefined ? String(episode.group.id) : typeof task.key === 'string' ? task.key : typeof task.hash === 'string' ? task.hash : undefined;
  const work = isRecord(episode.run) && isRecord(episode.run.work) ? episode.run.work : undefined;
  const data = isRecord(task.data) ? task.data : undefined;
  return (episode.traces as unknown[]).flatMap((trace, index) => {
    if (!isRecord(trace)) throw new RecordError(`'traces[${index}]' must be an object (got ${describeType(trace)})`);
    // A trace whose tokens do not train the policy (a judge, a fixed opponent) is not the policy's rollout.
    if (isRecord(trace.agent) && trace.agent.trainable === false) return [];
    return [{ ...traceTrajectory(trace, `${source} traces[${index}]`), group, step: typeof work?.step === 'number' ? work.step : undefined, groundTruth: data?.answer ?? undefined }];
  });
}

interface Node {
  index: number;
  message: JsonRecord;
  sampled: boolean;
  tokenIds?: number[];
  mask?: boolean[];
}

/** The nodes from the root to the last node: the branch that became the trace's training sample. */
function branchOf(trace: JsonRecord): Node[] {
  const nodes = Array.isArray(trace.nodes) ? trace.nodes : [];
  const branch: Node[] = [];
  const seen = new Set<number>();
  for (let at: unknown = nodes.length - 1; typeof at === 'number' && at >= 0 && at < nodes.length && !seen.has(at); ) {
    seen.add(at);
    const node = nodes[at];
    if (!isRecord(node) || !isRecord(node.message)) throw new RecordError(`'nodes[${at}]' must be an object with a 'message'`);
    const ids = Array.isArray(node.token_ids) && node.token_ids.every(Number.isInteger) ? (node.token_ids as number[]) : undefined;
    const mask = Array.isArray(node.mask) && node.mask.length === ids?.length ? node.mask.map(Boolean) : undefined;
    branch.push({ index: at, message: node.message, sampled: node.sampled === true, tokenIds: ids, mask });
    at = node.parent;
  }
  return branch.reverse();
}

function traceTrajectory(trace: JsonRecord, source: string): Omit<Trajectory, 'group' | 'step' | 'groundTruth'> {
  const branch = branchOf(trace);
  const firstSampled = branch.findIndex((node) => node.sampled);
  const context = firstSampled === -1 ? branch : branch.slice(0, firstSampled);
  const messages: Message[] = context.map((node) => ({ role: String(node.message.role ?? ''), content: messageText(node.message.content) }));
  const turns = branch.filter((node) => node.sampled).map((node) => turnText(node.message));
  const lastSampled = [...branch].reverse().find((node) => node.sampled);
  const calls = Array.isArray(trace.calls) ? trace.calls.filter(isRecord) : [];
  const lastCall = calls.find((call) => call.node === lastSampled?.index) ?? calls[calls.length - 1];
  const errors = Array.isArray(trace.errors) ? trace.errors.filter(isRecord) : [];
  const error = errors.length ? String(errors[errors.length - 1].message ?? 'error') : isRecord(lastCall?.error) ? String(lastCall.error.message ?? 'error') : undefined;
  const finishReason = error ? 'error' : typeof lastCall?.finish_reason === 'string' ? FINISH_REASONS[lastCall.finish_reason] : undefined;
  const rewards = isRecord(trace.rewards) ? Object.values(trace.rewards).filter(isRecord) : [];
  const reward = rewards.length ? rewards.reduce((sum, r) => sum + Number(r.score) * (typeof r.weight === 'number' ? r.weight : 1), 0) : undefined;
  return { source, messages, response: turns.join('\n'), turns, reward, finishReason, error, ...tokensOf(branch), specialTokensStripped: true };
}

/** The branch's tokens, split where the model's first sampled token is: before it the prompt, after it the response and its mask. */
function tokensOf(branch: Node[]): Pick<Trajectory, 'promptIds' | 'responseIds' | 'lossMask'> {
  if (!branch.length || branch.some((node) => !node.tokenIds || !node.mask)) return {};
  const ids = branch.flatMap((node) => node.tokenIds!);
  const mask = branch.flatMap((node) => node.mask!);
  const start = mask.indexOf(true);
  if (start === -1) return {};
  return { promptIds: ids.slice(0, start), responseIds: ids.slice(start), lossMask: mask.slice(start).map(Number) };
}
