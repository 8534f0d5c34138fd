import { stdWithoutEpsilon } from '../../src/analysis/rules/std-without-epsilon';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(stdWithoutEpsilon, {
  valid: [
    {
      name: 'epsilon added to the std call',
      code: `
        def grpo_advantages(rewards):
            return (rewards - rewards.mean(dim=-1, keepdim=True)) / (rewards.std(dim=-1, keepdim=True) + 1e-6)
      `,
    },
    {
      name: 'epsilon added to a std variable',
      code: `
        def normalize(scores, eps=1e-6):
            std = scores.std()
            return (scores - scores.mean()) / (std + eps)
      `,
    },
    {
      name: 'zero std replaced with torch.where',
      code: `
        def normalize(scores):
            std = torch.std(scores, dim=1, keepdim=True)
            return (scores - scores.mean(dim=1, keepdim=True)) / torch.where(std < 1e-8, torch.ones_like(std), std)
      `,
    },
    {
      name: 'std clamped before dividing',
      code: `
        def normalize(adv):
            return (adv - adv.mean()) / adv.std().clamp(min=1e-8)
      `,
    },
    {
      name: 'std clamped into the same variable',
      code: `
        def normalize(adv):
            std = adv.std()
            std = std.clamp(min=1e-8)
            return (adv - adv.mean()) / std
      `,
    },
    {
      name: 'checked before dividing (the group std is compared with a threshold)',
      code: `
        def group_advantages(rewards):
            group_mean, group_std = 0.0, 1.0
            group_std = np.std(rewards)
            if group_std > 1e-8:
                return (rewards - group_mean) / group_std
            return rewards - group_mean
      `,
    },
    {
      name: 'zero entries of a std tensor set to one',
      code: `
        def whiten(values):
            std = values.std(dim=0)
            std[std == 0] = 1.0
            return (values - values.mean(dim=0)) / std
      `,
    },
    {
      name: 'the result goes through nan_to_num',
      code: `
        def normalize(x):
            z = (x - x.mean()) / x.std()
            return torch.nan_to_num(z)
      `,
    },
    {
      name: 'a std passed in by the caller is not computed here',
      code: `
        def apply_stats(reward, mean, std):
            return (reward - mean) / std
      `,
    },
    {
      name: 'running statistics kept on the object',
      code: `
        class RewardNormalizer:
            def __call__(self, reward):
                return (reward - self.mean) / self.std
      `,
    },
    {
      name: 'per-group dictionary of stds with epsilon',
      code: `
        def outcome_advantage(scores, index, epsilon=1e-6):
            id2std = {}
            for idx in index:
                id2std[idx] = torch.std(scores[idx])
            return [(s - 0.5) / (id2std[i] + epsilon) for s, i in zip(scores, index)]
      `,
    },
    {
      language: 'typescript',
      name: 'JS: epsilon added',
      code: `
        export function normalize(rewards: number[]): number[] {
          const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
          const std = Math.sqrt(rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / rewards.length);
          return rewards.map((r) => (r - mean) / (std + 1e-6));
        }
      `,
    },
    {
      language: 'typescript',
      name: 'JS: zero std checked',
      code: `
        export function normalize(rewards: number[], mean: number): number[] {
          const std = standardDeviation(rewards);
          return std === 0 ? rewards.map(() => 0) : rewards.map((r) => (r - mean) / std);
        }
      `,
    },
    {
      language: 'typescript',
      name: 'JS: a square root under a name that does not say std',
      code: `
        export function unit(v: number[]): number[] {
          const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
          return v.map((x) => x / norm);
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'GRPO group advantage divided by the bare std call',
      code: `
        def grpo_advantages(rewards):
            return (rewards - rewards.mean(dim=-1, keepdim=True)) / rewards.std(dim=-1, keepdim=True)
      `,
      errors: [{ line: 2, column: 12, severity: 'warning', message: /std 0/,
        fix: '    return (rewards - rewards.mean(dim=-1, keepdim=True)) / (rewards.std(dim=-1, keepdim=True) + 1e-6)' }],
    },
    {
      name: 'std variable computed with np.std, division across lines',
      code: `
        def normalize(rewards):
            mean = np.mean(rewards)
            std = np.std(rewards)
            return [
                (r - mean)
                / std
                for r in rewards
            ]
      `,
      errors: [{ line: 5, column: 9, endLine: 6, fix: '        / (std + 1e-6)' }],
    },
    {
      name: 'parenthesized std and in-place division',
      code: `
        def whiten(advantages):
            std = torch.std(advantages)
            advantages = advantages - advantages.mean()
            advantages /= std
            return advantages / (std)
      `,
      errors: [
        { line: 4, column: 5, fix: '    advantages /= std + 1e-6' },
        { line: 5, column: 12, fix: '    return advantages / (std + 1e-6)' },
      ],
    },
    {
      name: 'per-group dictionary of stds used without epsilon',
      code: `
        def outcome_advantage(scores, index):
            id2mean, id2std = {}, {}
            for idx in set(index):
                id2mean[idx] = torch.mean(scores[idx])
                id2std[idx] = torch.std(scores[idx])
            return [(s - id2mean[i]) / id2std[i] for s, i in zip(scores, index)]
      `,
      errors: [{ line: 6, column: 13, fix: '    return [(s - id2mean[i]) / (id2std[i] + 1e-6) for s, i in zip(scores, index)]' }],
    },
    {
      name: 'statistics.stdev over a list of rewards',
      code: `
        def zscore(rewards):
            mu = statistics.mean(rewards)
            return [(r - mu) / statistics.stdev(rewards) for r in rewards]
      `,
      errors: [{ line: 3, column: 13 }],
    },
    {
      language: 'typescript',
      name: 'JS: Math.sqrt of the variance under a std name',
      code: `
        export function normalize(rewards: number[]): number[] {
          const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
          const std = Math.sqrt(rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / rewards.length);
          return rewards.map((r) => (r - mean) / std);
        }
      `,
      errors: [{ line: 4, column: 29, fix: '  return rewards.map((r) => (r - mean) / (std + 1e-6));' }],
    },
    {
      language: 'typescript',
      name: 'JS: simple-statistics standardDeviation call',
      code: `
        export const advantages = (rewards: number[], mean: number) =>
          rewards.map((r) => (r - mean) / standardDeviation(rewards));
      `,
      errors: [{ line: 2, column: 22, fix: '  rewards.map((r) => (r - mean) / (standardDeviation(rewards) + 1e-6));' }],
    },
  ],
});
