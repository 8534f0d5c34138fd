import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { columnTypes, openParquet } from '../parquet';
import { areal } from './areal';
import type { Container, DumpFormat, InputFormat } from './format';
import { firstJsonRecord } from './jsonl';
import { nativeFormat } from './native';
import { rllmFormat } from './rllm';
import { skyrlFormat } from './skyrl';
import { trlFormat } from './trl';
import { verlFormat } from './verl';
import { verlGenerationFormat } from './verl-generation';
import { verifiersFormat } from './verifiers';

/** In detection order: the native format last, so a framework dump that also has a `response` key is its own. */
export const DUMP_FORMATS: readonly DumpFormat[] = [verlFormat, skyrlFormat, verifiersFormat, areal, verlGenerationFormat, trlFormat, rllmFormat, nativeFormat];


export type Detection = { format: DumpFormat } | { companion: true } | { unknown: string };

/** Which format `path` is in: forced by `input`, or detected from its layout, its name and its first record. */
export async function detectFormat(path: string, input: InputFormat): Promise<Detection> {
  const name = basename(path);
  if (DUMP_FORMATS.some((f) => f.companions.includes(name))) return { companion: true };
  const container = await containerOf(path);
  if (input !== 'auto') {
    const format = DUMP_FORMATS.find((f) => f.name === input)!;
    if (format.containers.includes(container)) return { format };
    return { unknown: `a ${container === 'parquet' ? 'parquet' : container.toUpperCase()} file cannot be read as ${input} (${format.containers.join(' or ')}); without --input-format each file's format is detected` };
  }
  const sample = container === 'jsonl' ? await firstJsonRecord(path) : container === 'parquet' ? await parquetColumns(path) : undefined;
  const format = DUMP_FORMATS.find((f) => f.containers.includes(container) && f.matches(path, sample));
  if (format) return { format };
  return { unknown: `not a known rollout dump (${DUMP_FORMATS.map((f) => f.description).join('; ')})` };
}

/** Parquet by its magic bytes (whatever its name), else JSON or JSON lines by its extension. */
async function containerOf(path: string): Promise<Container> {
  const file = await open(path);
  try {
    const head = Buffer.alloc(4);
    await file.read(head, 0, 4, 0);
    if (head.toString('latin1') === 'PAR1') return 'parquet';
  } finally {
    await file.close();
  }
  return /\.json$/i.test(path) ? 'json' : 'jsonl';
}

async function parquetColumns(path: string): Promise<Record<string, string> | undefined> {
  try {
    const file = await openParquet(path);
    await file.handle.close();
    return columnTypes(file);
  } catch {
    return undefined;
  }
}
