import { examplesOf, formatNumber, keepWorst, mergeWorst, tail, type WorstExamples } from '../stats';
import { fraction, metric, percent, share, type RolloutCheck } from './check';
import { REPETITION_KERNEL } from './repetition-kernel';

/** The n of the character n-grams: long enough that ordinary prose rarely repeats one (`$n` in repetition.wat). */
export const NGRAM_CHARS = 20;

/**
 * Only the end of a response is measured: degenerate repetition runs on to the end (the model never recovers
 * before the length limit), and a fixed window keeps the cost per response bounded on a dump of any size.
 */
export const WINDOW_CHARS = 4096;

/** Node has it; the TypeScript libraries this project compiles with (no DOM) do not declare it. */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
};

/** The hashing runs in WebAssembly (repetition.wat): the window is written into its memory, then measured there. */
const kernel = new WebAssembly.Instance(new WebAssembly.Module(REPETITION_KERNEL)).exports as {
  memory: { buffer: ArrayBuffer };
  repeatedShare(length: number): number;
};
const windowBytes = Buffer.from(kernel.memory.buffer, 0, 2 * WINDOW_CHARS);

/**
 * The share of the character 20-grams in the last WINDOW_CHARS of a response that already occurred earlier in
 * that window: about 0 for prose, near 1 for a loop (`</answer></answer>...`, a paragraph repeated to the length
 * limit). N-grams are compared by a 32-bit rolling hash, so a rare collision can count one as repeated; and they
 * are sampled by their hash (one in eight), consistently: all occurrences of an n-gram are in the sample, or none,
 * so the sample's repeated share estimates the window's at an eighth of the cost.
 */
export function repeatedShare(response: string): number {
  const text = response.length > WINDOW_CHARS ? response.slice(-WINDOW_CHARS) : response;
  if (text.length < 2 * NGRAM_CHARS) return 0;
  // WebAssembly memory is little-endian on every host, as utf16le is.
  return kernel.repeatedShare(windowBytes.write(text, 'utf16le') / 2);
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
  meta: { id: 'repetition', severity: 'warning', threshold: 0.05, withoutPolicy: true },
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
