import { excerpt, formatNumber, histogram, Reservoir, WorstExamples } from '../stats';
import { isErrorTrajectory } from '../trajectory';
import { fraction, metric, plural, share, type RolloutCheck } from './check';

export const rewardSanity: RolloutCheck = {
  meta: { id: 'reward-sanity', severity: 'error', threshold: 0 },
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
      add(t) {
        if (t.reward === undefined) return;
        total++;
        const reward = t.reward;
        first ??= reward;
        if (allEqual && !Object.is(reward, first)) allEqual = false;
        let problem: string | undefined;
        if (!Number.isFinite(reward)) {
          nonFinite++;
          problem = `reward is ${reward}`;
        } else {
          rewards.add(reward);
          if (range && (reward < range[0] || reward > range[1])) {
            outOfRange++;
            problem = `reward ${formatNumber(reward)} is outside the configured range [${range[0]}, ${range[1]}]`;
          }
        }
        if (isErrorTrajectory(t)) {
          errors++;
          if (Number.isFinite(reward)) errorRewardSum += reward;
          if (reward > 0) {
            errorsRewarded++;
            problem ??= `an error trajectory (${t.error ?? 'finish_reason error'}) got reward ${formatNumber(reward)}`;
          }
        }
        if (problem) {
          failing++;
          const detail = problem;
          examples.add(Number.isFinite(reward) ? Math.abs(reward) : Number.MAX_VALUE, () => ({ source: t.source, detail, excerpt: excerpt(t.response) }));
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
