import { addToSample, emptySample, examplesOf, excerpt, formatNumber, histogram, keepWorst, percentiles, mergeSamples, mergeWorst, quantile, sampleMean, samplePriority, sampleStd, type Sample, type WorstExamples } from '../stats';
import { isErrorTrajectory } from '../trajectory';
import { fraction, metric, plural, share, type RolloutCheck } from './check';

/** `total` counts the trajectories with a reward; `rewards` holds the finite ones. */
interface RewardTally {
  total: number;
  rewards: Sample;
  /** Rewards that fail: not finite, out of range, or paid to an error trajectory. */
  failing: number;
  nonFinite: number;
  outOfRange: number;
  errors: number;
  errorsRewarded: number;
  errorRewardSum: number;
  /** The first reward, and whether every reward since is the same. */
  first?: number;
  allEqual: boolean;
  examples: WorstExamples;
}

export const rewardSanity: RolloutCheck<RewardTally> = {
  meta: { id: 'reward-sanity', severity: 'error', threshold: 0 },
  empty: () => ({ total: 0, rewards: emptySample(), failing: 0, nonFinite: 0, outOfRange: 0, errors: 0, errorsRewarded: 0, errorRewardSum: 0, allEqual: true, examples: [] }),
  add(tally, t, context) {
    const { reward } = t;
    if (reward === undefined) return;
    tally.total++;
    tally.first ??= reward;
    if (tally.allEqual && !Object.is(reward, tally.first)) tally.allEqual = false;
    const finite = Number.isFinite(reward);
    if (finite) addToSample(tally.rewards, reward, samplePriority(t.source));
    else tally.nonFinite++;
    const range = context.rewardRange;
    const outOfRange = range !== undefined && finite && (reward < range[0] || reward > range[1]);
    if (outOfRange) tally.outOfRange++;
    const isError = isErrorTrajectory(t);
    if (isError) {
      tally.errors++;
      if (finite) tally.errorRewardSum += reward;
      if (reward > 0) tally.errorsRewarded++;
    }
    const problem = !finite
      ? `reward is ${reward}`
      : outOfRange
        ? `reward ${formatNumber(reward)} is outside the configured range [${range![0]}, ${range![1]}]`
        : isError && reward > 0
          ? `an error trajectory (${t.error ?? 'finish_reason error'}) got reward ${formatNumber(reward)}`
          : undefined;
    if (!problem) return;
    tally.failing++;
    keepWorst(tally.examples, finite ? Math.abs(reward) : Number.MAX_VALUE, () => ({ source: t.source, detail: problem, excerpt: excerpt(t.response) }));
  },
  merge(tally, later) {
    if (later.first !== undefined) {
      tally.first ??= later.first;
      tally.allEqual &&= later.allEqual && Object.is(later.first, tally.first);
    }
    tally.total += later.total;
    mergeSamples(tally.rewards, later.rewards);
    tally.failing += later.failing;
    tally.nonFinite += later.nonFinite;
    tally.outOfRange += later.outOfRange;
    tally.errors += later.errors;
    tally.errorsRewarded += later.errorsRewarded;
    tally.errorRewardSum += later.errorRewardSum;
    mergeWorst(tally.examples, later.examples);
  },
  finish(tally, context) {
    const { total, rewards, failing, nonFinite, outOfRange, errors, examples } = tally;
    const range = context.rewardRange;
    // One reward for everything is a broken reward function, whatever its value.
    const constant = total > 1 && tally.allEqual;
    const parts = [
      constant && `all ${total} rewards are ${formatNumber(tally.first!)}: no learning signal`,
      nonFinite && `${plural(nonFinite, 'reward')} not finite (NaN/inf)`,
      outOfRange && `${plural(outOfRange, 'reward')} outside [${range![0]}, ${range![1]}]`,
      errors && `${plural(errors, 'error trajectory', 'error trajectories')} (mean reward ${formatNumber(tally.errorRewardSum / errors)}, ${tally.errorsRewarded} rewarded)`,
    ].filter(Boolean);
    const message = !total
      ? 'the dump records no reward: cannot tell'
      : parts.length
        ? `${parts.join('; ')}${failing ? `: ${fraction(failing, total, 'reward')} fail` : ''}`
        : `${plural(total, 'reward')} from ${formatNumber(rewards.min)} to ${formatNumber(rewards.max)}, mean ${formatNumber(sampleMean(rewards))}`;
    return {
      count: constant ? total : failing,
      total,
      message,
      examples: examplesOf(examples),
      metrics: {
        reward_mean: metric(sampleMean(rewards)),
        reward_std: metric(sampleStd(rewards)),
        reward_min: metric(rewards.min),
        reward_p50: metric(quantile(rewards, 0.5)),
        reward_max: metric(rewards.max),
        non_finite_reward_rate: share(nonFinite, total),
        error_trajectory_rate: share(errors, total),
      },
      distribution: rewards.seen
        ? { title: 'Reward distribution', axis: 'reward', histogram: histogram(rewards.values), percentiles: percentiles(rewards.values), sampled: rewards.values.length, of: rewards.seen }
        : undefined,
    };
  },
};
