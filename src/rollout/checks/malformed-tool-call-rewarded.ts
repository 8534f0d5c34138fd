import { excerpt, formatNumber, WorstExamples } from '../stats';
import { scanToolCalls } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';

/** A reward that pays malformed tool calls teaches them; agent trainers have shipped exactly this. */
export const malformedToolCallRewarded: RolloutCheck = {
  meta: { id: 'malformed-tool-call-rewarded', severity: 'error', threshold: 0 },
  start() {
    let scored = 0;
    let malformed = 0;
    let rewarded = 0;
    const examples = new WorstExamples();
    return {
      add(t) {
        if (t.reward === undefined) return;
        scored++;
        const scan = scanToolCalls(t.response);
        if (!scan.problem) return;
        malformed++;
        if (!(t.reward > 0)) return;
        rewarded++;
        const { problem } = scan;
        const reward = t.reward;
        examples.add(reward, () => ({
          source: t.source,
          detail: `${problem.detail}, reward ${formatNumber(reward)}`,
          excerpt: excerpt(t.response, problem.offset),
        }));
      },
      finish() {
        const message = !scored
          ? 'the dump records no reward: cannot tell'
          : !malformed
            ? `no malformed tool call among ${plural(scored, 'scored trajectory', 'scored trajectories')}`
            : `${fraction(rewarded, malformed, 'trajectory', 'trajectories')} with a malformed tool call got a positive reward`;
        return {
          count: rewarded,
          total: scored,
          message,
          examples: examples.list(),
          metrics: { malformed_tool_call_rewarded_rate: share(rewarded, malformed) },
        };
      },
    };
  },
};
