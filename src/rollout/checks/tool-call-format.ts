import { examplesOf, excerpt, keepWorst, mergeWorst, type WorstExamples } from '../stats';
import { scanToolCalls } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';

interface ToolCallTally {
  responses: number;
  calling: number;
  malformed: number;
  examples: WorstExamples;
}

export const toolCallFormat: RolloutCheck<ToolCallTally> = {
  meta: { id: 'tool-call-format', severity: 'warning', threshold: 0.05, withoutPolicy: true },
  empty: () => ({ responses: 0, calling: 0, malformed: 0, examples: [] }),
  add(tally, t) {
    const { calls, malformed, problem } = scanToolCalls(t.response);
    tally.responses++;
    // A malformed call counts as a call even when nothing in it parsed as one.
    if (calls > 0 || problem) tally.calling++;
    if (!problem) return;
    tally.malformed++;
    keepWorst(tally.examples, malformed, () => ({ source: t.source, detail: problem.detail, excerpt: excerpt(t.response, problem.offset) }));
  },
  merge(tally, later) {
    tally.responses += later.responses;
    tally.calling += later.calling;
    tally.malformed += later.malformed;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ responses, calling, malformed, examples }) {
    const message = calling
      // Over the responses, as the check's value is: one denominator in the row and the message.
      ? `${fraction(malformed, responses, 'response')} have a malformed tool call (${malformed} of the ${calling} that call a tool)`
      : `no tool call in ${plural(responses, 'response')}`;
    return {
      count: malformed,
      total: responses,
      message,
      examples: examplesOf(examples),
      metrics: { tool_call_rate: share(calling, responses), malformed_tool_call_rate: share(malformed, calling) },
    };
  },
};
