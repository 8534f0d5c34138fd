import { openParquet, type ParquetFile } from '../parquet';
import type { TrajectorySink } from './format';

/**
 * Opens a parquet dump for `read`, and makes a file that cannot be opened, or whose pages cannot be decoded or declare
 * more than the limits, a skip that names it: what was read before counts. `read` reports how many rows it has read.
 */
export async function readParquetDump(
  path: string,
  display: string,
  sink: TrajectorySink,
  read: (file: ParquetFile, rowsRead: (rows: number) => void) => Promise<void>,
): Promise<void> {
  let file: ParquetFile;
  try {
    file = await openParquet(path);
  } catch (error) {
    sink.skip(display, `cannot read parquet: ${(error as Error).message}`);
    return;
  }
  let rows = 0;
  try {
    await read(file, (n) => (rows = n));
  } catch (error) {
    sink.skip(display, `cannot read parquet${rows ? ` past row ${rows}` : ''}: ${(error as Error).message}`);
  } finally {
    await file.handle.close();
  }
}
