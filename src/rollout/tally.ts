import type { CheckContext, CheckId, CheckOutcome, RolloutCheck } from './checks/check';
import { ROLLOUT_CHECKS } from './checks/index';
import type { Trajectory } from './trajectory';

/** The enabled checks and their settings: all that tallying trajectories takes, in a worker thread too. */
export interface TallySettings {
  checkIds: readonly CheckId[];
  context: CheckContext;
}

/** What the enabled checks made of some trajectories: each check's tally, in the order of `checkIds`. Plain data. */
export interface Tallies {
  trajectories: number;
  checks: unknown[];
}

/** Tallies trajectories with the enabled checks: one at a time, or a later block's tallies at once. */
export class Tallier {
  private readonly checks: RolloutCheck[];
  private readonly context: CheckContext;

  constructor({ checkIds, context }: TallySettings) {
    this.checks = checkIds.map((id) => ROLLOUT_CHECKS.find((check) => check.meta.id === id)!);
    this.context = context;
  }

  empty(): Tallies {
    return { trajectories: 0, checks: this.checks.map((check) => check.empty()) };
  }

  add(tallies: Tallies, trajectory: Trajectory): void {
    tallies.trajectories++;
    this.checks.forEach((check, index) => check.add(tallies.checks[index], trajectory, this.context));
  }

  /** Folds `later`, the tallies of the trajectories that follow, into `tallies`. */
  merge(tallies: Tallies, later: Tallies): void {
    tallies.trajectories += later.trajectories;
    this.checks.forEach((check, index) => check.merge(tallies.checks[index], later.checks[index]));
  }

  /** Each enabled check's outcome, in the order of `checkIds`. */
  finish(tallies: Tallies): CheckOutcome[] {
    return this.checks.map((check, index) => check.finish(tallies.checks[index], this.context));
  }
}
