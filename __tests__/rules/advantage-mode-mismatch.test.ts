import { advantageModeMismatch } from '../../src/analysis/rules/advantage-mode-mismatch';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(advantageModeMismatch, {
  valid: [
    {
      name: 'each mode with its own statistics, and no division for "none"',
      code: `
        def advantages(self, rewards, advantages):
            if self.scale_rewards in ["group", "none"]:
                std = rewards.view(-1, self.num_generations).std(dim=1)
            elif self.scale_rewards == "batch":
                std = rewards.std().expand_as(rewards)
            if self.scale_rewards != "none":
                advantages = advantages / (std + 1e-4)
            return advantages
      `,
    },
    {
      name: 'a batch branch that also logs the group std',
      code: `
        def advantages(self, rewards, n):
            if self.scale_rewards == "batch":
                std = rewards.std().expand_as(rewards)
                group_std = rewards.view(-1, n).std(dim=1)
            return std, group_std
      `,
    },
    {
      name: 'a per-group function: the whole tensor is one group',
      code: `
        def compute_group_advantage(rewards, global_std, std_norm):
            advantages = rewards - rewards.mean()
            if std_norm == "local":
                advantages = advantages / (rewards.std() + 1e-8)
            elif std_norm == "global":
                advantages = advantages / global_std
            return advantages
      `,
    },
  ],
  invalid: [
    {
      name: 'TRL#3992: group std under "batch", and "none" still divides',
      code: `
        def advantages(self, rewards, advantages):
            if self.scale_rewards in ["batch", "none"]:
                std = rewards.view(-1, self.num_generations).std(dim=1)
            elif self.scale_rewards == "group":
                std = rewards.std().expand_as(rewards)
            if self.scale_rewards in ["batch", "none"]:
                advantages = advantages / (std + 1e-4)
            return advantages
      `,
      errors: [
        { line: 2, column: 8, message: /`"batch", "none"` branch uses per-group statistics/ },
        { line: 6, column: 8, message: /taken for `"none"`/ },
      ],
    },
    {
      name: 'prime-rl#1188: the global std under "local"',
      code: `
        def compute_advantage(rewards, global_std, std_norm):
            advantages = rewards - rewards.mean()
            if std_norm == "local":
                advantages = advantages / global_std
            elif std_norm == "global":
                advantages = advantages / (rewards.std() + 1e-8)
            return advantages
      `,
      errors: [{ line: 3, column: 8, message: /batch-wide statistics \(`global_std`\)/ }],
    },
  ],
});
