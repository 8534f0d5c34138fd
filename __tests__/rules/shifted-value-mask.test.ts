import { shiftedValueMask } from '../../src/analysis/rules/shifted-value-mask';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(shiftedValueMask, {
  valid: [
    {
      name: 'an annotated declaration beside labels shifted left (no right side to read)',
      code: `
        def training_step(self, input_ids, attention_mask):
            labels = input_ids[:, 1:]
            loss_mask: torch.Tensor
            loss_mask = attention_mask[:, 1:]
            return labels, loss_mask
      `,
    },
    {
      name: 'values sliced at the prefix ends, masked with the response mask',
      code: `
        def compute_values(self, output, attention_mask, response_length):
            values = output[:, -response_length - 1 : -1]
            response_mask = attention_mask[:, -response_length:]
            return values * response_mask
      `,
    },
    {
      name: 'log-probs sliced at the prefix ends',
      code: `
        def forward(logits, responses, response_length):
            log_probs = logprobs_from_logits(logits[:, -response_length - 1 : -1], responses)
            return log_probs
      `,
    },
    {
      name: 'values at [:, :-1] in a critic',
      code: `
        class CriticWorker:
            def forward_values(self, output_tensor):
                values = output_tensor[:, :-1]
                return values.squeeze(-1)
      `,
    },
    {
      name: 'a reward model reads its scores at [:, 1:] along shifted input ids',
      code: `
        class RewardWorker:
            def forward_func_values(self, output_tensor):
                values = output_tensor[:, 1:]
                return values.squeeze(-1)
      `,
    },
    {
      name: 'values sliced first, then masked with the response mask',
      code: `
        def compute_values(self, values, attention_mask, response_length):
            values = values[:, -response_length - 1 : -1]
            values = values * attention_mask[:, -response_length:]
            return values
      `,
    },
    {
      name: 'a mask sliced from a prompt length (the state convention of some trainers)',
      code: `
        def action_mask_of(attention_mask, input_len):
            return attention_mask[:, input_len - 1 : -1]
      `,
    },
  ],
  invalid: [
    {
      name: 'values masked with the shifted attention mask',
      code: `
        def compute_values(self, values, attention_mask, responses):
            response_length = responses.size(1)
            values = values * attention_mask[:, -response_length - 1 : -1]
            return values
      `,
      errors: [{ line: 3, column: 23, message: /attention_mask\[:, -response_length:\]/ }],
    },
    {
      name: 'a response mask for the value loss built one position early',
      code: `
        def update_critic(self, data, response_length):
            response_mask = data["attention_mask"][:, -(response_length + 1) : -1]
            return response_mask
      `,
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'values masked with the whole attention mask, then sliced one before the response',
      code: `
        def compute_values(self, values, attention_mask, response_length):
            values = values * attention_mask
            values = values[:, -response_length - 1 : -1]
            return values
      `,
      errors: [{ line: 2, column: 5, message: /Slice first, then multiply by `attention_mask\[:, -response_length:\]`/ }],
    },
    {
      name: 'a critic reads its values at [:, 1:]',
      code: `
        class CriticWorker:
            def forward_func_values(self, data, output_tensor):
                values = output_tensor[:, 1:]
                return values.squeeze(dim=-1)
      `,
      errors: [{ line: 3, column: 18, message: /one position late/ }],
    },
    {
      name: 'an SFT loss mask sliced like the logits while the labels are shifted (info: the dataset may pre-shift it)',
      code: `
        def _compute_loss(self, batch):
            input_ids = batch["input_ids"]
            loss_mask = batch.pop("loss_mask")[:, :-1].reshape(-1)
            labels = input_ids[:, 1:].contiguous()
            return labels, loss_mask
      `,
      errors: [{ line: 3, column: 17, severity: 'info', message: /unless the dataset already shifted the mask/ }],
    },
  ],
});
