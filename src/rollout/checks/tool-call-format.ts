import { excerpt, WorstExamples } from '../stats';
import { scanToolCalls } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';

export const toolCallFormat: RolloutCheck = {
  meta: { id: 'tool-call-format', severity: 'warning', threshold: 0.05 },
  start() {
    let responses = 0;
    let calling = 0;
    let malformed = 0;
    const examples = new WorstExamples();
    return {
      add(t) {
        responses++;
        const scan = scanToolCalls(t.response);
        if (!scan.calls) return;
        calling++;
        if (!scan.problem) return;
        malformed++;
        const problem = scan.problem;
        examples.add(scan.malformed, () => ({ source: t.source, detail: problem.detail, excerpt: excerpt(t.response, problem.offset) }));
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
