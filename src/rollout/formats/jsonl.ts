import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { parsePythonJson } from '../json';
import { formatBytes, MAX_LINE_BYTES, readLines, type LineHandlers } from '../lines';
import { describeType, isRecord, RecordError, type LineRecord, type TrajectorySink } from './format';

/** Reads a JSONL dump, one record a line; a malformed line is reported with its line number and skipped. */
export async function readJsonLines(path: string, display: string, sink: TrajectorySink, lineRecord: LineRecord): Promise<void> {
  await readLines(path, jsonLineHandlers(display, sink, lineRecord));
}

/** Where a line is shown: `dump.jsonl:12`. */
export function lineSource(display: string, number: number): string {
  return `${display}:${number}`;
}

/** Turns each line into a trajectory, or a skip that names the line. */
export function jsonLineHandlers(display: string, sink: TrajectorySink, lineRecord: LineRecord): LineHandlers {
  return {
    line(text, number) {
      const where = lineSource(display, number);
      let value: unknown;
      try {
        value = parsePythonJson(text);
      } catch (error) {
        sink.skip(where, `not valid JSON: ${(error as Error).message}`);
        return;
      }
      if (!isRecord(value)) {
        sink.skip(where, `expected a JSON object, got ${describeType(value)}`);
        return;
      }
      try {
        const read = lineRecord(value, where);
        for (const trajectory of Array.isArray(read) ? read : [read]) sink.trajectory(trajectory);
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        sink.skip(where, error.message);
      }
    },
    bad(number, message) {
      sink.skip(lineSource(display, number), message);
    },
  };
}

/** How many leading lines format detection looks at for one that parses. */
const SAMPLE_LINES = 5;

/** The first JSON record among the first lines of `path`, for format detection; undefined when none parses. */
export async function firstJsonRecord(path: string): Promise<unknown> {
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  let text = '';
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      text += chunk.toString('utf8');
      const lines = text.split('\n');
      const complete = lines.slice(0, -1).filter((l) => l.trim());
      for (const line of complete.slice(0, SAMPLE_LINES)) {
        const record = tryParse(line);
        if (record !== undefined) return record;
      }
      if (complete.length >= SAMPLE_LINES || bytes > MAX_LINE_BYTES) return undefined;
    }
    return tryParse(text.split('\n').find((l) => l.trim()) ?? '');
  } finally {
    stream.destroy();
  }
}

function tryParse(line: string): unknown {
  try {
    return parsePythonJson(line);
  } catch {
    return undefined;
  }
}

/** A file holding one JSON document (an episode, a list of samples) is parsed whole: past this size it is skipped. */
const MAX_DOCUMENT_BYTES = 4 * MAX_LINE_BYTES;

/**
 * The JSON document in `path`, read whole; undefined when it is over the size limit or not JSON, which is reported as
 * a skip naming the file. `what` names the file in the size message (`episode file`).
 */
export async function readJsonDocument(path: string, display: string, sink: TrajectorySink, what: string): Promise<unknown> {
  const { size } = await stat(path);
  if (size > MAX_DOCUMENT_BYTES) {
    sink.skip(display, `${what} of ${formatBytes(size)} is larger than the ${formatBytes(MAX_DOCUMENT_BYTES)} limit`);
    return undefined;
  }
  try {
    return parsePythonJson(await readFile(path, 'utf8'));
  } catch (error) {
    sink.skip(display, `not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}
