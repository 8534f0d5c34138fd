import { examplesOf, excerpt, formatNumber } from '../stats';
import { fraction, plural, share, type RolloutCheck } from './check';
import { addRewardedCase, mergeRewardedCases, noRewardedCases, type RewardedCases } from './rewarded-cases';

/**
 * Empty: blank text or nothing, a list of only empty answers, an object whose values are all empty (Search-R1's and
 * SkyRL's QA data keep the answers in `{"target": [...]}`).
 */
export function isEmptyGroundTruth(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmptyGroundTruth);
  if (typeof value === 'object') return Object.values(value).every(isEmptyGroundTruth);
  return false;
}

/** RL102's runtime twin: a SQuAD-style F1 that pays full credit when the ground truth is empty. */
export const emptyGroundTruthRewarded: RolloutCheck<RewardedCases> = {
  meta: { id: 'empty-ground-truth-rewarded', severity: 'error', threshold: 0 },
  empty: noRewardedCases,
  add(tally, t) {
    const { groundTruth, reward } = t;
    if (groundTruth === undefined || reward === undefined) return;
    const example = () => ({
      source: t.source,
      detail: `ground truth ${JSON.stringify(groundTruth)}, reward ${formatNumber(reward)}`,
      excerpt: excerpt(t.response),
    });
    addRewardedCase(tally, reward, isEmptyGroundTruth(groundTruth) ? example : undefined);
  },
  merge: mergeRewardedCases,
  finish({ observed, cases: empty, rewarded, examples }) {
    const message = !observed
      ? 'the dump records no ground truth with a reward: cannot tell'
      : !empty
        ? `no empty ground truth among ${plural(observed, 'trajectory', 'trajectories')}`
        // Over the observed trajectories, as the check's value is: one denominator in the row and the message.
        : `${fraction(rewarded, observed, 'trajectory', 'trajectories')} got a positive reward for an empty ground truth (${rewarded} of the ${empty} with one)`;
    return {
      count: rewarded,
      total: observed,
      message,
      examples: examplesOf(examples),
      metrics: { empty_ground_truth_rate: share(empty, observed), empty_ground_truth_rewarded_rate: share(rewarded, empty) },
    };
  },
};
