import { basename } from 'node:path';
import type { DumpFormat, DumpFormatName } from './format';
import { firstJsonRecord } from './jsonl';
import { nativeFormat } from './native';
import { rllmFormat } from './rllm';
import { skyrlFormat } from './skyrl';
import { trlFormat } from './trl';
import { verlFormat } from './verl';

/** In detection order: the native format last, so a framework dump that also has a `response` key is its own. */
export const DUMP_FORMATS: readonly DumpFormat[] = [verlFormat, skyrlFormat, trlFormat, rllmFormat, nativeFormat];

export const INPUT_FORMATS = ['auto', ...DUMP_FORMATS.map((f) => f.name)] as const;
export type InputFormat = 'auto' | DumpFormatName;

export type Detection = { format: DumpFormat } | { companion: true } | { unknown: string };

/** Which format `path` is in: forced by `input`, or detected from its name and its first record. */
export async function detectFormat(path: string, input: InputFormat): Promise<Detection> {
  const name = basename(path);
  if (DUMP_FORMATS.some((f) => f.companions.includes(name))) return { companion: true };
  if (input !== 'auto') return { format: DUMP_FORMATS.find((f) => f.name === input)! };
  const sample = /\.jsonl$/i.test(path) ? await firstJsonRecord(path) : undefined;
  const format = DUMP_FORMATS.find((f) => f.matches(path, sample));
  if (format) return { format };
  return { unknown: `not a known rollout dump (${DUMP_FORMATS.map((f) => f.description).join('; ')})` };
}
