import { readParquetRows } from '../parquet';
import type { Trajectory } from '../trajectory';
import { chatMessages, describeType, isRecord, RecordError, type DumpFormat, type TrajectorySink } from './format';
import { readParquetDump } from './parquet-dump';

/**
 * verl's offline generation (`verl.trainer.main_generation`, and `main_generation_server`): the input dataset's parquet
 * (`data_source`, `prompt` as chat messages, `reward_model.ground_truth`, ...) written back to `data.output_path` with a
 * `responses` column, the `n_samples` responses of each prompt decoded with `skip_special_tokens=True`. Rewards are
 * computed later (`main_eval`): the file has none. Each response is a trajectory, and a row's responses a group.
 */
export const verlGenerationFormat: DumpFormat = {
  name: 'verl-generation',
  description: "verl main_generation parquet: 'prompt' messages and a 'responses' list per row",
  containers: ['parquet'],
  companions: [],
  matches: (_path, sample) => isRecord(sample) && 'prompt' in sample && 'responses' in sample,
  read: readGenerations,
};

function readGenerations(path: string, display: string, sink: TrajectorySink): Promise<void> {
  return readParquetDump(path, display, sink, async (file, rowsRead) => {
    const names = new Set(file.schema.children.map((c) => c.element.name));
    const wanted = ['prompt', 'responses', ...['reward_model', 'data_source'].filter((name) => names.has(name))];
    await readParquetRows(file, wanted, (rows, firstRow) => {
      rows.forEach((row, index) => {
        const where = `${display} row ${firstRow + index + 1}`;
        try {
          for (const trajectory of generationTrajectories(row, where)) sink.trajectory(trajectory);
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          sink.skip(where, error.message);
        }
      });
      rowsRead(firstRow + rows.length);
    });
  });
}

export function generationTrajectories(row: Record<string, unknown>, where: string): Trajectory[] {
  const { responses, reward_model: rewardModel } = row;
  if (!Array.isArray(responses)) throw new RecordError(`'responses' must be a list of strings (got ${describeType(responses)})`);
  const messages = typeof row.prompt === 'string' ? [{ role: 'user', content: row.prompt }] : chatMessages(row.prompt);
  const groundTruth = isRecord(rewardModel) ? (rewardModel.ground_truth ?? undefined) : undefined;
  return responses.map((response, k) => {
    if (typeof response !== 'string') throw new RecordError(`'responses[${k}]' must be a string (got ${describeType(response)})`);
    return { source: `${where} responses[${k}]`, response, group: where, groundTruth, messages, specialTokensStripped: true };
  });
}
