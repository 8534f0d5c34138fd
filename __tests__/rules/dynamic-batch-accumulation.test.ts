import { dynamicBatchAccumulation } from '../../src/analysis/rules/dynamic-batch-accumulation';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(dynamicBatchAccumulation, {
  valid: [
    {
      name: 'the fixed count only for fixed-size micro-batches, the share of the mini-batch under dynamic batching',
      code: `
        def update_policy(self, data):
            for micro_batch in self.micro_batches(data):
                if self.config.use_dynamic_bsz:
                    loss = self.loss(micro_batch) * (len(micro_batch) / self.config.ppo_mini_batch_size)
                else:
                    loss = self.loss(micro_batch) / self.gradient_accumulation
                loss.backward()
      `,
    },
    {
      name: 'a scale factor chosen by a conditional expression on the switch',
      code: `
        def update_critic(self, data, use_dynamic_bsz):
            for micro_batch in rearrange_micro_batches(data, max_token_len=4096)[0]:
                scale = len(micro_batch) / self.mini_batch_size if use_dynamic_bsz else 1 / self.gradient_accumulation
                (self.loss(micro_batch) * scale).backward()
      `,
    },
    {
      name: 'no dynamic batching in the function: equal micro-batches',
      code: `
        use_dynamic_bsz = False

        def train_step(self, batch):
            for micro_batch in batch.split(self.micro_batch_size):
                loss = self.loss(micro_batch) / self.grad_accum_steps
                loss.backward()
      `,
    },
  ],
  invalid: [
    {
      name: 'the fixed count under both kinds of micro-batches (verl#141)',
      code: `
        def update_policy(self, data):
            self.gradient_accumulation = self.config.ppo_mini_batch_size // self.config.ppo_micro_batch_size_per_gpu
            if self.config.use_dynamic_bsz:
                micro_batches, _ = rearrange_micro_batches(batch=data, max_token_len=self.max_token_len)
            else:
                micro_batches = data.split(self.config.ppo_micro_batch_size_per_gpu)
            for micro_batch in micro_batches:
                loss = self.loss(micro_batch) / self.gradient_accumulation
                loss.backward()
      `,
      errors: [{ line: 8, column: 16, message: /share of the mini-batch/ }],
    },
    {
      name: 'an in-place division by accumulation steps after token-budget batches',
      code: `
        def train(model, batch, accumulation_steps):
            micro_batches, idx = prepare_dynamic_batch(batch, max_token_len=8192)
            for mb in micro_batches:
                loss = model(mb).loss
                loss /= accumulation_steps
                loss.backward()
      `,
      errors: [{ line: 5, column: 9 }],
    },
  ],
});
