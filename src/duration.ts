import { z } from 'zod';

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `15m`, `90s`, `1h`, `500ms` in milliseconds; a bare number is seconds. Undefined when `text` is no duration. */
export function durationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) return undefined;
  return Number(match[1]) * UNITS_MS[match[2] ?? 's'];
}

/** A duration in the config file (`15m`, `90s`, or a number of seconds), read as milliseconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, context) => {
  const ms = durationMs(String(value));
  if (ms === undefined) context.addIssue({ code: 'custom', message: 'must be a duration like 15m, 90s or 1h' });
  return ms ?? z.NEVER;
});
