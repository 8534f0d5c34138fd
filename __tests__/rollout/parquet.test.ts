import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteFile } from 'hyparquet-writer';
import { openParquet, readParquetRows, type ParquetRow } from '../../src/rollout/parquet';
import { tempDir } from './helpers';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(path: string, columns?: string[]) {
  const file = await openParquet(path);
  try {
    const rows: ParquetRow[] = [];
    const batches: number[] = [];
    await readParquetRows(file, columns ?? file.schema.children.map((c) => c.element.name), (batch, firstRow) => {
      expect(firstRow).toBe(rows.length);
      batches.push(batch.length);
      rows.push(...batch);
    });
    return { rows, batches };
  } finally {
    await file.handle.close();
  }
}

describe('readParquetRows', () => {
  it("streams one row group page by page: TRL writes a whole step's completions as one row group", async () => {
    const path = join(dir, 'completions_00001.parquet');
    const rows = 3000;
    parquetWriteFile({
      filename: path,
      rowGroupSize: rows,
      pageSize: 16 * 1024,
      columnData: [
        { name: 'prompt', data: Array.from({ length: rows }, (_, i) => `user\nQuestion ${Math.floor(i / 8)}\nassistant\n`), type: 'STRING' },
        { name: 'completion', data: Array.from({ length: rows }, (_, i) => `answer ${i} `.repeat(1 + (i % 40))), type: 'STRING' },
        { name: 'reward', data: Array.from({ length: rows }, (_, i) => i % 2), type: 'DOUBLE' },
      ],
    });
    const { rows: read, batches } = await readAll(path);
    expect(read).toHaveLength(rows);
    expect(read[2999]).toEqual({ prompt: 'user\nQuestion 374\nassistant\n', completion: 'answer 2999 '.repeat(40), reward: 1 });
    // A batch is what every column has decoded: about a page of the widest column, never the row group.
    expect(batches.length).toBeGreaterThan(30);
    expect(Math.max(...batches)).toBeLessThan(rows / 10);
  });

  it("reads what hyparquet's whole-file reader reads from a file pandas wrote: nested lists and structs, pages continued", async () => {
    const path = join(dir, 'verl_generation.parquet');
    writeFileSync(path, readFileSync(join('__tests__', 'rollout', 'fixtures', 'verl_generation.parquet')));
    const buffer = readFileSync(path);
    const whole = await parquetReadObjects({ file: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength), compressors });
    expect((await readAll(path)).rows).toEqual(whole);
    expect((await readAll(path, ['responses'])).rows[0]).toEqual({ responses: ['6*7 = 42. #### 42', '#### 42\nuser\nThanks!'] });
  });
});
