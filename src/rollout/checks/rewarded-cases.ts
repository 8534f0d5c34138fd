import { keepWorst, mergeWorst, type Example, type WorstExamples } from '../stats';

/**
 * The tally of a "paid although it should not be" check: the trajectories it could judge, the cases of its kind
 * among them (an empty ground truth, a malformed tool call), and the cases that got a positive reward, the
 * best-paid kept as examples.
 */
export interface RewardedCases {
  observed: number;
  cases: number;
  rewarded: number;
  examples: WorstExamples;
}

export function noRewardedCases(): RewardedCases {
  return { observed: 0, cases: 0, rewarded: 0, examples: [] };
}

/** Counts a trajectory with this reward: `example` is undefined when it is not a case, and built only to be kept. */
export function addRewardedCase(tally: RewardedCases, reward: number, example: (() => Example) | undefined): void {
  tally.observed++;
  if (!example) return;
  tally.cases++;
  if (!(reward > 0)) return;
  tally.rewarded++;
  keepWorst(tally.examples, reward, example);
}

export function mergeRewardedCases(tally: RewardedCases, later: RewardedCases): void {
  tally.observed += later.observed;
  tally.cases += later.cases;
  tally.rewarded += later.rewarded;
  mergeWorst(tally.examples, later.examples);
}
