import { lossAggregationMismatch } from '../../src/analysis/rules/loss-aggregation-mismatch';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(lossAggregationMismatch, {
  valid: [
    {
      name: 'each mode with its own arithmetic',
      code: `
        def aggregate(loss_mat, loss_mask, mode, max_len):
            if mode == "token-mean":
                loss = (loss_mat * loss_mask).sum() / loss_mask.sum().clamp(min=1)
            elif mode == "seq-mean-token-sum":
                seq_losses = torch.sum(loss_mat * loss_mask, dim=-1)
                loss = seq_losses.mean()
            elif mode == "seq-mean-token-mean":
                seq_losses = torch.sum(loss_mat * loss_mask, dim=-1) / (torch.sum(loss_mask, dim=-1) + 1e-8)
                loss = seq_losses.mean()
            elif mode == "seq-mean-token-sum-norm":
                loss = torch.sum(loss_mat * loss_mask) / max_len
            else:
                raise ValueError(mode)
            return loss
      `,
    },
    {
      name: 'token-mean through a global masked mean',
      code: `
        def aggregate(loss_mat, loss_mask, loss_agg_mode):
            if loss_agg_mode == "token-mean":
                return masked_mean(loss_mat, loss_mask)
            return masked_mean(loss_mat, loss_mask, dim=-1).mean()
      `,
    },
    {
      name: 'sequence_mean as a per-sequence token count in the denominator (SkyRL-style advantage scaling)',
      code: `
        def normalize(advantages, loss_mask, loss_reduction, batch_size, max_seq_len):
            if loss_reduction == "token_mean":
                return advantages / loss_mask.sum().clamp(min=1)
            elif loss_reduction == "sequence_mean":
                return advantages / (batch_size * loss_mask.sum(dim=-1, keepdim=True).clamp(min=1))
            elif loss_reduction == "seq_mean_token_sum_norm":
                return advantages / (batch_size * max_seq_len)
      `,
    },
    {
      name: 'a count of non-empty sequences is not a token count',
      code: `
        def aggregate(loss_mat, loss_mask, mode):
            if mode == "seq-mean-token-sum":
                seq_losses = torch.sum(loss_mat * loss_mask, dim=-1)
                seq_mask = (torch.sum(loss_mask, dim=-1) > 0).float()
                return (seq_losses * seq_mask).sum() / seq_mask.sum()
      `,
    },
    {
      name: 'every loss gets the mode, or reads it from its own config',
      code: `
        def update_policy(self, data, loss_agg_mode):
            pg_loss = compute_policy_loss(data["old_log_probs"], data["log_probs"], data["advantages"], data["mask"],
                                          loss_agg_mode=loss_agg_mode)
            entropy_loss = agg_loss(data["entropy"], data["mask"], loss_agg_mode=loss_agg_mode)
            kl_loss = self._compute_kl_loss(data["log_probs"], data["ref_log_probs"])
            return pg_loss - entropy_loss + kl_loss
      `,
    },
    {
      name: 'a masked mean divided by a number of micro-batches',
      code: `
        def scale(loss, mask, num_micro_batches):
            return masked_mean(loss, mask) / num_micro_batches
      `,
    },
  ],
  invalid: [
    {
      name: 'a token-sum branch divides by each sequence\'s token count',
      code: `
        def agg_loss(loss_mat, loss_mask, loss_agg_mode):
            if loss_agg_mode == "seq-mean-token-sum":
                seq_losses = torch.sum(loss_mat * loss_mask, dim=-1) / torch.sum(loss_mask, dim=-1)
                loss = torch.mean(seq_losses)
            return loss
      `,
      errors: [{ line: 3, column: 22, message: /`seq-mean-token-sum` branch averages each sequence/ }],
    },
    {
      name: 'token-sum and Dr. GRPO branches take a masked mean; seq-mean-token-mean divides it again',
      code: `
        def agg_loss(loss_mat, loss_mask, loss_agg_mode):
            if loss_agg_mode == "seq-mean-token-sum":
                seq_losses = masked_mean(loss_mat, loss_mask, dim=-1)
            elif loss_agg_mode == "seq-mean-token-mean":
                seq_losses = masked_mean(loss_mat, loss_mask, dim=-1)
                seq_losses = seq_losses / (torch.sum(loss_mask, dim=-1) + 1e-8)
            elif loss_agg_mode == "seq-mean-token-sum-norm":
                seq_losses = masked_mean(loss_mat, loss_mask, dim=-1)
            return seq_losses.mean()
      `,
      errors: [
        { line: 3, column: 22 },
        { line: 6, column: 22, message: /already divided by the number of tokens/ },
        { line: 8, column: 22 },
      ],
    },
    {
      name: 'a Dr. GRPO branch divides by the mask count',
      code: `
        def agg_loss(loss_mat, loss_mask, mode):
            if mode in ("seq-mean-token-sum-norm",):
                return (loss_mat * loss_mask).sum() / loss_mask.sum()
      `,
      errors: [{ line: 3, column: 16, message: /divides by a constant/ }],
    },
    {
      name: 'a token-mean branch averages per sequence first',
      code: `
        def agg_loss(loss_mat, loss_mask, mode):
            if mode == "token_mean":
                return (loss_mat * loss_mask).sum(-1) / loss_mask.sum(-1)
      `,
      errors: [{ line: 3, column: 16, message: /each token weighs the same/ }],
    },
    {
      name: 'the policy loss called without the mode the entropy loss gets',
      code: `
        def update_policy(self, data):
            loss_agg_mode = self.config.loss_agg_mode
            pg_loss = core_algos.compute_policy_loss(data["old_log_probs"], data["log_probs"], data["advantages"],
                                                     data["mask"], cliprange=self.config.clip_ratio)
            entropy_loss = agg_loss(data["entropy"], data["mask"], loss_agg_mode=loss_agg_mode)
            return pg_loss - entropy_loss
      `,
      errors: [{ line: 3, column: 15, message: /without `loss_agg_mode`/ }],
    },
    {
      name: 'a masked mean divided by the mask sum outside any mode switch',
      code: `
        def sft_loss(logps, loss_mask):
            return masked_mean(-logps, loss_mask, dim=-1) / loss_mask.sum(-1)
      `,
      errors: [{ line: 2, column: 12 }],
    },
  ],
});
