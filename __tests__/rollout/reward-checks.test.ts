import { emptyGroundTruthRewarded, isEmptyGroundTruth } from '../../src/rollout/checks/empty-ground-truth-rewarded';
import { rewardSanity } from '../../src/rollout/checks/reward-sanity';
import { zeroSignalGroups } from '../../src/rollout/checks/zero-signal-groups';
import { runCheck, trajectory } from './helpers';

describe('empty-ground-truth-rewarded', () => {
  it.each([[''], ['  '], [[]], [['', ' ']], [{}], [{ target: [] }], [{ target: [''], answer: null }]])('%j is empty', (value) => expect(isEmptyGroundTruth(value)).toBe(true));
  it.each([['0'], [['Paris', '']], [{ target: ['Paris'] }], [{ target: [], id: 3 }], [0], [false]])('%j is not', (value) => expect(isEmptyGroundTruth(value)).toBe(false));

  it('fails a structured ground truth with no answer that was paid (Search-R1 and SkyRL QA data: {"target": []})', () => {
    const outcome = runCheck(emptyGroundTruthRewarded, [trajectory({ groundTruth: { target: [] }, response: '<answer></answer>', reward: 1 })]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 1 });
    expect(outcome.examples[0].detail).toBe('ground truth {"target":[]}, reward 1');
  });

  it('fails an empty ground truth that was paid (a SQuAD-style F1 as the reward)', () => {
    const outcome = runCheck(emptyGroundTruthRewarded, [
      trajectory({ groundTruth: '', response: '', reward: 1, source: 'dump.jsonl:2' }),
      trajectory({ groundTruth: '', response: 'Paris', reward: 0 }),
      trajectory({ groundTruth: 'Paris', response: 'Paris', reward: 1 }),
    ]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 3 });
    expect(outcome.examples[0]).toMatchObject({ source: 'dump.jsonl:2', detail: 'ground truth "", reward 1' });
  });

  it('cannot tell when the dump records no ground truth', () => {
    expect(runCheck(emptyGroundTruthRewarded, [trajectory()])).toMatchObject({ status: 'unknown', total: 0 });
  });
});

describe('zero-signal-groups', () => {
  const sample = (group: string, reward: number) => trajectory({ group, reward });

  it('counts groups whose samples all got the same reward (TRL: frac_reward_zero_std)', () => {
    const outcome = runCheck(zeroSignalGroups, [
      ...[1, 0, 1, 0].map((r) => sample('learns', r)),
      ...[0, 0, 0, 0].map((r) => sample('too-hard', r)),
      ...[1, 1, 1, 1].map((r) => sample('too-easy', r)),
    ]);
    expect(outcome).toMatchObject({ status: 'warn', count: 2, total: 3, metrics: { zero_signal_group_rate: 0.666667, group_size_mean: 4 } });
    expect(outcome.examples.map((e) => e.detail)).toEqual(['all 4 samples of this prompt got reward 0', 'all 4 samples of this prompt got reward 1']);
  });

  it('groups by step and prompt when the dump has no group ids', () => {
    const prompt = (text: string, reward: number, step = 1) => trajectory({ prompt: text, reward, step });
    const outcome = runCheck(zeroSignalGroups, [prompt('a', 1), prompt('a', 0), prompt('b', 1), prompt('b', 1), prompt('b', 0, 2)]);
    expect(outcome).toMatchObject({ count: 1, total: 2 });
  });

  it("groups a step's samples wherever they are written: verl's batch balancing scatters them", () => {
    // RayPPOTrainer._balance_batch reorders the step's samples into one partition per data-parallel rank before
    // _dump_generations writes them: the 4 samples of a prompt end up a quarter of the step apart.
    const prompts = 6000;
    const samples = Array.from({ length: prompts * 4 }, (_, i) => ({ prompt: `user\nProblem ${Math.floor(i / 4)}\nassistant\n`, sample: i % 4 }));
    const balanced = [0, 1, 2, 3].flatMap((rank) => samples.filter((_, i) => i % 4 === rank));
    // Every third prompt is solved by some samples only; the others by none.
    const reward = ({ prompt, sample }: { prompt: string; sample: number }) => (Number(prompt.split(' ')[1].split('\n')[0]) % 3 === 0 && sample === 0 ? 1 : 0);
    const outcome = runCheck(
      zeroSignalGroups,
      balanced.map((s, line) => trajectory({ source: `7.jsonl:${line + 1}`, prompt: s.prompt, reward: reward(s), step: 7 })),
    );
    expect(outcome).toMatchObject({ count: 4000, total: 6000, metrics: { group_size_mean: 4 } });
    expect(outcome.examples[0]).toMatchObject({ source: '7.jsonl:2', detail: 'all 4 samples of this prompt got reward 0', excerpt: 'user\nProblem 1\nassistant\n' });
  });

  it('cannot tell when no prompt was sampled twice', () => {
    expect(runCheck(zeroSignalGroups, [sample('a', 1), sample('b', 0)])).toMatchObject({ status: 'unknown' });
  });
});

describe('reward-sanity', () => {
  it('passes finite, varied rewards and reports their statistics', () => {
    const outcome = runCheck(rewardSanity, [0, 0.5, 1, 1].map((reward) => trajectory({ reward })));
    expect(outcome).toMatchObject({ status: 'pass', metrics: { reward_mean: 0.625, reward_min: 0, reward_max: 1, reward_p50: 0.5 } });
    expect(outcome.distribution?.histogram).toEqual({ labels: ['0', '0.5', '1'], bounds: [[0, 0], [0.5, 0.5], [1, 1]], percents: [25, 25, 50] });
  });

  it('fails NaN and infinite rewards', () => {
    const outcome = runCheck(rewardSanity, [trajectory({ reward: NaN }), trajectory({ reward: Infinity }), trajectory({ reward: 1 }), trajectory({ reward: 0 })]);
    expect(outcome).toMatchObject({ status: 'fail', count: 2, total: 4, metrics: { non_finite_reward_rate: 0.5 } });
  });

  it('fails rewards outside the configured range', () => {
    const outcome = runCheck(rewardSanity, [trajectory({ reward: 1.5 }), trajectory({ reward: 0 })], { rewardRange: [0, 1] });
    expect(outcome.examples[0].detail).toBe('reward 1.5 is outside the configured range [0, 1]');
  });

  it('fails a reward that never changes', () => {
    const outcome = runCheck(rewardSanity, [trajectory({ reward: 0 }), trajectory({ reward: 0 }), trajectory({ reward: 0 })]);
    expect(outcome).toMatchObject({ status: 'fail', count: 3, message: 'all 3 rewards are 0: no learning signal' });
  });

  it('reports error trajectories and fails those that were paid', () => {
    const outcome = runCheck(rewardSanity, [
      trajectory({ error: 'sandbox timeout', reward: 1 }),
      trajectory({ finishReason: 'error', reward: 0 }),
      trajectory({ reward: 1 }),
      trajectory({ reward: 0 }),
    ]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, metrics: { error_trajectory_rate: 0.5 } });
    expect(outcome.message).toBe('2 error trajectories (mean reward 0.5, 1 rewarded): 1 of 4 rewards (25%) fail');
  });
});
