import { examplesOf, keepWorst, mergeWorst, tail, type WorstExamples } from '../stats';
import { fraction, share, type RolloutCheck } from './check';

/** `total` counts the trajectories with a finish reason. */
interface TruncationTally {
  total: number;
  truncated: number;
  examples: WorstExamples;
}

/**
 * Only a recorded finish reason tells truncation apart: a text-only dump cannot, and this check says `unknown`
 * rather than guess from lengths.
 */
export const truncation: RolloutCheck<TruncationTally> = {
  meta: { id: 'truncation', severity: 'warning', threshold: 0.1, withoutPolicy: true },
  empty: () => ({ total: 0, truncated: 0, examples: [] }),
  add(tally, t) {
    if (!t.finishReason) return;
    tally.total++;
    if (t.finishReason !== 'length') return;
    tally.truncated++;
    keepWorst(tally.examples, t.response.length, () => ({ source: t.source, detail: 'stopped by the length limit', excerpt: tail(t.response) }));
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.truncated += later.truncated;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, truncated, examples }) {
    const message = !total
      ? 'the dump records no finish reason (finish_reason / stop_reason): cannot tell'
      : `${fraction(truncated, total, 'response')} stopped by the length limit`;
    return { count: truncated, total, message, examples: examplesOf(examples), metrics: { truncation_rate: share(truncated, total) } };
  },
};
