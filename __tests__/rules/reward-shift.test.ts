import { rewardShift } from '../../src/analysis/rules/reward-shift';
import { dedent, ruleTester } from '../helpers/rule-tester';
import { analyzeSource } from '../../src/analysis/engine';

ruleTester(rewardShift, {
  valid: [
    {
      name: 'scaling',
      code: `
        def shape(reward):
            reward = reward * 0.1
            return reward / 10.0
      `,
    },
    {
      name: 'clipping',
      code: `
        def shape(rewards):
            rewards = rewards.clamp(-1.0, 1.0)
            return np.clip(rewards, -5, 5)
      `,
    },
    {
      name: 'a TD error',
      code: `
        for t in reversed(range(steps)):
            delta = rewards[t] + gamma * next_values * nonterminal - values[t]
      `,
    },
    {
      name: 'a baseline subtracted into the advantages',
      code: `
        baseline = rewards.mean()
        advantages = rewards - baseline
      `,
    },
    {
      name: 'a shaping term that depends on the outcome',
      code: `
        def total_reward(correctness, format_ok):
            reward = correctness + 0.1 * format_ok
            return reward
      `,
    },
    {
      name: 'a penalty under an outcome condition',
      code: `
        def sql_reward(result, expected):
            reward = 0.0
            if result is None:
                reward -= 1.0
            return reward
      `,
    },
    {
      name: 'a penalty on selected samples (boolean mask)',
      code: `
        rewards[~contains_eos] -= self.args.missing_eos_penalty
        rewards[truncated] -= 0.5
      `,
    },
    {
      name: 'a per-group baseline (GRPO/RLOO): a statistic along a dim',
      code: `
        rewards = rewards.view(-1, group_size)
        rewards = rewards - rewards.mean(dim=1, keepdim=True)
      `,
    },
    {
      name: 'standardization (a normalization, not a bare shift)',
      code: `
        reward = (reward - self.mean) / self.std
      `,
    },
    {
      name: 'a KL penalty is per sample, not a constant',
      code: `
        rewards = rewards - kl * kl_coef
      `,
    },
    {
      name: 'accumulators, counters and summaries of rewards',
      code: `
        episode_reward += reward
        reward_idx += 1
        std_rewards = std_rewards + 1e-4
      `,
    },
    {
      name: 'a constant minus the reward reflects it (a cost), not a shift',
      code: `
        def distance_reward(pred, gt):
            reward = 1 - abs(pred - gt) / abs(gt)
            return reward
      `,
    },
    {
      name: 'real code (SkyRL coder1): two reward components summed, one a parameter defaulting to 1.0',
      code: `
        def _score(code, tests, format_reward=0.0, answer_reward=1.0):
            log = run(code, tests)
            return format_reward + answer_reward, log
      `,
    },
    {
      name: 'real code (TRL PPO metrics): a logged statistic of rewards, not a reward',
      code: `
        mean_kl_reward = kl_rewards.sum(1).mean()
        rlhf_reward = mean_kl_reward + scores.mean()
      `,
    },
    {
      name: 'an advantage function returns reward minus baseline',
      code: `
        def compute_advantage(rewards):
            return rewards - rewards.mean()
      `,
    },
    {
      name: 'a running total of logged reward statistics, zero-initialised (found in a KTO trainer\'s evaluation)',
      code: `
        def evaluate(self, loader):
            chosen_reward, reject_reward = 0, 0
            for batch in loader:
                chosen_rewards, rejected_rewards = self.loss_fn(batch)
                chosen_reward += chosen_rewards.mean().item()
                reject_reward += rejected_rewards.mean().item()
            return chosen_reward / len(loader), reject_reward / len(loader)
      `,
    },
    {
      name: 'a running total named for one',
      code: `
        total_chosen_rewards += chosen_rewards.mean().item()
        cum_reward += rewards.mean()
      `,
    },
    {
      name: 'per-group standardization written as a loop: the group mean, then the group std (GRPO\'s baseline)',
      code: `
        def group_advantages(groups):
            out = []
            for group in groups:
                rewards = torch.tensor([sample.reward for sample in group])
                rewards = rewards - rewards.mean()
                rewards = rewards / (rewards.std() + 1e-6)
                out.append(rewards)
            return out
      `,
    },
    {
      name: 'a score that neither comes from a reward model nor goes into a reward',
      code: `
        def rank(candidates):
            scores = bleu(candidates)
            scores = scores - scores.mean()
            return scores.argsort()
      `,
    },
    {
      name: 'test code: a test file\'s fixture shifts rewards on purpose',
      code: `
        def test_shifted_rewards_are_centered():
            rewards = torch.rand(8)
            rewards = rewards - rewards.mean()
            assert rewards.mean().abs() < 1e-6
      `,
    },
    {
      language: 'typescript',
      name: 'TS: scaling and a conditional penalty',
      code: `
        function shape(reward: number, valid: boolean): number {
          reward = reward * 0.5;
          if (!valid) reward -= 1;
          return reward;
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a constant subtracted from the reward',
      code: `
        def step(self, action):
            obs, reward, done, info = self.env.step(action)
            return obs, reward - 0.5, done, info
      `,
      errors: [{ line: 3, column: 17, endLine: 3, severity: 'warning', message: /Reward shifted by `0\.5`/ }],
    },
    {
      name: 'a per-step penalty',
      code: `
        for t in range(max_steps):
            obs, reward, done, info = env.step(policy(obs))
            reward -= 0.01
            buffer.add(obs, reward, done)
      `,
      errors: [{ line: 3, column: 5, message: /`0\.01`/ }],
    },
    {
      name: 'a per-step bonus in an episode loop (a loop is not an outcome branch)',
      code: `
        while not done:
            obs, reward, done, info = env.step(agent.act(obs))
            reward += ALIVE_BONUS
      `,
      errors: [{ line: 3, column: 5, message: /ALIVE_BONUS/ }],
    },
    {
      name: 'the batch mean subtracted from the rewards, assigned back',
      code: `
        rewards = torch.tensor(scores)
        rewards = rewards - rewards.mean()
      `,
      errors: [{ line: 2, column: 11, message: /`rewards\.mean\(\)`/ }],
    },
    {
      name: 'the minimum subtracted (numpy), multi-line',
      code: `
        step_rewards = (
            step_rewards
            - np.min(step_rewards)
        )
      `,
      errors: [{ line: 1, column: 16, endLine: 4 }],
    },
    {
      name: 'a moving baseline on an attribute, and a named constant',
      code: `
        class Env:
            def reward(self, raw_reward):
                self.last_reward = raw_reward - self.baseline
                self.last_reward += LIVING_BONUS
                return self.last_reward
      `,
      errors: [{ line: 3, column: 28, message: /self\.baseline/ }, { line: 4, column: 9, message: /LIVING_BONUS/ }],
    },
    {
      name: 'every reward shifted in a loop over range; a constant bound to a local',
      code: `
        def postprocess(rewards):
            offset = 0.5
            for i in range(len(rewards)):
                rewards[i] -= offset
            return rewards
      `,
      errors: [{ line: 4, column: 9 }],
    },
    {
      name: 'inside a __main__ guard it is still a shift',
      code: `
        if __name__ == "__main__":
            reward = run_episode(env)
            reward = reward + 1
      `,
      errors: [{ line: 3, column: 14 }],
    },
    {
      name: 'reward-model scores centered by the batch mean before they become the reward',
      code: `
        def make_experience(self, sequences):
            scores = self.reward_model(sequences)
            scores = scores - scores.mean()
            rewards = compute_reward(scores, self.kl_coef)
            return rewards
      `,
      errors: [{ line: 3, column: 14, message: /`scores\.mean\(\)`/ }],
    },
    {
      name: 'reward-model scores standardized with a running mean: a normalization, not a baseline',
      code: `
        def normalize(self, rm_scores):
            self.running.update(rm_scores)
            rm_scores = (rm_scores - self.running.mean) / (self.running.std + 1e-8)
            return rm_scores
      `,
      errors: [{ line: 3, column: 17, message: /running mean \(`self\.running\.mean`\): this is normalization, not a baseline/ }],
    },
    {
      language: 'typescript',
      name: 'TS: a shifted copy of the reward',
      code: `
        const centeredReward = reward - 0.5;
      `,
      errors: [{ line: 1, column: 24 }],
    },
    {
      language: 'typescript',
      name: 'TS: compound assignment and a returned shift',
      code: `
        export function stepReward(reward: number): number {
          reward -= 0.01;
          return reward + STEP_BONUS;
        }
      `,
      errors: [{ line: 2, column: 3, message: /`0\.01`/ }, { line: 3, column: 10, message: /STEP_BONUS/ }],
    },
  ],
});

test('RL104 skips test files', async () => {
  const code = dedent(`
    rewards = torch.tensor(scores)
    rewards = rewards - rewards.mean()
  `);
  const severities = new Map([[rewardShift.meta.code, 'default' as const]]);
  expect((await analyzeSource('tests/test_rewards.py', code, 'python', severities, [rewardShift])).findings).toEqual([]);
  expect((await analyzeSource('training/rewards.py', code, 'python', severities, [rewardShift])).findings).toHaveLength(1);
});
