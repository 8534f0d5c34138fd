import { wrongBroadcastAxis } from '../../src/analysis/rules/wrong-broadcast-axis';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(wrongBroadcastAxis, {
  valid: [
    {
      name: 'the per-row statistics kept as (batch, 1)',
      code: `
        def masked_normalize(tensor, mask, dim=1):
            mean = (tensor * mask).sum(dim=dim, keepdim=True) / mask.sum(dim=dim, keepdim=True)
            centered = tensor - mean
            return centered
      `,
    },
    {
      name: 'a statistic over the leading axis, and one given another value before use',
      code: `
        def whiten(values, mask):
            column_mean = values.mean(dim=0)
            centered = values - column_mean
            mean = masked_mean(values, mask, dim=-1)
            mean = mean.mean()
            return (values - mean), centered
      `,
    },
    {
      name: 'the shape fix that does reshape',
      code: `
        def loss(advantages, ratio):
            if advantages.dim() == 1:
                advantages = advantages.unsqueeze(1)
            return ratio * advantages
      `,
    },
  ],
  invalid: [
    {
      name: 'OpenRLHF#1250: a per-row mean without keepdim subtracted from its tensor',
      code: `
        def masked_normalize(tensor, mask, dim=1, eps=1e-8):
            tensor = tensor * mask
            mean = masked_mean(tensor, mask, dim=dim)
            mean_centered = tensor - mean
            return mean_centered
      `,
      errors: [{ line: 4, column: 21, message: /keepdim=True/ }],
    },
    {
      name: 'TRL 4db63af: a shape check whose branch assigns the name to itself',
      code: `
        def compute_loss(self, inputs, coef):
            advantages = inputs["advantages"]
            if advantages.dim() == 1:
                advantages = advantages
            return coef * advantages
      `,
      errors: [{ line: 4, column: 9, message: /never happens/ }],
    },
  ],
});
