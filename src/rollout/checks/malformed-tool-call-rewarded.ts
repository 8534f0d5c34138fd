import { excerpt, formatNumber } from '../stats';
import { scanToolCalls } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';
import { observeRewardedCase, RewardedCaseTally, type RewardedCaseObservation } from './rewarded-cases';

/** A reward that pays malformed tool calls teaches them; agent trainers have shipped exactly this. */
export const malformedToolCallRewarded: RolloutCheck<RewardedCaseObservation> = {
  meta: { id: 'malformed-tool-call-rewarded', severity: 'error', threshold: 0 },
  observe(t) {
    const { reward } = t;
    if (reward === undefined) return undefined;
    const { problem } = scanToolCalls(t.response);
    if (!problem) return observeRewardedCase(reward, undefined);
    return observeRewardedCase(reward, () => ({
      source: t.source,
      detail: `${problem.detail}, reward ${formatNumber(reward)}`,
      excerpt: excerpt(t.response, problem.offset),
    }));
  },
  start() {
    const tally = new RewardedCaseTally();
    return {
      add: (observation) => tally.add(observation),
      finish() {
        const { observed: scored, cases: malformed, rewarded } = tally;
        const message = !scored
          ? 'the dump records no reward: cannot tell'
          : !malformed
            ? `no malformed tool call among ${plural(scored, 'scored trajectory', 'scored trajectories')}`
            : `${fraction(rewarded, malformed, 'trajectory', 'trajectories')} with a malformed tool call got a positive reward`;
        return {
          count: rewarded,
          total: scored,
          message,
          examples: tally.examples.list(),
          metrics: { malformed_tool_call_rewarded_rate: share(rewarded, malformed) },
        };
      },
    };
  },
};
