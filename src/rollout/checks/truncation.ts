import { tail, WorstExamples, type Example } from '../stats';
import { fraction, share, type RolloutCheck } from './check';

/** Undefined when the dump records no finish reason. */
type TruncationObservation = { truncated?: { length: number; example: Example } } | undefined;

/**
 * Only a recorded finish reason tells truncation apart: a text-only dump cannot, and this check says `unknown`
 * rather than guess from lengths.
 */
export const truncation: RolloutCheck<TruncationObservation> = {
  meta: { id: 'truncation', severity: 'warning', threshold: 0.1 },
  observe(t) {
    if (!t.finishReason) return undefined;
    if (t.finishReason !== 'length') return {};
    return { truncated: { length: t.response.length, example: { source: t.source, detail: 'stopped by the length limit', excerpt: tail(t.response) } } };
  },
  start() {
    let total = 0;
    let truncated = 0;
    const examples = new WorstExamples();
    return {
      add(observation) {
        if (!observation) return;
        total++;
        if (!observation.truncated) return;
        truncated++;
        examples.add(observation.truncated.length, observation.truncated.example);
      },
      finish() {
        const message = !total
          ? 'the dump records no finish reason (finish_reason / stop_reason): cannot tell'
          : `${fraction(truncated, total, 'response')} stopped by the length limit`;
        return { count: truncated, total, message, examples: examples.list(), metrics: { truncation_rate: share(truncated, total) } };
      },
    };
  },
};
