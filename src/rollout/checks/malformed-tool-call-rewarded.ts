import { excerpt, formatNumber, WorstExamples, type Example } from '../stats';
import { scanToolCalls } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';

/** Undefined when the trajectory has no reward. */
type MalformedCallObservation = { malformed: boolean; rewarded?: { reward: number; example: Example } } | undefined;

/** A reward that pays malformed tool calls teaches them; agent trainers have shipped exactly this. */
export const malformedToolCallRewarded: RolloutCheck<MalformedCallObservation> = {
  meta: { id: 'malformed-tool-call-rewarded', severity: 'error', threshold: 0 },
  observe(t) {
    if (t.reward === undefined) return undefined;
    const { problem } = scanToolCalls(t.response);
    if (!problem) return { malformed: false };
    if (!(t.reward > 0)) return { malformed: true };
    const example = { source: t.source, detail: `${problem.detail}, reward ${formatNumber(t.reward)}`, excerpt: excerpt(t.response, problem.offset) };
    return { malformed: true, rewarded: { reward: t.reward, example } };
  },
  start() {
    let scored = 0;
    let malformed = 0;
    let rewarded = 0;
    const examples = new WorstExamples();
    return {
      add(observation) {
        if (!observation) return;
        scored++;
        if (!observation.malformed) return;
        malformed++;
        if (!observation.rewarded) return;
        rewarded++;
        examples.add(observation.rewarded.reward, observation.rewarded.example);
      },
      finish() {
        const message = !scored
          ? 'the dump records no reward: cannot tell'
          : !malformed
            ? `no malformed tool call among ${plural(scored, 'scored trajectory', 'scored trajectories')}`
            : `${fraction(rewarded, malformed, 'trajectory', 'trajectories')} with a malformed tool call got a positive reward`;
        return {
          count: rewarded,
          total: scored,
          message,
          examples: examples.list(),
          metrics: { malformed_tool_call_rewarded_rate: share(rewarded, malformed) },
        };
      },
    };
  },
};
