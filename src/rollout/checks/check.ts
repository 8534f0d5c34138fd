import type { ServedAnswer } from '../../policy/recording';
import type { Severity } from '../../findings';
import type { Example, Histogram } from '../stats';
import type { Trajectory } from '../trajectory';

/** Fixed: tests outside this repository match on them. */
export const CHECK_IDS = [
  'generation-prompt',
  'special-token-leak',
  'truncation',
  'tool-call-format',
  'malformed-tool-call-rewarded',
  'empty-ground-truth-rewarded',
  'zero-signal-groups',
  'loss-mask',
  'reward-sanity',
  'response-length',
  'repetition',
  'adversarial-rewarded',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** The checks of what the rollout code sent a policy rl-review served (`rollout run --policy`): src/policy/checks.ts. */
export const POLICY_CHECK_IDS = ['prompt-generation-header', 'stop-sequences', 'sampling-params', 'environment-crash'] as const;

export type PolicyCheckId = (typeof POLICY_CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export interface CheckMeta {
  id: CheckId;
  /** A failing check of severity error fails the run; warning and info only warn. */
  severity: Severity;
  /** The largest share of checked trajectories (groups, for zero-signal-groups) that may fail: 0 allows none. */
  threshold: number;
  /** Judges the dump against what a policy rl-review served: run only with `rollout run --policy`. */
  needsPolicy?: true;
  /**
   * Judges what the model wrote (its lengths, loops, tool-call syntax): with a scripted policy that is rl-review's own
   * adversarial cases, so the check is not run then (`adversarial-rewarded` judges the reward on them instead).
   */
  withoutPolicy?: true;
}

/** Token ids of a ChatML vocabulary, for the token-level loss-mask checks. */
export interface TurnTokenIds {
  start: number;
  end: number;
}

/** Settings shared by the checks, from `.github/rl-review.yml` and the repository's tokenizer config. */
export interface CheckContext {
  /** The generation prompt learned from a tokenizer_config.json; otherwise learned from each prompt. */
  assistantHeader?: string;
  turnTokenIds: TurnTokenIds;
  /** `reward-sanity.range`: rewards outside it fail. */
  rewardRange?: readonly [number, number];
  /** `repetition.rate`: a response whose repeated share is above it is repetitive. */
  repeatRate: number;
  /** What the scripted policy served, when rl-review served it: the dump's responses are looked up in it. */
  served?: readonly ServedAnswer[];
}

export interface Distribution {
  title: string;
  /** The x-axis: "reward", "response length (tokens)". */
  axis: string;
  histogram: Histogram;
  /** Its 0th to 100th percentiles, kept in rl-review-rollout.json for a later run to chart this one as its baseline. */
  percentiles: number[];
  /** Values behind it: all of them, or a uniform sample when the dump is larger than the sample. */
  sampled: number;
  of: number;
}

export type Metrics = Record<string, number | null>;

export interface CheckOutcome {
  /** Trajectories (or groups) that fail the check. */
  count: number;
  /** Trajectories (or groups) the check could judge; 0 makes the status `unknown`. */
  total: number;
  /** What was found, or why the dump cannot tell. */
  message: string;
  examples: Example[];
  metrics: Metrics;
  distribution?: Distribution;
}

/**
 * A check as a fold over a dump's trajectories, in dump order, into a tally of bounded size. The tally is plain
 * data (structured-clonable): worker threads tally blocks of a dump, and the main thread merges their tallies in
 * dump order into the tally a single pass over the dump gives.
 */
export interface RolloutCheck<Tally = unknown> {
  meta: CheckMeta;
  /** The tally of no trajectory. */
  empty(): Tally;
  add(tally: Tally, trajectory: Trajectory, context: CheckContext): void;
  /** Folds `later`, the tally of the trajectories that follow `tally`'s, into `tally`. */
  merge(tally: Tally, later: Tally): void;
  finish(tally: Tally, context: CheckContext): CheckOutcome;
}

export function statusOf(outcome: Pick<CheckOutcome, 'count' | 'total'>, severity: Severity, threshold: number): CheckStatus {
  if (outcome.total === 0) return 'unknown';
  if (outcome.count <= threshold * outcome.total) return 'pass';
  return severity === 'error' ? 'fail' : 'warn';
}

/** A metric as JSON can carry it: NaN and infinities (no data, no finite value) become null. */
export function metric(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : Number(value.toPrecision(6));
}

export function share(count: number, total: number): number | null {
  return total ? metric(count / total) : null;
}

export function percent(count: number, total: number): string {
  return total ? `${formatPercent(count / total)}` : 'n/a';
}

export function formatPercent(ratio: number): string {
  const value = ratio * 100;
  // Whole percents from 10% up; one decimal below, where 0.5% and 5% differ ("5%", not "5.0%").
  return `${value >= 10 ? value.toFixed(0) : Number(value.toFixed(1))}%`;
}

/** `3 of 40 responses (7.5%)`. */
export function fraction(count: number, total: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} of ${total} ${total === 1 ? noun : pluralNoun} (${percent(count, total)})`;
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
