import { klLossSign } from '../../src/analysis/rules/kl-loss-sign';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(klLossSign, {
  valid: [
    {
      name: 'the KL penalty added to the loss',
      code: `
        def update(self, pg_loss, kl_loss):
            policy_loss = pg_loss + kl_loss * self.config.kl_loss_coef
            return policy_loss
      `,
    },
    {
      name: 'the KL penalty subtracted from the reward (the reward form is right)',
      code: `
        def apply_kl(token_level_scores, kld, beta):
            token_level_rewards = token_level_scores - beta * kld
            return token_level_rewards
      `,
    },
    {
      name: 'the KL subtracted inside an objective that is negated into the loss',
      code: `
        def grpo_loss(ratio, advantages, per_token_kl, beta):
            per_token_loss = -(ratio * advantages - beta * per_token_kl)
            return per_token_loss.mean()
      `,
    },
    {
      name: 'a maximized objective keeps the minus sign',
      code: `
        def objective(score, kl, beta):
            objective = score - beta * kl
            return objective
      `,
    },
    {
      name: 'a KL coefficient is not a KL',
      code: `
        def total(loss, kl_coef):
            loss = loss - kl_coef
            return loss
      `,
    },
    {
      name: 'a KTO-style loss takes the KL inside a sigmoid',
      code: `
        def kto(chosen_logratios, kl, beta):
            chosen_losses = 1 - F.sigmoid(beta * (chosen_logratios - kl))
            return chosen_losses
      `,
    },
    {
      name: 'the reward-side KL under no_grad, never added to a loss',
      code: `
        def compute_rewards(self, log_probs, ref_log_probs, scores):
            with torch.no_grad():
                kl = log_probs - ref_log_probs
            rewards = scores - self.kl_coef * kl
            return rewards
      `,
    },
    {
      name: 'a KL under no_grad recomputed with gradients before the loss',
      code: `
        def step(self, log_probs, ref_log_probs, pg_loss):
            with torch.no_grad():
                kl = (log_probs - ref_log_probs).mean()
            self.log({"kl": kl})
            kl = log_probs - ref_log_probs
            loss = pg_loss + self.beta * kl.mean()
            return loss
      `,
    },
    {
      name: 'a KL estimator without no_grad',
      code: `
        def compute_approx_kl(log_probs, log_probs_base):
            return log_probs - log_probs_base
      `,
    },
    {
      name: 'a no_grad KL metric',
      code: `
        @torch.no_grad()
        def compute_kl_metrics(log_probs, ref_log_probs):
            return {"kl": (log_probs - ref_log_probs).mean().item()}
      `,
    },
    {
      name: 'test code',
      code: `
        def test_kl(pg_loss, kl):
            loss = pg_loss - kl
            assert loss < 0
      `,
    },
  ],
  invalid: [
    {
      name: 'the KL penalty subtracted from the policy loss',
      code: `
        def update(self, pg_loss, kl_loss):
            policy_loss = pg_loss - kl_loss * self.config.kl_loss_coef
            return policy_loss
      `,
      errors: [{ line: 2, column: 19, message: /subtracted from `policy_loss`/ }],
    },
    {
      name: 'the KL subtracted with -=',
      code: `
        def update(loss, per_token_kl, beta):
            loss -= beta * per_token_kl.mean()
            return loss
      `,
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'the KL subtracted inside a masked mean of the loss',
      code: `
        def loss_fn(ratio, advantages, kl, mask, beta):
            loss = masked_mean(-ratio * advantages - beta * kl, mask)
            return loss
      `,
      errors: [{ line: 2, column: 24 }],
    },
    {
      name: 'a loss function that returns the KL subtracted',
      code: `
        def compute_policy_loss(pg_losses, kl, kl_coef):
            return (pg_losses - kl_coef * kl).mean()
      `,
      errors: [{ line: 2, column: 13 }],
    },
    {
      name: 'a KL computed under no_grad, then added to the loss',
      code: `
        def training_step(self, log_probs, ref_log_probs, pg_loss, mask):
            with torch.no_grad():
                kl = compute_approx_kl(log_probs, ref_log_probs)
            kl_loss = masked_mean(kl, mask)
            loss = pg_loss + self.kl_coef * kl_loss
            loss.backward()
      `,
      errors: [{ line: 3, column: 9, message: /no gradient/ }],
    },
    {
      name: 'a KL estimator decorated with no_grad',
      code: `
        @torch.no_grad()
        def compute_approx_kl(log_probs, log_probs_base, loss_mask=None):
            kl = log_probs - log_probs_base
            if loss_mask is not None:
                kl = kl * loss_mask
            return kl
      `,
      errors: [{ line: 1, column: 1, message: /@torch.no_grad/ }],
    },
  ],
});
