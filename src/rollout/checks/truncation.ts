import { tail, WorstExamples } from '../stats';
import { fraction, share, type RolloutCheck } from './check';

/**
 * Only a recorded finish reason tells truncation apart: a text-only dump cannot, and this check says `unknown`
 * rather than guess from lengths.
 */
export const truncation: RolloutCheck = {
  meta: { id: 'truncation', severity: 'warning', threshold: 0.1 },
  start() {
    let total = 0;
    let truncated = 0;
    const examples = new WorstExamples();
    return {
      add(t) {
        if (!t.finishReason) return;
        total++;
        if (t.finishReason !== 'length') return;
        truncated++;
        examples.add(t.response.length, () => ({ source: t.source, detail: 'stopped by the length limit', excerpt: tail(t.response) }));
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
