import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readParquetRows, type ParquetFile, type ParquetRow } from '../parquet';
import type { Trajectory } from '../trajectory';
import { describeType, isRecord, RecordError, type DumpFormat, type TrajectorySink } from './format';
import { readParquetDump } from './parquet-dump';

/**
 * TRL GRPO completion logs (`log_completions=True`): `{output_dir}/completions/completions_{step:05d}.parquet`
 * with `step`, `prompt`, `completion`, one column per reward function, any `log_extra` columns and `advantage`.
 * Text is decoded with `skip_special_tokens=True`. TRL writes the whole table as one row group: the columns are
 * read page by page (`../parquet.ts`), so memory follows a page, not the file.
 */
export const trlFormat: DumpFormat = {
  name: 'trl',
  description: "TRL GRPO completions parquet: 'step', 'prompt', 'completion', reward columns, 'advantage'",
  containers: ['parquet'],
  companions: [],
  // An unreadable parquet file is taken for TRL's, whose reader says why it cannot be read.
  matches: (_path, sample) => !isRecord(sample) || ('prompt' in sample && 'completion' in sample),
  read: readCompletions,
};

function readCompletions(path: string, display: string, sink: TrajectorySink): Promise<void> {
  return readParquetDump(path, display, sink, async (file, rowsRead) => {
    const names = file.schema.children.map((c) => c.element.name);
    const missing = ['prompt', 'completion'].filter((name) => !names.includes(name));
    if (missing.length) {
      sink.skip(display, `not a TRL completions file: no ${missing.map((m) => `'${m}'`).join(', ')} column`);
      return;
    }
    const rewardColumns = await rewardColumnsOf(file, path);
    const groundTruth = GROUND_TRUTH_COLUMNS.find((name) => names.includes(name));
    const wanted = ['prompt', 'completion', ...rewardColumns, ...['step', groundTruth].filter((name): name is string => !!name && names.includes(name))];
    await readParquetRows(file, wanted, (rows, firstRow) => {
      rows.forEach((row, index) => {
        const where = `${display} row ${firstRow + index + 1}`;
        try {
          sink.trajectory({ ...trlTrajectory(row, rewardColumns, where), groundTruth: groundTruth === undefined ? undefined : (row[groundTruth] ?? undefined) });
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          sink.skip(where, error.message);
        }
      });
      rowsRead(firstRow + rows.length);
    });
  });
}

/**
 * `log_extra` columns that hold the ground truth: TRL's own reward functions log it as `solution` (accuracy_reward),
 * its documentation's example as `golden_answer`.
 */
const GROUND_TRUTH_COLUMNS = ['solution', 'golden_answer', 'ground_truth', 'answer'];

/**
 * The reward functions' columns. TRL writes `step`, `prompt`, `completion`, then one float column per reward function,
 * then the `log_extra` columns (sorted by name, of any type), then `advantage`: the rewards are among the float
 * columns right after `completion`. Which of those are rewards and which are float extras is read from the
 * `rewards/<name>/mean` metrics TRL logs (trainer_state.json beside the completions folder), else from the advantages
 * (rewardColumnsByAdvantage).
 */
async function rewardColumnsOf(file: ParquetFile, path: string): Promise<string[]> {
  const columns = file.schema.children;
  const after = columns.slice(columns.findIndex((c) => c.element.name === 'completion') + 1);
  const end = after.findIndex((c) => c.element.type !== 'DOUBLE' || c.element.name === 'advantage' || c.children.length > 0);
  const candidates = (end === -1 ? after : after.slice(0, end)).map((c) => c.element.name);
  if (candidates.length < 2) return candidates;
  const logged = await loggedRewardNames(path);
  const named = candidates.filter((name) => logged?.has(name));
  if (named.length) return named;
  return columns.some((c) => c.element.name === 'advantage') ? rewardColumnsByAdvantage(file, candidates) : candidates;
}

/** trainer_state.json can hold a long log history; past this it is not read. */
const MAX_TRAINER_STATE_BYTES = 64 * 1024 * 1024;

/**
 * The names in the `rewards/<name>/mean` metrics of the trainer state in the output directory (the completions
 * folder's parent): `trainer_state.json` there (`Trainer.save_state`), else in its newest `checkpoint-N/`.
 */
async function loggedRewardNames(path: string): Promise<Set<string> | undefined> {
  const outputDir = dirname(dirname(path));
  const checkpoints = (await readdir(outputDir).catch(() => [] as string[]))
    .map((name) => /^checkpoint-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .map((m) => join(outputDir, m[0], 'trainer_state.json'));
  for (const state of [join(outputDir, 'trainer_state.json'), ...checkpoints]) {
    try {
      if ((await stat(state)).size > MAX_TRAINER_STATE_BYTES) continue;
      const history = (JSON.parse(await readFile(state, 'utf8')) as { log_history?: unknown }).log_history;
      if (!Array.isArray(history)) continue;
      const keys = history.flatMap((entry) => (isRecord(entry) ? Object.keys(entry) : []));
      const names = new Set(keys.flatMap((key) => /^(?:eval_)?rewards\/(.+)\/mean$/.exec(key)?.[1] ?? []));
      if (names.size) return names;
    } catch {
      // Missing or unreadable: the next one, else the advantages.
    }
  }
  return undefined;
}

/**
 * TRL's advantage is the summed reward minus its group's mean, scaled by a positive number (the group's or the
 * batch's standard deviation): within a group, the advantages rank the samples as their rewards do. The rewards are
 * the first k float columns for the largest k whose sums rank every group's samples as the advantages do. A group is
 * the `num_generations` rows of one prompt, which TRL writes one after the other. With no such k (rewards normalized
 * one by one: `multi_objective_aggregation="normalize_then_sum"`), every float column is taken.
 */
async function rewardColumnsByAdvantage(file: ParquetFile, candidates: string[]): Promise<string[]> {
  const consistent = candidates.map(() => true);
  let informative = false;
  let group: { prompt: unknown; rows: number[][] } = { prompt: undefined, rows: [] };
  const judge = () => {
    // A row no reward function scored has its advantage zeroed: it ranks nothing.
    const rows = group.rows.filter((row) => row.slice(0, -1).some((v) => !Number.isNaN(v)));
    const advantages = rows.map((row) => row[candidates.length]);
    if (new Set(advantages).size > 1) informative = true;
    candidates.forEach((_, k) => {
      if (!consistent[k]) return;
      // nansum, as TRL sums the reward functions.
      const sums = rows.map((row) => row.slice(0, k + 1).reduce((sum, v) => (Number.isNaN(v) ? sum : sum + v), 0));
      consistent[k] = sums.every((s, i) => sums.every((t, j) => rankAgrees(s - t, advantages[i] - advantages[j])));
    });
  };
  const columns = [...candidates, 'advantage'];
  await readParquetRows(file, ['prompt', ...columns], (rows) => {
    for (const row of rows) {
      if (row.prompt !== group.prompt) {
        judge();
        group = { prompt: row.prompt, rows: [] };
      }
      group.rows.push(columns.map((name) => (typeof row[name] === 'number' ? row[name] : Number.NaN)));
    }
  });
  judge();
  const k = consistent.lastIndexOf(true);
  return informative && k !== -1 ? candidates.slice(0, k + 1) : candidates;
}

/** Whether a difference of rewards and the difference of their advantages have the same sign, or are both about 0. */
function rankAgrees(reward: number, advantage: number): boolean {
  const rewardSign = Math.abs(reward) <= 1e-6 ? 0 : Math.sign(reward);
  const advantageSign = Math.abs(advantage) <= 1e-6 ? 0 : Math.sign(advantage);
  return rewardSign === advantageSign;
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
