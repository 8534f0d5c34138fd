import { createHash } from 'node:crypto';

/** One of `count` shares of a repository's files, `index` from 1: `--shard 2/4`. */
export interface Shard {
  index: number;
  count: number;
}

/** `i/n`, with 1 <= i <= n; else an error that says what is expected. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(index >= 1 && index <= count)) throw new Error(`must be i/n with 1 <= i <= n, as in 2/4 (got '${text}')`);
  return { index, count };
}

/**
 * Whether a file (its posix path relative to the scanned root) is in the shard. The share depends on the path alone,
 * by its hash: a file stays in its shard whatever is added or removed elsewhere, and the shards of one `n` cover
 * every file exactly once.
 */
export function inShard(path: string, shard: Shard): boolean {
  return createHash('sha256').update(path).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}
