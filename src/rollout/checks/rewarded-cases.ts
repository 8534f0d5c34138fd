import { WorstExamples, type Example } from '../stats';

/**
 * What a "paid although it should not be" check observes of a trajectory: whether it is a case of its kind (an empty
 * ground truth, a malformed tool call) and, when it is and got a positive reward, the reward and an example.
 * Undefined when the trajectory cannot tell (no reward recorded).
 */
export type RewardedCaseObservation = { isCase: boolean; rewarded?: { reward: number; example: Example } } | undefined;

/**
 * The observation of a trajectory with this reward: `example` is undefined when the trajectory is not a case, and is
 * called only for a case that was rewarded.
 */
export function observeRewardedCase(reward: number, example: (() => Example) | undefined): RewardedCaseObservation {
  if (!example) return { isCase: false };
  if (!(reward > 0)) return { isCase: true };
  return { isCase: true, rewarded: { reward, example: example() } };
}

/** The trajectories observed, the cases among them, and the cases rewarded, with the best-paid kept as examples. */
export class RewardedCaseTally {
  observed = 0;
  cases = 0;
  rewarded = 0;
  readonly examples = new WorstExamples();

  add(observation: RewardedCaseObservation): void {
    if (!observation) return;
    this.observed++;
    if (!observation.isCase) return;
    this.cases++;
    if (!observation.rewarded) return;
    this.rewarded++;
    this.examples.add(observation.rewarded.reward, observation.rewarded.example);
  }
}
