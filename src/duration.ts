import { z } from 'zod';

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest delay Node.js timers take (2^31 - 1 ms, 24.8 days): a longer one fires at once. */
export const MAX_DURATION_MS = 2 ** 31 - 1;
/** Said in errors; 596 h is just under MAX_DURATION_MS. */
export const MAX_DURATION_TEXT = '596h (24 days)';

/**
 * `15m`, `90s`, `1h`, `500ms` in milliseconds; a bare number is seconds. Otherwise why `text` is no usable
 * duration, to follow the name of the key or flag that holds it.
 */
export function readDuration(text: string): { ms: number } | { error: string } {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) return { error: 'must be a duration like 15m, 90s or 1h' };
  const ms = Number(match[1]) * UNITS_MS[match[2] ?? 's'];
  return ms > MAX_DURATION_MS ? { error: `must be at most ${MAX_DURATION_TEXT}` } : { ms };
}

/** A duration in the config file (`15m`, `90s`, or a number of seconds), read as milliseconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, context) => {
  const duration = readDuration(String(value));
  if ('error' in duration) context.addIssue({ code: 'custom', message: duration.error });
  return 'ms' in duration ? duration.ms : z.NEVER;
});
