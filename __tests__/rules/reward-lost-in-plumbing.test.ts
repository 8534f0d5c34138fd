import { rewardLostInPlumbing } from '../../src/analysis/rules/reward-lost-in-plumbing';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rewardLostInPlumbing, {
  valid: [
    {
      name: 'an `is None` check keeps a score of 0.0',
      code: `
        def to_output(rewards_info):
            score = rewards_info.get("scores")
            if score is None:
                score = rewards_info.get("rewards")
            return score
      `,
    },
    {
      name: 'a falsy fallback gives the same value (0.0, None, an empty list)',
      code: `
        def collect(info):
            reward = info.get("reward") or 0.0
            scores = info.get("scores") or []
            return reward, scores
      `,
    },
    {
      name: 'functions, flags and settings named for a score',
      code: `
        def __init__(self, compute_score=None, config=None):
            self.compute_score = compute_score or default_compute_score
            self.need_ref = config.use_kl_in_reward or config.use_kl_loss
      `,
    },
    {
      name: 'a deliberate disjunction of two binary checks, each with its own default',
      code: `
        async def correct_answer(state):
            return float(state.get("math_verify_score", 0.0) or state.get("judge_score", 0.0))
      `,
    },
    {
      name: 'a zero tensor that is filled in later',
      code: `
        def compute(self, data, scores):
            reward_tensor = torch.zeros_like(scores)
            for i, score in enumerate(scores):
                reward_tensor[i] = score
            return reward_tensor
      `,
    },
    {
      name: 'zero token-level rewards beside the response-level rewards that carry the score',
      code: `
        def compute_rewards(data, scores):
            token_level_rewards = torch.zeros_like(data.batch["responses"], dtype=torch.float16)
            scores = torch.tensor(scores)
            return {"token_level_rewards": token_level_rewards, "response_level_rewards": scores, "scores": scores}
      `,
    },
    {
      name: 'a flag tested together with the per-sample condition',
      code: `
        def process(self, rollouts, zero_truncated_completions):
            rewards = []
            for rollout in rollouts:
                is_truncated = len(rollout.ids) > self.max_len
                if zero_truncated_completions and is_truncated:
                    rewards.append(0)
                else:
                    rewards.append(rollout.reward)
            return rewards
      `,
    },
    {
      name: 'a condition in an `if` tests truth on purpose',
      code: `
        def log(score, bonus):
            if score or bonus:
                print("paid")
      `,
    },
  ],
  invalid: [
    {
      name: 'a score of 0.0 replaced by the reward through `or` (OpenRLHF #1219)',
      code: `
        def finish(output, rewards_info):
            output.update(
                reward=rewards_info.get("rewards"),
                scores=rewards_info.get("scores") or rewards_info.get("rewards"),
            )
      `,
      errors: [{ line: 4, column: 16, message: /replaces a reward of 0/, severity: 'warning' }],
    },
    {
      name: 'response-level rewards left as zeros shaped like the scores (ROLL 9c6ce5c0)',
      code: `
        def compute_rewards(self, data, scores):
            token_level_rewards = torch.zeros_like(data.batch["responses"], dtype=torch.float16)
            scores = torch.tensor(scores, dtype=torch.float16)
            response_level_rewards = torch.zeros_like(scores, dtype=torch.float16)
            return DataProto.from_dict(tensors={
                "token_level_rewards": token_level_rewards,
                "response_level_rewards": response_level_rewards,
                "scores": scores,
            })
      `,
      errors: [{ line: 4, column: 30, message: /never filled/ }],
    },
    {
      name: 'every reward zeroed by a flag whose per-sample condition is not tested (verifiers b0843926)',
      code: `
        def process(self, rollouts, zero_truncated_completions, max_seq_len):
            rewards = []
            for rollout in rollouts:
                is_truncated = len(rollout.ids) > max_seq_len
                if zero_truncated_completions:
                    rewards.append(0)
                else:
                    rewards.append(rollout.reward)
            return rewards
      `,
      errors: [{ line: 5, column: 12, message: /`is_truncated`/ }],
    },
  ],
});
