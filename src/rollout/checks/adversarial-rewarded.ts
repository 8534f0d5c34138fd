import type { ServedAnswer } from '../../policy/recording';
import { withoutTrailingEndTokens } from '../chat-template';
import { examplesOf, excerpt, formatNumber } from '../stats';
import type { Trajectory } from '../trajectory';
import { fraction, plural, share, type RolloutCheck } from './check';
import { addRewardedCase, mergeRewardedCases, noRewardedCases, type RewardedCases } from './rewarded-cases';

/**
 * The cases a reward must not pay, whatever the task: no answer at all, a tool call the environment cannot run, a
 * response cut off in a loop. A response that leaks chat headers holds the correct answer (special-token-leak judges
 * the leak) and one with the answer only inside `<think>` is paid by design in some tasks: neither is counted here.
 */
const UNPAYABLE_CASES: ReadonlySet<string> = new Set([
  'empty',
  'whitespace',
  'malformed-tool-call-json',
  'malformed-tool-call-tag',
  'malformed-tool-call-name',
  'malformed-tool-call-arguments',
  'runaway-repetition',
]);

interface AdversarialTally extends RewardedCases {
  /** Per case kind: the trajectories that ended with it, and those paid. */
  kinds: Record<string, { cases: number; rewarded: number }>;
}

/**
 * An adversarial answer the scripted policy served (`rollout run --policy`) that got a positive reward. The dump is
 * joined with the policy's recording by text: a trajectory is judged by the served answer its final turn ends with.
 */
export const adversarialRewarded: RolloutCheck<AdversarialTally> = {
  meta: { id: 'adversarial-rewarded', severity: 'error', threshold: 0, needsPolicy: true },
  empty: () => ({ ...noRewardedCases(), kinds: {} }),
  add(tally, t, context) {
    const { reward } = t;
    if (reward === undefined || !context.served) return;
    const served = finalServedAnswer(t, context.served);
    const kind = served && kindOf(served);
    if (kind) {
      const counts = (tally.kinds[kind] ??= { cases: 0, rewarded: 0 });
      counts.cases++;
      if (reward > 0) counts.rewarded++;
    }
    addRewardedCase(tally, reward, kind ? () => ({ source: t.source, detail: `${kind}, reward ${formatNumber(reward)}`, excerpt: excerpt(t.response, t.response.length) }) : undefined);
  },
  merge(tally, later) {
    mergeRewardedCases(tally, later);
    for (const [kind, counts] of Object.entries(later.kinds)) {
      const into = (tally.kinds[kind] ??= { cases: 0, rewarded: 0 });
      into.cases += counts.cases;
      into.rewarded += counts.rewarded;
    }
  },
  finish({ observed, cases, rewarded, examples, kinds }) {
    const paid = Object.entries(kinds)
      .filter(([, counts]) => counts.rewarded)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([kind, counts]) => `${kind} ${counts.rewarded} of ${counts.cases}`);
    const message = !observed
      ? 'the dump records no reward: cannot tell'
      : !cases
        ? `no scored trajectory ends with an adversarial answer the policy served (of ${plural(observed, 'scored trajectory', 'scored trajectories')}): the dump's responses do not hold the served texts, or the policy served none`
        : rewarded
          ? `${fraction(rewarded, cases, 'adversarial answer')} got a positive reward: ${paid.join(', ')}`
          : `none of the ${plural(cases, 'adversarial answer')} got a positive reward`;
    return { count: rewarded, total: cases, message, examples: examplesOf(examples), metrics: { adversarial_rewarded_rate: share(rewarded, cases) } };
  },
};

/** The case a trajectory is judged by, or none: a case the reward may pay, or an answer the policy did not serve. */
function kindOf(served: ServedAnswer): string | undefined {
  if (UNPAYABLE_CASES.has(served.case)) return served.case;
  // Any other answer cut at max_tokens: what was cut off cannot be the answer the reward checks.
  if (served.finishReason === 'length' && served.case !== 'correct') return `${served.case} (cut at max_tokens)`;
  return undefined;
}

/**
 * The served answer the trajectory's final model turn ends with: of the served texts it holds, the one ending last,
 * the longest of those (a leaked turn and a long answer end with the correct answer they hold). An empty final turn
 * is the empty case when the policy served one.
 */
export function finalServedAnswer(t: Trajectory, served: readonly ServedAnswer[]): ServedAnswer | undefined {
  const final = withoutTrailingEndTokens(t.turns?.length ? t.turns[t.turns.length - 1] : t.response).trim();
  if (!final) return served.find((s) => !s.text);
  let best: ServedAnswer | undefined;
  let bestEnd = -1;
  for (const answer of served) {
    if (!answer.text) continue;
    const at = final.lastIndexOf(answer.text);
    if (at < 0) continue;
    const end = at + answer.text.length;
    if (end > bestEnd || (end === bestEnd && answer.text.length > best!.text.length)) {
      best = answer;
      bestEnd = end;
    }
  }
  return best;
}
