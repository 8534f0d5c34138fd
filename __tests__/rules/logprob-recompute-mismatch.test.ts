import { logprobRecomputeMismatch } from '../../src/analysis/rules/logprob-recompute-mismatch';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(logprobRecomputeMismatch, {
  valid: [
    {
      name: 'the forward passes the attention mask',
      code: `
        def per_token_logps(model, input_ids, attention_mask, logits_to_keep):
            logits = model(input_ids=input_ids, attention_mask=attention_mask, logits_to_keep=logits_to_keep + 1).logits
            return selective_log_softmax(logits[:, :-1], input_ids[:, -logits_to_keep:])
      `,
    },
    {
      name: 'inputs splatted from the batch (the mask is in them)',
      code: `
        def per_token_logps(model, batch, pad_token_id):
            logits = model(**batch).logits
            return selective_log_softmax(logits, batch["input_ids"])
      `,
    },
    {
      name: 'packed sequences carry their boundaries instead of a mask',
      code: `
        def forward_packed(self, input_ids_rmpad, position_ids_rmpad, pad_token_id):
            logits = self.actor_module(input_ids_rmpad).logits
            return logprobs_from_logits(logits, input_ids_rmpad)
      `,
    },
    {
      name: 'a forward whose output is not turned into log-probs',
      code: `
        def embed(model, input_ids, pad_token_id):
            return model(input_ids).last_hidden_state
      `,
    },
    {
      name: 'eval mode set around the recomputation',
      code: `
        class MegatronPPOActor:
            def compute_log_prob(self, data):
                prev = [m.training for m in self.actor_module]
                for m in self.actor_module:
                    m.eval()
                out = self.forward_backward_batch(data, forward_only=True)
                for m, mode in zip(self.actor_module, prev):
                    m.train(mode)
                return out

            def forward_backward_batch(self, data, forward_only=False):
                return self.actor_module[0](data)
      `,
    },
    {
      name: 'the recomputation is delegated to a strategy that manages the mode',
      code: `
        class CriticWorker:
            def compute_values(self, data):
                with torch.no_grad():
                    return self.strategy.forward_step(batch=data, forward_func=self.forward_func_values)
      `,
    },
    {
      name: 'cross-entropy negated into log-probs',
      code: `
        def token_logprobs(logits, labels):
            logprobs = -F.cross_entropy(logits.transpose(1, 2), labels, reduction="none")
            return logprobs
      `,
    },
    {
      name: 'cross-entropy as the SFT loss',
      code: `
        def sft_loss(logits, labels):
            per_token_loss = F.cross_entropy(logits.transpose(1, 2), labels, reduction="none")
            return per_token_loss.mean()
      `,
    },
  ],
  invalid: [
    {
      name: 'policy log-probs over left-padded prompt + completion ids without the mask',
      code: `
        def get_per_token_logps(model, input_ids, logits_to_keep):
            logits = model(input_ids, logits_to_keep=logits_to_keep + 1).logits
            logits = logits[:, :-1, :]
            per_token_logps = []
            for logits_row, ids_row in zip(logits, input_ids[:, -logits_to_keep:]):
                log_probs = logits_row.log_softmax(dim=-1)
                per_token_logps.append(torch.gather(log_probs, dim=1, index=ids_row.unsqueeze(1)).squeeze(1))
            return torch.stack(per_token_logps)

        completion_ids = pad(completion_ids, padding_value=tokenizer.pad_token_id)
      `,
      errors: [{ line: 2, column: 14, message: /without `attention_mask`/ }],
    },
    {
      name: 'old log-probs over concatenated query and response tokens',
      code: `
        def make_experience(self, query_tensors, response_tensors):
            all_tokens = torch.cat((query_tensors, response_tensors), dim=1)
            with torch.no_grad():
                logits, _, values = self.rl_model.model(all_tokens)
            return logprobs_from_logits(logits[:, :-1, :], all_tokens[:, 1:])
      `,
      errors: [{ line: 4, column: 29 }],
    },
    {
      name: 'compute_log_prob runs the module of its class and nothing sets eval mode',
      code: `
        class MegatronPPOActor:
            def compute_log_prob(self, data):
                with torch.no_grad():
                    output = self.forward_backward_batch(data, forward_only=True)
                return output["log_probs"]

            def forward_backward_batch(self, data, forward_only=False):
                return self.actor_module[0](data)
      `,
      errors: [{ line: 2, column: 9, message: /train mode by default/ }],
    },
    {
      name: 'cross-entropy stored as log-probs without its minus sign',
      code: `
        def token_logprobs(logits, labels):
            logprobs = F.cross_entropy(logits.transpose(1, 2), labels, reduction="none")
            return logprobs
      `,
      errors: [{ line: 2, column: 5, message: /negative\* log-prob/ }],
    },
  ],
});
