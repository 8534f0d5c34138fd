import { excerpt, formatNumber, histogram, Reservoir, WorstExamples, type Example } from '../stats';
import { isErrorTrajectory } from '../trajectory';
import { fraction, metric, plural, share, type RolloutCheck } from './check';

/** Undefined when the trajectory has no reward; `failure` when its reward fails. */
type RewardObservation = { reward: number; isError: boolean; outOfRange: boolean; failure?: Example } | undefined;

export const rewardSanity: RolloutCheck<RewardObservation> = {
  meta: { id: 'reward-sanity', severity: 'error', threshold: 0 },
  observe(t, context) {
    if (t.reward === undefined) return undefined;
    const reward = t.reward;
    const isError = isErrorTrajectory(t);
    const range = context.rewardRange;
    const outOfRange = range !== undefined && Number.isFinite(reward) && (reward < range[0] || reward > range[1]);
    const observation: RewardObservation = { reward, isError, outOfRange };
    const problem = !Number.isFinite(reward)
      ? `reward is ${reward}`
      : outOfRange
        ? `reward ${formatNumber(reward)} is outside the configured range [${range![0]}, ${range![1]}]`
        : isError && reward > 0
          ? `an error trajectory (${t.error ?? 'finish_reason error'}) got reward ${formatNumber(reward)}`
          : undefined;
    if (problem) observation.failure = { source: t.source, detail: problem, excerpt: excerpt(t.response) };
    return observation;
  },
  start(context) {
    const rewards = new Reservoir();
    let total = 0;
    let failing = 0;
    let nonFinite = 0;
    let outOfRange = 0;
    let errors = 0;
    let errorsRewarded = 0;
    let errorRewardSum = 0;
    let first: number | undefined;
    let allEqual = true;
    const examples = new WorstExamples();
    const range = context.rewardRange;

    return {
      add(observation) {
        if (!observation) return;
        total++;
        const { reward } = observation;
        first ??= reward;
        if (allEqual && !Object.is(reward, first)) allEqual = false;
        if (!Number.isFinite(reward)) nonFinite++;
        else rewards.add(reward);
        if (observation.outOfRange) outOfRange++;
        if (observation.isError) {
          errors++;
          if (Number.isFinite(reward)) errorRewardSum += reward;
          if (reward > 0) errorsRewarded++;
        }
        if (observation.failure) {
          failing++;
          examples.add(Number.isFinite(reward) ? Math.abs(reward) : Number.MAX_VALUE, observation.failure);
        }
      },
      finish() {
        // One reward for everything is a broken reward function, whatever its value.
        const constant = total > 1 && allEqual;
        const parts = [
          constant && `all ${total} rewards are ${formatNumber(first!)}: no learning signal`,
          nonFinite && `${plural(nonFinite, 'reward')} not finite (NaN/inf)`,
          outOfRange && `${plural(outOfRange, 'reward')} outside [${range![0]}, ${range![1]}]`,
          errors && `${plural(errors, 'error trajectory', 'error trajectories')} (mean reward ${formatNumber(errorRewardSum / errors)}, ${errorsRewarded} rewarded)`,
        ].filter(Boolean);
        const message = !total
          ? 'the dump records no reward: cannot tell'
          : parts.length
            ? `${parts.join('; ')}${failing ? `: ${fraction(failing, total, 'reward')} fail` : ''}`
            : `${plural(total, 'reward')} from ${formatNumber(rewards.min)} to ${formatNumber(rewards.max)}, mean ${formatNumber(rewards.mean)}`;
        return {
          count: constant ? total : failing,
          total,
          message,
          examples: examples.list(),
          metrics: {
            reward_mean: metric(rewards.mean),
            reward_std: metric(rewards.std),
            reward_min: metric(rewards.min),
            reward_p50: metric(rewards.quantile(0.5)),
            reward_max: metric(rewards.max),
            non_finite_reward_rate: share(nonFinite, total),
            error_trajectory_rate: share(errors, total),
          },
          distribution: rewards.seen
            ? { title: 'Reward distribution', axis: 'reward', histogram: histogram(rewards.values), sampled: rewards.values.length, of: rewards.seen }
            : undefined,
        };
      },
    };
  },
};
