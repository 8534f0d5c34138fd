import { staleLossNormalizer } from '../../src/analysis/rules/stale-loss-normalizer';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(staleLossNormalizer, {
  valid: [
    {
      name: 'the normalizer counts the final loss mask',
      code: `
        def prepare(self, completion_mask, is_truncated):
            completion_mask = completion_mask * (~is_truncated).unsqueeze(1).int()
            num_items_in_batch = self.accelerator.gather(completion_mask.sum()).sum()
            return {"completion_mask": completion_mask, "num_items_in_batch": num_items_in_batch}
      `,
    },
    {
      name: 'counted again after the mask changes',
      code: `
        def prepare(completion_mask, tool_mask):
            num_items_in_batch = completion_mask.sum()
            completion_mask = completion_mask * tool_mask
            num_items_in_batch = completion_mask.sum()
            return num_items_in_batch
      `,
    },
    {
      name: 'a count of another mask than the one masked later',
      code: `
        def stats(attention_mask, completion_mask, keep):
            num_tokens = attention_mask.sum()
            completion_mask = completion_mask * keep
            return num_tokens, completion_mask
      `,
    },
    {
      name: 'a normalizer floored at one',
      code: `
        def scale(total_loss, loss_scale):
            return total_loss / max(loss_scale, 1)
      `,
    },
  ],
  invalid: [
    {
      name: 'the count taken before truncated completions are masked out',
      code: `
        def prepare(self, completion_mask, is_truncated):
            num_items_in_batch = self.accelerator.gather(completion_mask.sum()).sum()
            if self.mask_truncated_completions:
                completion_mask = completion_mask * (~is_truncated).unsqueeze(1).int()
            return {"completion_mask": completion_mask, "num_items_in_batch": num_items_in_batch}
      `,
      errors: [{ line: 2, column: 5, message: /before line 4 masks more of them out/ }],
    },
    {
      name: 'a denominator unpacked from generation, then the loss mask is narrowed',
      code: `
        def generate_and_score(self, prompts):
            (
                completion_ids,
                num_items_in_batch,
            ) = self._generate(prompts)
            completion_mask = self.mask_of(completion_ids)
            completion_mask = completion_mask * self.tool_mask(completion_ids)
            return {"completion_mask": completion_mask, "num_items_in_batch": num_items_in_batch}
      `,
      errors: [{ line: 4, column: 9 }],
    },
    {
      name: 'padding rows zeroed in the mask after the count',
      code: `
        def loss_denominator(loss_mask, dropped):
            batch_num_tokens = loss_mask.sum()
            loss_mask[dropped] = 0
            return batch_num_tokens
      `,
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'min instead of max',
      code: `
        def scale(total_loss, loss_scale):
            return total_loss / min(loss_scale, 1)
      `,
      errors: [{ line: 2, column: 25, message: /max\(count, 1\)/ }],
    },
  ],
});
