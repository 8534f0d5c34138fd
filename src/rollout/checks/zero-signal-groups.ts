import { createHash } from 'node:crypto';
import { formatNumber, tail, WorstExamples } from '../stats';
import type { Trajectory } from '../trajectory';
import { fraction, metric, share, type RolloutCheck } from './check';

/**
 * Groups still open at once. Dumps write a group's samples together (verl, TRL and SkyRL all do), so a group is
 * complete long before this many others start; past it the oldest is closed, which keeps memory bounded.
 */
const OPEN_GROUPS = 4096;
/** Longer prompts are keyed by their hash, so open groups hold little text. */
const KEY_CHARS = 2048;

interface Group {
  firstReward: number;
  size: number;
  allEqual: boolean;
  source: string;
  promptTail: string;
}

/** The group of a trajectory: its `group` id, else its step and prompt (GRPO samples a prompt n times). */
function groupKey(t: Trajectory): string | undefined {
  if (t.group !== undefined) return `group\0${t.group}`;
  if (t.prompt === undefined) return undefined;
  const key = `${t.step ?? ''}\0${t.prompt}`;
  return key.length <= KEY_CHARS ? key : createHash('sha1').update(key).digest('base64');
}

/** One scored sample of a group; undefined when the trajectory has no reward (or a NaN one) or no group. */
type GroupSample = { key: string; reward: number; source: string; promptTail: string } | undefined;

function sameReward(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
}

/** GRPO's advantage is the reward minus its group's mean: a group whose rewards are all equal teaches nothing. */
export const zeroSignalGroups: RolloutCheck<GroupSample> = {
  meta: { id: 'zero-signal-groups', severity: 'warning', threshold: 0.5 },
  observe(t) {
    if (t.reward === undefined || Number.isNaN(t.reward)) return undefined;
    const key = groupKey(t);
    if (key === undefined) return undefined;
    return { key, reward: t.reward, source: t.source, promptTail: tail(t.prompt ?? t.group ?? '') };
  },
  start() {
    const open = new Map<string, Group>();
    let groups = 0;
    let zeroSignal = 0;
    let samples = 0;
    const examples = new WorstExamples();

    const close = (group: Group) => {
      if (group.size < 2) return;
      groups++;
      samples += group.size;
      if (!group.allEqual) return;
      zeroSignal++;
      examples.add(group.size, {
        source: group.source,
        detail: `all ${group.size} samples of this prompt got reward ${formatNumber(group.firstReward)}`,
        excerpt: group.promptTail,
      });
    };

    return {
      add(sample) {
        if (!sample) return;
        const group = open.get(sample.key);
        if (group) {
          group.size++;
          if (group.allEqual && !sameReward(group.firstReward, sample.reward)) group.allEqual = false;
          return;
        }
        if (open.size >= OPEN_GROUPS) {
          const [oldestKey, oldest] = open.entries().next().value!;
          open.delete(oldestKey);
          close(oldest);
        }
        open.set(sample.key, { firstReward: sample.reward, size: 1, allEqual: true, source: sample.source, promptTail: sample.promptTail });
      },
      finish() {
        for (const group of open.values()) close(group);
        open.clear();
        const message = !groups
          ? 'no prompt was sampled more than once (no `group` ids and no repeated prompts): no GRPO groups to judge'
          : `${fraction(zeroSignal, groups, 'group')} got the same reward for every sample`;
        return {
          count: zeroSignal,
          total: groups,
          message,
          examples: examples.list(),
          metrics: { zero_signal_group_rate: share(zeroSignal, groups), group_size_mean: groups ? metric(samples / groups) : null },
        };
      },
    };
  },
};
