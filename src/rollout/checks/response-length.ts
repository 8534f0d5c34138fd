import { withoutTrailingEndTokens } from '../chat-template';
import { addToSample, emptySample, examplesOf, histogram, keepWorst, percentiles, mergeSamples, mergeWorst, quantile, sampleMean, samplePriority, type Sample, type WorstExamples } from '../stats';
import { metric, percent, plural, share, type RolloutCheck } from './check';

interface LengthTally {
  total: number;
  chars: Sample;
  /** Only the trajectories with response ids. */
  tokens: Sample;
  empty: number;
  examples: WorstExamples;
}

/** Lengths in tokens when every trajectory has response ids, in characters otherwise. */
export const responseLength: RolloutCheck<LengthTally> = {
  meta: { id: 'response-length', severity: 'warning', threshold: 0.05, withoutPolicy: true },
  empty: () => ({ total: 0, chars: emptySample(), tokens: emptySample(), empty: 0, examples: [] }),
  add(tally, t) {
    const priority = samplePriority(t.source);
    tally.total++;
    addToSample(tally.chars, t.response.length, priority);
    if (t.responseIds) addToSample(tally.tokens, t.responseIds.length, priority);
    const isEmpty = !withoutTrailingEndTokens(t.response) || t.responseIds?.length === 0;
    if (!isEmpty) return;
    tally.empty++;
    keepWorst(tally.examples, 1, () => ({ source: t.source, detail: 'empty response', excerpt: JSON.stringify(t.response) }));
  },
  merge(tally, later) {
    tally.total += later.total;
    mergeSamples(tally.chars, later.chars);
    mergeSamples(tally.tokens, later.tokens);
    tally.empty += later.empty;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, chars, tokens, empty, examples }) {
    const inTokens = total > 0 && tokens.seen === total;
    const lengths = inTokens ? tokens : chars;
    const unit = inTokens ? 'tokens' : 'chars';
    const p50 = quantile(lengths, 0.5);
    const p95 = quantile(lengths, 0.95);
    const mean = sampleMean(lengths);
    const message = !total
      ? 'no response to measure'
      : `${unit}: min ${lengths.min}, mean ${Math.round(mean)}, p50 ${p50}, p95 ${p95}, max ${lengths.max}; ${plural(empty, 'empty response')} (${percent(empty, total)})`;
    return {
      count: empty,
      total,
      message,
      examples: examplesOf(examples),
      metrics: {
        [`response_${unit}_min`]: metric(lengths.min),
        [`response_${unit}_mean`]: metric(mean),
        [`response_${unit}_p50`]: metric(p50),
        [`response_${unit}_p95`]: metric(p95),
        [`response_${unit}_max`]: metric(lengths.max),
        empty_response_rate: share(empty, total),
      },
      distribution: total
        ? { title: 'Response length distribution', axis: `response length (${unit})`, histogram: histogram(lengths.values), percentiles: percentiles(lengths.values), sampled: lengths.values.length, of: lengths.seen }
        : undefined,
    };
  },
};
