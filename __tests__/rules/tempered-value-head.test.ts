import { temperedValueHead } from '../../src/analysis/rules/tempered-value-head';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(temperedValueHead, {
  valid: [
    {
      name: 'the policy divides its logits',
      code: `
        def compute_log_prob(self, logits, temperature):
            logits = logits / temperature
            return log_softmax(logits, dim=-1)
      `,
    },
    {
      name: 'a critic that does not touch the temperature',
      code: `
        class Critic:
            def compute_values(self, output):
                values = output[:, :-1].squeeze(-1)
                return values
      `,
    },
    {
      name: 'a policy method inside a worker that also has a critic',
      code: `
        class ActorCriticWorker:
            def policy_log_probs(self, logits):
                return (logits / self.temperature).log_softmax(-1)
      `,
    },
  ],
  invalid: [
    {
      name: 'critic values divided by the rollout temperature',
      code: `
        class CriticWorker:
            def compute_values(self, output, temperature):
                values = output.squeeze(-1)
                values = values / temperature
                return values
      `,
      errors: [{ line: 4, column: 18, message: /divides by the sampling temperature in `compute_values`/ }],
    },
    {
      name: 'reward-model scores scaled in place',
      code: `
        def reward_model_forward(model, input_ids, temperature):
            scores = model(input_ids).logits
            scores.div_(temperature)
            return scores[:, -1]
      `,
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
