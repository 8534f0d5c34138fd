import { endianness } from 'node:os';
import { examplesOf, formatNumber, keepWorst, mergeWorst, tail, type WorstExamples } from '../stats';
import { fraction, metric, percent, share, type RolloutCheck } from './check';

/** The n of the character n-grams: long enough that ordinary prose rarely repeats one. */
export const NGRAM_CHARS = 20;

/**
 * Only the end of a response is measured: degenerate repetition runs on to the end (the model never recovers
 * before the length limit), and a fixed window keeps the cost per response bounded on a dump of any size.
 */
export const WINDOW_CHARS = 4096;
/**
 * N-grams are sampled by their hash: those whose mixed hash is a multiple of this power of two are counted.
 * The sample is consistent (all occurrences of an n-gram are in it, or none), so its repeated share estimates
 * the whole window's at an eighth of the cost.
 */
const SAMPLE_MODULUS = 8;

/** base^n for the rolling hash (base 31): what the character leaving the n-gram weighs once the next one is in. */
const LEAVING_WEIGHT = Array.from({ length: NGRAM_CHARS }).reduce<number>((power) => Math.imul(power, 31), 1);

/**
 * The window as UTF-16 code units, written by one native call: reading a typed array in the hashing loop is several
 * times cheaper than `charCodeAt`. Typed arrays use the host's byte order, so a big-endian host swaps the bytes.
 */
const windowBytes = Buffer.alloc(2 * WINDOW_CHARS);
const windowUnits = new Uint16Array(windowBytes.buffer, windowBytes.byteOffset, WINDOW_CHARS);
const BIG_ENDIAN = endianness() === 'BE';

/** The hashes of the window's sampled n-grams, in order. */
const sampledHashes = new Int32Array(WINDOW_CHARS);
/** An open-addressing set of sampled n-gram hashes, reused across responses; larger than a window has n-grams, so never full. */
const table = new Int32Array(1 << 13);
/** The slots filled for the current response, emptied after it: cheaper than clearing the whole table. */
const filledSlots = new Int32Array(WINDOW_CHARS);

/**
 * The share of the character 20-grams in the last WINDOW_CHARS of a response that already occurred earlier in
 * that window: about 0 for prose, near 1 for a loop (`</answer></answer>...`, a paragraph repeated to the length
 * limit). N-grams are compared by a 32-bit rolling hash, so a rare collision can count one as repeated.
 */
export function repeatedShare(response: string): number {
  const text = response.length > WINDOW_CHARS ? response.slice(-WINDOW_CHARS) : response;
  if (text.length < 2 * NGRAM_CHARS) return 0;
  const length = windowBytes.write(text, 'utf16le') / 2;
  if (BIG_ENDIAN) windowBytes.subarray(0, 2 * length).swap16();
  const sampled = sampleNgramHashes(length);
  return sampled ? countRepeats(sampled) / sampled : 0;
}

/**
 * Hashes every n-gram of the window's `length` code units into `sampledHashes`, keeping the sampled ones: each hash
 * is written, and the count moves on only when it is sampled. No branch: one taken for an n-gram in eight, at
 * random, is mispredicted so often that it would cost more than the hashing. Returns how many were kept.
 */
function sampleNgramHashes(length: number): number {
  const units = windowUnits;
  let hash = 0;
  for (let k = 0; k < NGRAM_CHARS; k++) hash = (Math.imul(hash, 31) + units[k]) | 0;
  let sampled = 0;
  // `hash` is the n-gram ending before `end`.
  for (let end = NGRAM_CHARS; ; end++) {
    sampledHashes[sampled] = hash;
    // Mix the bits before sampling: the low bits of a polynomial hash follow the last characters. The mixing
    // multiplier (in countRepeats) is odd, so the product's low bits are zero exactly when these are.
    sampled += ((hash ^ (hash >>> 15)) & (SAMPLE_MODULUS - 1)) === 0 ? 1 : 0;
    if (end === length) return sampled;
    hash = (Math.imul(hash, 31) + (units[end] - Math.imul(units[end - NGRAM_CHARS], LEAVING_WEIGHT))) | 0;
  }
}

/** How many of the first `sampled` hashes in `sampledHashes` occurred earlier among them. */
function countRepeats(sampled: number): number {
  const mask = table.length - 1;
  let repeated = 0;
  let filled = 0;
  for (let i = 0; i < sampled; i++) {
    const hash = sampledHashes[i];
    // 0 marks an empty slot: store hash 0 as 1.
    const stored = hash === 0 ? 1 : hash;
    let slot = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 3) & mask;
    for (;;) {
      const current = table[slot];
      if (current === 0) {
        table[slot] = stored;
        filledSlots[filled++] = slot;
        break;
      }
      if (current === stored) {
        repeated++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  for (let k = 0; k < filled; k++) table[filledSlots[k]] = 0;
  return repeated;
}

interface RepetitionTally {
  total: number;
  /** Responses above the configured rate. */
  repetitive: number;
  shareSum: number;
  examples: WorstExamples;
}

/** No framework logs degenerate repetition, yet runaway loops to the length limit are a common report. */
export const repetition: RolloutCheck<RepetitionTally> = {
  meta: { id: 'repetition', severity: 'warning', threshold: 0.05 },
  empty: () => ({ total: 0, repetitive: 0, shareSum: 0, examples: [] }),
  add(tally, t, context) {
    const repeated = repeatedShare(t.response);
    tally.total++;
    tally.shareSum += repeated;
    if (repeated <= context.repeatRate) return;
    tally.repetitive++;
    keepWorst(tally.examples, repeated, () => ({
      source: t.source,
      detail: `${percent(repeated, 1)} of its ${NGRAM_CHARS}-character n-grams are repeats`,
      excerpt: tail(t.response),
    }));
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.repetitive += later.repetitive;
    tally.shareSum += later.shareSum;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, repetitive, shareSum, examples }, context) {
    const message = !total
      ? 'no response to measure'
      : `${fraction(repetitive, total, 'response')} repeat more than ${formatNumber(context.repeatRate * 100)}% of their ${NGRAM_CHARS}-character n-grams`;
    return {
      count: repetitive,
      total,
      message,
      examples: examplesOf(examples),
      metrics: { repetition_rate: share(repetitive, total), repeated_ngram_share_mean: total ? metric(shareSum / total) : null },
    };
  },
};
