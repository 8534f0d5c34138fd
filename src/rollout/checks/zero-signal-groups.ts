import { createHash } from 'node:crypto';
import { examplesOf, formatNumber, keepWorst, mergeWorst, tail, type WorstExamples } from '../stats';
import type { Trajectory } from '../trajectory';
import { fraction, metric, share, type RolloutCheck } from './check';

/**
 * Groups open at once. The samples of a prompt are not always written together (verl's batch balancing reorders a
 * step's samples before it dumps them), so a group stays open until the dump ends. Past this many (a step of more
 * prompts, or a dump of many steps), the oldest group is closed: the oldest belong to the earliest steps, which are
 * over when later steps are written.
 */
const OPEN_GROUPS = 1 << 16;
/** Longer prompts are keyed by their hash, so open groups hold little text. */
const KEY_CHARS = 2048;
/** What an example quotes of a group's prompt: its end, where the question and the generation prompt are. */
const EXAMPLE_CHARS = 160;

interface Group {
  firstReward: number;
  size: number;
  allEqual: boolean;
  /** Where the group's first sample is, and its prompt's end: kept only while the group may become an example. */
  source?: string;
  promptTail?: string;
}

/** The group of a trajectory: its step and its `group` id, else its step and prompt (GRPO samples a prompt n times). */
function groupKey(t: Trajectory): string | undefined {
  const step = t.step ?? '';
  if (t.group !== undefined) return `${step}\0group\0${t.group}`;
  if (t.prompt === undefined) return undefined;
  const key = `${step}\0${t.prompt}`;
  return key.length <= KEY_CHARS ? key : createHash('sha1').update(key).digest('base64');
}

function sameReward(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
}

/** Open groups, in the order they opened, and what the closed ones add up to. */
interface GroupTally {
  open: Map<string, Group>;
  /** Closed groups of two samples or more: the ones GRPO learns from, or not. */
  groups: number;
  zeroSignal: number;
  samples: number;
  /** Groups closed before the dump ended, because OPEN_GROUPS were open. */
  closedEarly: number;
  examples: WorstExamples;
}

function close(tally: GroupTally, group: Group): void {
  if (group.size < 2) return;
  tally.groups++;
  tally.samples += group.size;
  if (!group.allEqual) return;
  tally.zeroSignal++;
  keepWorst(tally.examples, group.size, () => ({
    source: group.source ?? '',
    detail: `all ${group.size} samples of this prompt got reward ${formatNumber(group.firstReward)}`,
    excerpt: group.promptTail ?? '',
  }));
}

/** Opens a group, closing the oldest open one when OPEN_GROUPS are open. */
function open(tally: GroupTally, key: string, group: Group): void {
  if (tally.open.size >= OPEN_GROUPS) {
    const [oldestKey, oldest] = tally.open.entries().next().value!;
    tally.open.delete(oldestKey);
    close(tally, oldest);
    tally.closedEarly++;
  }
  tally.open.set(key, group);
}

/** A group whose rewards differ is never an example: its text goes. */
function showsSignal(group: Group): void {
  group.allEqual = false;
  group.source = group.promptTail = undefined;
}

/** A copy of a short string that does not keep alive the long one it was cut from (V8 keeps a slice's parent). */
function detached(text: string): string {
  return Buffer.from(text).toString();
}

/**
 * GRPO's advantage is the reward minus its group's mean: a group whose rewards are all equal teaches nothing.
 * Blocks of a dump are tallied apart: a group whose samples are in two blocks is open in both tallies, and merges.
 */
export const zeroSignalGroups: RolloutCheck<GroupTally> = {
  meta: { id: 'zero-signal-groups', severity: 'warning', threshold: 0.5 },
  empty: () => ({ open: new Map(), groups: 0, zeroSignal: 0, samples: 0, closedEarly: 0, examples: [] }),
  add(tally, t) {
    if (t.reward === undefined || Number.isNaN(t.reward)) return;
    const key = groupKey(t);
    if (key === undefined) return;
    const group = tally.open.get(key);
    if (!group) {
      open(tally, key, { firstReward: t.reward, size: 1, allEqual: true, source: t.source, promptTail: detached(tail(t.prompt ?? t.group ?? '', EXAMPLE_CHARS)) });
      return;
    }
    group.size++;
    if (group.allEqual && !sameReward(group.firstReward, t.reward)) showsSignal(group);
  },
  merge(tally, later) {
    tally.groups += later.groups;
    tally.zeroSignal += later.zeroSignal;
    tally.samples += later.samples;
    tally.closedEarly += later.closedEarly;
    mergeWorst(tally.examples, later.examples);
    for (const [key, part] of later.open) {
      const group = tally.open.get(key);
      if (!group) {
        open(tally, key, part);
        continue;
      }
      group.size += part.size;
      if (group.allEqual && !(part.allEqual && sameReward(group.firstReward, part.firstReward))) showsSignal(group);
    }
  },
  finish(tally) {
    for (const group of tally.open.values()) close(tally, group);
    tally.open.clear();
    const { groups, zeroSignal, samples, closedEarly, examples } = tally;
    const early = closedEarly
      ? `; more than ${OPEN_GROUPS} groups were open at once, so the ${closedEarly} oldest were closed early (a sample of one of them written later counted as another group)`
      : '';
    const message = !groups
      ? 'no prompt was sampled more than once (no `group` ids and no repeated prompts): no GRPO groups to judge'
      : `${fraction(zeroSignal, groups, 'group')} got the same reward for every sample${early}`;
    return {
      count: zeroSignal,
      total: groups,
      message,
      examples: examplesOf(examples),
      metrics: { zero_signal_group_rate: share(zeroSignal, groups), group_size_mean: groups ? metric(samples / groups) : null },
    };
  },
};
