import { excerpt, formatNumber, WorstExamples, type Example } from '../stats';
import { fraction, plural, share, type RolloutCheck } from './check';

/** Empty: blank text, an empty list or object, or a list of only empty answers. */
export function isEmptyGroundTruth(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmptyGroundTruth);
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
  return false;
}

/** Undefined when the trajectory has no ground truth or no reward. */
type GroundTruthObservation = { empty: boolean; rewarded?: { reward: number; example: Example } } | undefined;

/** RL102's runtime twin: a SQuAD-style F1 that pays full credit when the ground truth is empty. */
export const emptyGroundTruthRewarded: RolloutCheck<GroundTruthObservation> = {
  meta: { id: 'empty-ground-truth-rewarded', severity: 'error', threshold: 0 },
  observe(t) {
    if (t.groundTruth === undefined || t.reward === undefined) return undefined;
    if (!isEmptyGroundTruth(t.groundTruth)) return { empty: false };
    if (!(t.reward > 0)) return { empty: true };
    const example = {
      source: t.source,
      detail: `ground truth ${JSON.stringify(t.groundTruth)}, reward ${formatNumber(t.reward)}`,
      excerpt: excerpt(t.response),
    };
    return { empty: true, rewarded: { reward: t.reward, example } };
  },
  start() {
    let total = 0;
    let empty = 0;
    let rewarded = 0;
    const examples = new WorstExamples();
    return {
      add(observation) {
        if (!observation) return;
        total++;
        if (!observation.empty) return;
        empty++;
        if (!observation.rewarded) return;
        rewarded++;
        examples.add(observation.rewarded.reward, observation.rewarded.example);
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
