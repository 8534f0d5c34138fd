import { hasControlToken } from '../chat-template';
import type { Trajectory } from '../trajectory';
import { isRecord, optionalGroup, optionalInteger, optionalNumber, requiredString, type DumpFormat, type JsonRecord } from './format';
import { readJsonLines } from './jsonl';

/**
 * AReaL's rollout dumps: one JSONL file per task (the samples of one prompt, a GRPO group), under a directory per
 * weight version, one sample a line with `prompt`, `completion` (not `response`) and `reward`. Built from the issue's
 * description and AReaL's public documentation, not from its code (AReaL is held out of rl-review's development): a
 * task id or version in the record (`task_id`, `qid`, `query_id`; `version`, `step`) is read when present.
 */
export const areal: DumpFormat = {
  name: 'areal',
  description: "AReaL per-task JSONL: 'prompt', 'completion' and 'reward', one file per task",
  containers: ['jsonl'],
  companions: [],
  matches: (_path, sample) => isRecord(sample) && 'prompt' in sample && 'completion' in sample && 'reward' in sample && !('response' in sample) && !('example_id' in sample),
  read: (path, display, sink) => readJsonLines(path, display, sink, arealTrajectory),
  lineRecord: arealTrajectory,
};

export function arealTrajectory(record: JsonRecord, source: string): Trajectory {
  const file = source.slice(0, source.lastIndexOf(':'));
  const prompt = requiredString(record, 'prompt');
  const group = optionalGroup(record, 'task_id') ?? optionalGroup(record, 'qid') ?? optionalGroup(record, 'query_id') ?? file;
  const version = optionalInteger(record, 'version') ?? optionalInteger(record, 'step') ?? Number(/(?:^|\/)(\d+)\/[^/]+$/.exec(file)?.[1] ?? Number.NaN);
  return {
    source,
    prompt,
    response: requiredString(record, 'completion'),
    reward: optionalNumber(record, 'reward'),
    group,
    step: Number.isNaN(version) ? undefined : version,
    groundTruth: record.ground_truth ?? record.answer ?? undefined,
    // Decoded text keeps its control tokens unless they were skipped; a templated prompt without any was stripped.
    specialTokensStripped: !hasControlToken(prompt),
  };
}
