import { FINISH_REASONS, type FinishReason, type Message, type Trajectory } from '../trajectory';
import {
  describeType,
  isRecord,
  optionalGroup,
  optionalInteger,
  optionalIntegerArray,
  optionalString,
  RecordError,
  requiredString,
  type DumpFormat,
  type JsonRecord,
} from './format';
import { readJsonLines } from './jsonl';

/** rl-review's own JSONL format (docs/rollout-format.md, docs/rollout-trajectory.schema.json). */
export const nativeFormat: DumpFormat = {
  name: 'native',
  description: "rl-review's JSONL: one trajectory a line with 'prompt' (or 'messages'), 'response' and 'reward'",
  containers: ['jsonl'],
  companions: [],
  matches: (path, sample) => /\.jsonl$/i.test(path) && isRecord(sample) && 'response' in sample && ('prompt' in sample || 'messages' in sample),
  read: (path, display, sink) => readJsonLines(path, display, sink, nativeTrajectory),
  lineRecord: nativeTrajectory,
};

export function nativeTrajectory(record: JsonRecord, source: string): Trajectory {
  const messages = messagesField(record, 'messages');
  const prompt = messages ? optionalString(record, 'prompt') : requiredString(record, 'prompt');
  const reward = record.reward;
  if (typeof reward !== 'number') {
    throw new RecordError(reward === undefined ? "missing 'reward'" : `'reward' must be a number (got ${describeType(reward)})`);
  }
  return {
    source,
    prompt,
    response: requiredString(record, 'response'),
    reward,
    group: optionalGroup(record, 'group'),
    groundTruth: record.ground_truth ?? undefined,
    finishReason: finishReasonField(record),
    promptIds: optionalIntegerArray(record, 'prompt_ids'),
    responseIds: optionalIntegerArray(record, 'response_ids'),
    lossMask: optionalIntegerArray(record, 'loss_mask'),
    messages,
    step: optionalInteger(record, 'step'),
    error: optionalString(record, 'error'),
    specialTokensStripped: false,
  };
}

function finishReasonField(record: JsonRecord): FinishReason | undefined {
  const value = optionalString(record, 'finish_reason');
  if (value !== undefined && !(FINISH_REASONS as readonly string[]).includes(value)) {
    throw new RecordError(`'finish_reason' must be one of ${FINISH_REASONS.join(', ')} (got '${value}')`);
  }
  return value as FinishReason | undefined;
}

function messagesField(record: JsonRecord, key: string): Message[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new RecordError(`'${key}' must be an array of messages (got ${describeType(value)})`);
  return value.map((message, index) => {
    if (!isRecord(message) || typeof message.role !== 'string') throw new RecordError(`'${key}[${index}].role' must be a string`);
    const content = message.content ?? '';
    if (typeof content !== 'string') throw new RecordError(`'${key}[${index}].content' must be a string (got ${describeType(content)})`);
    return { role: message.role, content };
  });
}
