import { statisticOverPadding } from '../../src/analysis/rules/statistic-over-padding';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(statisticOverPadding, {
  valid: [
    {
      name: 'the quantile of the real tokens only',
      code: `
        def entropy_mask(entropies, completion_mask, q):
            threshold = torch.quantile(entropies[completion_mask.bool()].float(), q)
            return (entropies >= threshold) & completion_mask.bool()
      `,
    },
    {
      name: 'the real tokens selected into a name first',
      code: `
        def entropy_mask(entropies, completion_mask, q):
            real = entropies[completion_mask.bool()]
            threshold = torch.quantile(real.float(), q)
            return entropies >= threshold
      `,
    },
    {
      name: 'a masked per-sequence mean',
      code: `
        def seq_loss(per_token_loss, loss_mask):
            return (per_token_loss * loss_mask).sum(-1) / loss_mask.sum(-1)
      `,
    },
    {
      name: 'masked_mean along the token axis',
      code: `
        def seq_kl(kl, response_mask):
            return masked_mean(kl, response_mask, dim=-1)
      `,
    },
    {
      name: 'a mean over a non-token axis (GRPO group baseline)',
      code: `
        def baseline(rewards, completion_mask, num_generations):
            return rewards.view(-1, num_generations).mean(dim=1)
      `,
    },
    {
      name: 'a per-token mean where no mask is in sight',
      code: `
        def mean_entropy(entropies):
            return entropies.mean(-1)
      `,
    },
    {
      name: 'a tensor zeroed by the mask before the mean (a constant normalizer on purpose)',
      code: `
        def dr_grpo(per_token_loss, loss_mask):
            masked = per_token_loss * loss_mask
            return masked.mean(-1).sum()
      `,
    },
  ],
  invalid: [
    {
      name: 'an entropy threshold over every position of the batch',
      code: `
        def compute_loss(self, inputs):
            completion_mask = inputs["completion_mask"]
            entropies = self.forward(inputs)["entropies"]
            entropy_threshold = torch.quantile(entropies.flatten().float(), self.top_entropy_quantile)
            return entropies >= entropy_threshold
      `,
      errors: [{ line: 4, column: 25, message: /`entropies` over every position, padding included, while `completion_mask`/ }],
    },
    {
      name: 'a per-sequence mean over padding in a loss that has the mask',
      code: `
        def loss_fn(logits, labels, loss_mask):
            per_token_losses = cross_entropy(logits, labels, where=loss_mask)
            return per_token_losses.mean(axis=-1).sum()
      `,
      errors: [{ line: 3, column: 12 }],
    },
    {
      name: 'torch.mean along the token axis',
      code: `
        def seq_logps(per_token_logps, attention_mask):
            return torch.mean(per_token_logps, dim=1)
      `,
      errors: [{ line: 2, column: 12 }],
    },
  ],
});
