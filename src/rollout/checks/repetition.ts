import { formatNumber, tail, WorstExamples } from '../stats';
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

/** An open-addressing set of sampled n-gram hashes, reused across responses; larger than a window has n-grams, so never full. */
const table = new Int32Array(1 << 13);

/**
 * The share of the character 20-grams in the last WINDOW_CHARS of a response that already occurred earlier in
 * that window: about 0 for prose, near 1 for a loop (`</answer></answer>...`, a paragraph repeated to the length
 * limit). N-grams are compared by a 32-bit rolling hash, so a rare collision can count one as repeated.
 */
export function repeatedShare(response: string): number {
  const text = response.length > WINDOW_CHARS ? response.slice(-WINDOW_CHARS) : response;
  if (text.length < 2 * NGRAM_CHARS) return 0;
  table.fill(0);
  const mask = table.length - 1;
  const base = 31;
  // base^(n-1), to drop the character leaving the window.
  let drop = 1;
  for (let k = 1; k < NGRAM_CHARS; k++) drop = Math.imul(drop, base);
  let hash = 0;
  let sampled = 0;
  let repeated = 0;
  for (let k = 0; k < text.length; k++) {
    if (k >= NGRAM_CHARS) hash = (hash - Math.imul(text.charCodeAt(k - NGRAM_CHARS), drop)) | 0;
    hash = (Math.imul(hash, base) + text.charCodeAt(k)) | 0;
    if (k < NGRAM_CHARS - 1) continue;
    // Mix the bits before sampling: the low bits of a polynomial hash follow the last characters.
    const mixed = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
    if (mixed & (SAMPLE_MODULUS - 1)) continue;
    sampled++;
    // 0 marks an empty slot: store hash 0 as 1.
    const stored = hash === 0 ? 1 : hash;
    let slot = (mixed >>> 3) & mask;
    for (;;) {
      const current = table[slot];
      if (current === 0) {
        table[slot] = stored;
        break;
      }
      if (current === stored) {
        repeated++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return sampled ? repeated / sampled : 0;
}

/** No framework logs degenerate repetition, yet runaway loops to the length limit are a common report. */
export const repetition: RolloutCheck = {
  meta: { id: 'repetition', severity: 'warning', threshold: 0.05 },
  start(context) {
    let total = 0;
    let repetitive = 0;
    let shareSum = 0;
    const examples = new WorstExamples();
    return {
      add(t) {
        total++;
        const repeated = repeatedShare(t.response);
        shareSum += repeated;
        if (repeated <= context.repeatRate) return;
        repetitive++;
        examples.add(repeated, () => ({
          source: t.source,
          detail: `${percent(repeated, 1)} of its ${NGRAM_CHARS}-character n-grams are repeats`,
          excerpt: tail(t.response),
        }));
      },
      finish() {
        const message = !total
          ? 'no response to measure'
          : `${fraction(repetitive, total, 'response')} repeat more than ${formatNumber(context.repeatRate * 100)}% of their ${NGRAM_CHARS}-character n-grams`;
        return {
          count: repetitive,
          total,
          message,
          examples: examples.list(),
          metrics: { repetition_rate: share(repetitive, total), repeated_ngram_share_mean: total ? metric(shareSum / total) : null },
        };
      },
    };
  },
};
