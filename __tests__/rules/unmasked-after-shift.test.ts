import { unmaskedAfterShift } from '../../src/analysis/rules/unmasked-after-shift';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(unmaskedAfterShift, {
  valid: [
    {
      name: 'whitened, then multiplied by the mask',
      code: `
        def baseline_advantages(scores, response_mask):
            scores = masked_whiten(scores, response_mask) * response_mask
            return scores, scores
      `,
    },
    {
      name: 'masked again on a later line',
      code: `
        def gae(advantages, response_mask, padding_mask):
            advantages = masked_whiten(advantages, response_mask)
            advantages = torch.masked_fill(advantages, padding_mask, 0)
            return advantages
      `,
    },
    {
      name: 'scaled without shifting the mean: padding stays 0',
      code: `
        def scale(rewards, padding_mask):
            rewards = masked_whiten(rewards, mask=~padding_mask, shift_mean=False)
            return rewards
      `,
    },
    {
      name: 'values computed with each row own mask, then masked',
      code: `
        def stepwise(data, is_last_step, traj_ids):
            last = compute_advantages(rewards=data["rewards"][is_last_step], response_mask=torch.ones_like(data["response_mask"][is_last_step]))
            advantages = last[traj_ids] * data["response_mask"]
            return advantages
      `,
    },
  ],
  invalid: [
    {
      name: 'REINFORCE++ baseline advantages whitened and returned unmasked (info)',
      code: `
        def reinforce_pp_baseline(scores, response_mask):
            scores = scores.unsqueeze(-1) * response_mask
            scores = masked_whiten(scores, response_mask)
            return scores, scores
      `,
      errors: [{ line: 3, column: 14, message: /padding that was 0 becomes -mean\/std/, severity: 'info' }],
    },
    {
      name: 'advantages computed under the mask of the last steps, copied to every step (warning)',
      code: `
        def stepwise(data, is_last_step, traj_ids):
            last_step_advantages, last_step_returns = compute_advantages_and_returns(
                token_level_rewards=data["rewards"][is_last_step],
                response_mask=data["response_mask"][is_last_step],
            )
            advantages = last_step_advantages[traj_ids]
            returns = last_step_returns[traj_ids]
            return advantages, returns
      `,
      errors: [
        { line: 6, column: 5, message: /computed under the mask of other rows/, severity: 'warning' },
        { line: 7, column: 5, severity: 'warning' },
      ],
    },
  ],
});
