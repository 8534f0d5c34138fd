import { examplesOf, excerpt, formatNumber } from '../stats';
import { scanToolCalls } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';
import { addRewardedCase, mergeRewardedCases, noRewardedCases, type RewardedCases } from './rewarded-cases';

/** A reward that pays malformed tool calls teaches them; agent trainers have shipped exactly this. */
export const malformedToolCallRewarded: RolloutCheck<RewardedCases> = {
  meta: { id: 'malformed-tool-call-rewarded', severity: 'error', threshold: 0, withoutPolicy: true },
  empty: noRewardedCases,
  add(tally, t) {
    const { reward } = t;
    if (reward === undefined) return;
    const { problem } = scanToolCalls(t.response);
    const example = problem && (() => ({
      source: t.source,
      detail: `${problem.detail}, reward ${formatNumber(reward)}`,
      excerpt: excerpt(t.response, problem.offset),
    }));
    addRewardedCase(tally, reward, example);
  },
  merge: mergeRewardedCases,
  finish({ observed: scored, cases: malformed, rewarded, examples }) {
    const message = !scored
      ? 'the dump records no reward: cannot tell'
      : !malformed
        ? `no malformed tool call among ${plural(scored, 'scored trajectory', 'scored trajectories')}`
        // Over the scored trajectories, as the check's value is: one denominator in the row and the message.
        : `${fraction(rewarded, scored, 'scored trajectory', 'scored trajectories')} got a positive reward for a malformed tool call (${rewarded} of the ${malformed} malformed)`;
    return {
      count: rewarded,
      total: scored,
      message,
      examples: examplesOf(examples),
      metrics: { malformed_tool_call_rewarded_rate: share(rewarded, malformed) },
    };
  },
};
