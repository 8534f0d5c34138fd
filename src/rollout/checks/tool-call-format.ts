import { excerpt, WorstExamples, type Example } from '../stats';
import { scanToolCalls } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';

interface ToolCallObservation {
  calls: boolean;
  malformed?: { calls: number; example: Example };
}

export const toolCallFormat: RolloutCheck<ToolCallObservation> = {
  meta: { id: 'tool-call-format', severity: 'warning', threshold: 0.05 },
  observe(t) {
    const scan = scanToolCalls(t.response);
    if (!scan.problem) return { calls: scan.calls > 0 };
    const example = { source: t.source, detail: scan.problem.detail, excerpt: excerpt(t.response, scan.problem.offset) };
    return { calls: true, malformed: { calls: scan.malformed, example } };
  },
  start() {
    let responses = 0;
    let calling = 0;
    let malformed = 0;
    const examples = new WorstExamples();
    return {
      add(observation) {
        responses++;
        if (!observation.calls) return;
        calling++;
        if (!observation.malformed) return;
        malformed++;
        examples.add(observation.malformed.calls, observation.malformed.example);
      },
      finish() {
        const message = calling
          ? `${fraction(calling, responses, 'response')} call a tool; ${fraction(malformed, calling, 'call')} are malformed`
          : `no tool call in ${plural(responses, 'response')}`;
        return {
          count: malformed,
          total: responses,
          message,
          examples: examples.list(),
          metrics: { tool_call_rate: share(calling, responses), malformed_tool_call_rate: share(malformed, calling) },
        };
      },
    };
  },
};
