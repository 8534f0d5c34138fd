import type { Message, Trajectory } from '../trajectory';

/**
 * The formats' names, in detection order (see DUMP_FORMATS), apart from their readers: the config's schema needs
 * them, and loading it must not load the readers (parquet among them).
 */
export const DUMP_FORMAT_NAMES = ['verl', 'skyrl', 'verifiers', 'areal', 'verl-generation', 'trl', 'rllm', 'native'] as const;
export type DumpFormatName = (typeof DUMP_FORMAT_NAMES)[number];

export const INPUT_FORMATS = ['auto', ...DUMP_FORMAT_NAMES] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** How a dump file is laid out: JSON lines, one JSON document, or parquet. */
export type Container = 'jsonl' | 'json' | 'parquet';

/** Where a format's reader sends what it reads. */
export interface TrajectorySink {
  trajectory(trajectory: Trajectory): void;
  /** A record (line, row, file) that was skipped; `where` is `file:line`, `file row N` or the file. */
  skip(where: string, message: string): void;
}

export interface DumpFormat {
  name: DumpFormatName;
  /** How the format is recognized, for `--input-format` help and notices. */
  description: string;
  /** The layouts its files have: a forced format is not applied to a file of another (a parquet file read as JSONL). */
  containers: readonly Container[];
  /** File names the framework writes beside its dumps (aggregate metrics, summaries): skipped without a notice. */
  companions: readonly string[];
  /**
   * Whether `path` (by its name) may hold this format; `sample` is its first record when it is JSON lines, its columns
   * and their types when it is parquet.
   */
  matches(path: string, sample: unknown): boolean;
  /** Streams every trajectory of `path`; `display` is the path shown to the user. */
  read(path: string, display: string, sink: TrajectorySink): Promise<void>;
  /** JSONL formats: the trajectories in one line's record. Worker threads read such dumps block by block. */
  lineRecord?: LineRecord;
}

export type LineRecord = (record: JsonRecord, source: string) => Trajectory | Trajectory[];

/** A record whose field has the wrong type: the message names the key. */
export class RecordError extends Error {}

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function wrongType(key: string, expected: string, value: unknown): RecordError {
  return new RecordError(`'${key}' must be ${expected} (got ${describeType(value)})`);
}

export function requiredString(record: JsonRecord, key: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw value === undefined ? new RecordError(`missing '${key}'`) : wrongType(key, 'a string', value);
  return value;
}

export function optionalString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(key, 'a string', value);
  return value;
}

/** A number; `null` (Python's None) reads as no reward. */
export function optionalNumber(record: JsonRecord, key: string): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw wrongType(key, 'a number', value);
  return value;
}

export function optionalInteger(record: JsonRecord, key: string): number | undefined {
  const value = optionalNumber(record, key);
  if (value !== undefined && !Number.isInteger(value)) throw new RecordError(`'${key}' must be an integer (got ${value})`);
  return value;
}

export function optionalIntegerArray(record: JsonRecord, key: string): number[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(key, 'an array of integers', value);
  const index = value.findIndex((v) => !Number.isInteger(v));
  if (index !== -1) throw new RecordError(`'${key}[${index}]' must be an integer (got ${describeType(value[index])})`);
  return value as number[];
}

/** A group id: a string, or a number (a prompt index) read as its decimal string. */
export function optionalGroup(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw wrongType(key, 'a string or a number', value);
  return value;
}

/** A reward that may be one number or per-token rewards (SkyRL's `List[List[float]]` rewards): the sum. */
export function rewardValue(record: JsonRecord, key: string): number | undefined {
  const value = record[key];
  if (Array.isArray(value)) {
    const index = value.findIndex((v) => typeof v !== 'number');
    if (index !== -1) throw new RecordError(`'${key}[${index}]' must be a number (got ${describeType(value[index])})`);
    return (value as number[]).reduce((sum, v) => sum + v, 0);
  }
  return optionalNumber(record, key);
}

/** OpenAI-style chat messages, leniently: a message whose content is not text keeps its text parts. */
export function chatMessages(value: unknown): Message[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((m) => ({ role: String(m.role ?? ''), content: messageText(m.content) }));
}

/** Message content: a string, or OpenAI content parts whose text parts are joined. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
  return '';
}
