import { excerpt, formatNumber, WorstExamples } from '../stats';
import { fraction, plural, share, type RolloutCheck } from './check';

/** Empty: blank text, an empty list or object, or a list of only empty answers. */
export function isEmptyGroundTruth(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmptyGroundTruth);
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
  return false;
}

/** RL102's runtime twin: a SQuAD-style F1 that pays full credit when the ground truth is empty. */
export const emptyGroundTruthRewarded: RolloutCheck = {
  meta: { id: 'empty-ground-truth-rewarded', severity: 'error', threshold: 0 },
  start() {
    let total = 0;
    let empty = 0;
    let rewarded = 0;
    const examples = new WorstExamples();
    return {
      add(t) {
        if (t.groundTruth === undefined || t.reward === undefined) return;
        total++;
        if (!isEmptyGroundTruth(t.groundTruth)) return;
        empty++;
        if (!(t.reward > 0)) return;
        rewarded++;
        const reward = t.reward;
        examples.add(reward, () => ({
          source: t.source,
          detail: `ground truth ${JSON.stringify(t.groundTruth)}, reward ${formatNumber(reward)}`,
          excerpt: excerpt(t.response),
        }));
      },
      finish() {
        const message = !total
          ? 'the dump records no ground truth with a reward: cannot tell'
          : !empty
            ? `no empty ground truth among ${plural(total, 'trajectory', 'trajectories')}`
            : `${fraction(empty, total, 'trajectory', 'trajectories')} have an empty ground truth; ${rewarded} of them got a positive reward`;
        return {
          count: rewarded,
          total,
          message,
          examples: examples.list(),
          metrics: { empty_ground_truth_rate: share(empty, total), empty_ground_truth_rewarded_rate: share(rewarded, empty) },
        };
      },
    };
  },
};
