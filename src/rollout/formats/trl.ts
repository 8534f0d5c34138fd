import { openParquet, readParquetRows, type ParquetFile, type ParquetRow } from '../parquet';
import type { Trajectory } from '../trajectory';
import { describeType, RecordError, type DumpFormat, type TrajectorySink } from './format';

/**
 * TRL GRPO completion logs (`log_completions=True`): `{output_dir}/completions/completions_{step:05d}.parquet`
 * with `step`, `prompt`, `completion`, one column per reward function, any `log_extra` columns and `advantage`.
 * Text is decoded with `skip_special_tokens=True`. TRL writes the whole table as one row group: the columns are
 * read page by page (`../parquet.ts`), so memory follows a page, not the file.
 */
export const trlFormat: DumpFormat = {
  name: 'trl',
  description: "TRL GRPO completions parquet: 'step', 'prompt', 'completion', reward columns, 'advantage'",
  companions: [],
  matches: (path) => /\.parquet$/i.test(path),
  read: readCompletions,
};

/** Numeric columns that are not rewards. */
const NOT_REWARDS = new Set(['step', 'advantage']);
const NUMERIC_TYPES = new Set(['DOUBLE', 'FLOAT', 'INT32', 'INT64']);

async function readCompletions(path: string, display: string, sink: TrajectorySink): Promise<void> {
  let file: ParquetFile;
  try {
    file = await openParquet(path);
  } catch (error) {
    sink.skip(display, `cannot read parquet: ${(error as Error).message}`);
    return;
  }
  let rowsRead = 0;
  try {
    const columns = file.schema.children.map((c) => c.element);
    const names = columns.map((c) => c.name);
    const missing = ['prompt', 'completion'].filter((name) => !names.includes(name));
    if (missing.length) {
      sink.skip(display, `not a TRL completions file: no ${missing.map((m) => `'${m}'`).join(', ')} column`);
      return;
    }
    // "one column per reward function": every numeric column but the step and the advantage.
    const rewardColumns = columns.filter((c) => c.type && NUMERIC_TYPES.has(c.type) && !NOT_REWARDS.has(c.name)).map((c) => c.name);
    const wanted = ['prompt', 'completion', ...rewardColumns, ...(names.includes('step') ? ['step'] : [])];
    await readParquetRows(file, wanted, (rows, firstRow) => {
      rows.forEach((row, index) => {
        const where = `${display} row ${firstRow + index + 1}`;
        try {
          sink.trajectory(trlTrajectory(row, rewardColumns, where));
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          sink.skip(where, error.message);
        }
      });
      rowsRead = firstRow + rows.length;
    });
  } catch (error) {
    // A page that cannot be decoded, or that declares more than the limits: what was read before counts.
    sink.skip(display, `cannot read parquet${rowsRead ? ` past row ${rowsRead}` : ''}: ${(error as Error).message}`);
  } finally {
    await file.handle.close();
  }
}

export function trlTrajectory(row: ParquetRow, rewardColumns: string[], source: string): Trajectory {
  const text = (key: string) => {
    const value = row[key];
    if (typeof value !== 'string') throw new RecordError(`'${key}' must be a string (got ${describeType(value)})`);
    return value;
  };
  return {
    source,
    prompt: text('prompt'),
    response: text('completion'),
    reward: rewardSum(rewardColumns.map((c) => row[c])),
    step: row.step === undefined || row.step === null ? undefined : Number(row.step),
    specialTokensStripped: true,
  };
}

/**
 * TRL sums the reward functions, ignoring NaN (a function's "not applicable"); the file does not record
 * `reward_weights`, so the weights are taken as their default, 1. A row that no function scored is unscorable
 * (TRL zeroes its advantage): no reward here either.
 */
function rewardSum(values: unknown[]): number | undefined {
  const scored = values
    .filter((v): v is number | bigint => (typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'bigint')
    .map(Number);
  return scored.length ? scored.reduce((sum, v) => sum + v, 0) : undefined;
}
