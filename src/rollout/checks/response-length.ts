import { withoutTrailingEndTokens } from '../chat-template';
import { histogram, Reservoir, WorstExamples, type Example } from '../stats';
import { metric, percent, plural, share, type RolloutCheck } from './check';

interface LengthObservation {
  chars: number;
  /** Undefined when the trajectory has no response ids. */
  tokens?: number;
  /** The example an empty response shows. */
  empty?: Example;
}

/** Lengths in tokens when every trajectory has response ids, in characters otherwise. */
export const responseLength: RolloutCheck<LengthObservation> = {
  meta: { id: 'response-length', severity: 'warning', threshold: 0.05 },
  observe(t) {
    const observation: LengthObservation = { chars: t.response.length };
    if (t.responseIds) observation.tokens = t.responseIds.length;
    const isEmpty = !withoutTrailingEndTokens(t.response) || t.responseIds?.length === 0;
    if (isEmpty) observation.empty = { source: t.source, detail: 'empty response', excerpt: JSON.stringify(t.response) };
    return observation;
  },
  start() {
    const tokens = new Reservoir();
    const chars = new Reservoir();
    let total = 0;
    let empty = 0;
    const examples = new WorstExamples();
    return {
      add(observation) {
        total++;
        chars.add(observation.chars);
        if (observation.tokens !== undefined) tokens.add(observation.tokens);
        if (!observation.empty) return;
        empty++;
        examples.add(1, observation.empty);
      },
      finish() {
        const inTokens = total > 0 && tokens.seen === total;
        const lengths = inTokens ? tokens : chars;
        const unit = inTokens ? 'tokens' : 'chars';
        const p50 = lengths.quantile(0.5);
        const p95 = lengths.quantile(0.95);
        const message = !total
          ? 'no response to measure'
          : `${unit}: min ${lengths.min}, mean ${Math.round(lengths.mean)}, p50 ${p50}, p95 ${p95}, max ${lengths.max}; ${plural(empty, 'empty response')} (${percent(empty, total)})`;
        return {
          count: empty,
          total,
          message,
          examples: examples.list(),
          metrics: {
            [`response_${unit}_min`]: metric(lengths.min),
            [`response_${unit}_mean`]: metric(lengths.mean),
            [`response_${unit}_p50`]: metric(p50),
            [`response_${unit}_p95`]: metric(p95),
            [`response_${unit}_max`]: metric(lengths.max),
            empty_response_rate: share(empty, total),
          },
          distribution: total
            ? { title: 'Response length distribution', axis: `response length (${unit})`, histogram: histogram(lengths.values), sampled: lengths.values.length, of: lengths.seen }
            : undefined,
        };
      },
    };
  },
};
