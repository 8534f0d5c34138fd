import type { CheckContext, CheckId } from './checks/check';
import { ROLLOUT_CHECKS } from './checks/index';
import type { TrajectorySink } from './formats/format';
import type { Trajectory } from './trajectory';

/** The enabled checks and their settings: all that observing a trajectory takes, in a worker thread too. */
export interface ObserverSettings {
  checkIds: readonly CheckId[];
  context: CheckContext;
}

/** What the enabled checks observed of one trajectory, in the order of `ObserverSettings.checkIds`. */
export type Observations = unknown[];

export function observer({ checkIds, context }: ObserverSettings): (trajectory: Trajectory) => Observations {
  const checks = checkIds.map((id) => ROLLOUT_CHECKS.find((check) => check.meta.id === id)!);
  return (trajectory) => checks.map((check) => check.observe(trajectory, context));
}

/** Where what was read of a dump goes: the observations of each trajectory, and the records skipped, in file order. */
export interface ObservationSink {
  observed(observations: Observations): void;
  skip(where: string, message: string): void;
}

/** A trajectory sink that observes each trajectory and hands its observations on. */
export function observingSink(observe: (trajectory: Trajectory) => Observations, sink: ObservationSink): TrajectorySink {
  return {
    trajectory: (trajectory) => sink.observed(observe(trajectory)),
    skip: (where, message) => sink.skip(where, message),
  };
}
