import { logprobsWithoutTemperature } from '../../src/analysis/rules/logprobs-without-temperature';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(logprobsWithoutTemperature, {
  valid: [
    {
      name: 'logits divided by the temperature before the log-probs',
      code: `
        class GRPOTrainer:
            def __init__(self, args):
                self.temperature = args.temperature

            def _get_per_token_logps(self, model, input_ids, attention_mask, old_per_token_logps):
                logits = model(input_ids=input_ids, attention_mask=attention_mask).logits
                logits = logits / self.temperature
                return selective_log_softmax(logits, input_ids)
      `,
    },
    {
      name: 'div_ in place',
      code: `
        def compute_log_prob(self, data, old_log_probs):
            temperature = data.meta_info["temperature"]
            output = self.actor_module(input_ids=data["input_ids"])
            logits = output.logits
            logits.div_(temperature)
            return logprobs_from_logits(logits, data["responses"])
      `,
    },
    {
      name: 'the temperature passed to the helper',
      code: `
        class Actor:
            def generate(self, input_ids, **kwargs):
                return self.model.generate(input_ids, temperature=kwargs.get("temperature", 1))

            def forward(self, sequences, attention_mask):
                output = self.model(sequences, attention_mask=attention_mask)
                return log_probs_from_logits(output["logits"][:, :-1, :], sequences[:, 1:], temperature=self.temperature)
      `,
    },
    {
      name: 'a forward helper of the file that scales its logits',
      code: `
        class Trainer:
            def _forward_logits(self, model, input_ids):
                logits = model(input_ids).logits
                return logits / self.temperature

            def old_logps(self, input_ids):
                old_per_token_logps = selective_log_softmax(self._forward_logits(self.model, input_ids), input_ids)
                return old_per_token_logps
      `,
    },
    {
      name: 'DPO compares the policy with a reference at temperature 1: no sampler to match',
      code: `
        class OnlineDPOTrainer:
            def _forward(self, model, input_ids):
                logits = model(input_ids).logits
                return torch.take_along_dim(logits.log_softmax(dim=-1), input_ids.unsqueeze(-1), dim=2)

            def generate(self, prompts):
                return self.llm.generate(prompts, SamplingParams(temperature=self.args.temperature))
      `,
    },
    {
      name: 'a generic helper that receives its logits',
      code: `
        def logprobs_from_logits(logits, labels):
            logp = F.log_softmax(logits, dim=-1)
            return torch.gather(logp, -1, labels.unsqueeze(-1)).squeeze(-1)
      `,
    },
    {
      name: 'the vLLM engine asked for processed log-probs',
      code: `
        def build(self, args):
            self.llm = LLM(model=args.model, logprobs_mode="processed_logprobs")
            self.sampling_params = SamplingParams(temperature=args.temperature, logprobs=0)
            self.use_importance_sampling = args.vllm_importance_sampling_correction
      `,
    },
  ],
  invalid: [
    {
      name: 'GRPO log-probs from raw logits while the trainer samples at args.temperature',
      code: `
        class GRPOTrainer:
            def __init__(self, args):
                self.generation_config = GenerationConfig(temperature=args.temperature)

            def _get_per_token_logps(self, model, input_ids, attention_mask, logits_to_keep):
                logits = model(input_ids=input_ids, attention_mask=attention_mask).logits
                logits = logits[:, -logits_to_keep:]
                return selective_log_softmax(logits, input_ids)

            def compute_loss(self, inputs):
                coef = torch.exp(inputs["per_token_logps"] - inputs["old_per_token_logps"])
      `,
      errors: [{ line: 8, column: 16, message: /not divided by the sampling temperature/ }],
    },
    {
      name: 'a PPO actor whose file never reads the rollout temperature',
      code: `
        class MegatronPPOActor:
            def compute_log_prob(self, data):
                def logits_processor(logits, label):
                    return vocab_parallel_log_probs_from_logits(logits, label)
                return self.forward_backward(data, logits_processor)
      `,
      errors: [{ line: 4, column: 20, message: /never reads the rollout temperature/ }],
    },
    {
      name: 'log_softmax gathered at the labels in an actor that samples with a temperature',
      code: `
        class Actor:
            def generate(self, input_ids, **kwargs):
                return self.model.generate(input_ids, temperature=kwargs.get("temperature", 1))

            def forward(self, sequences):
                output = self.model(sequences)
                return torch.gather(output["logits"].log_softmax(-1), dim=2, index=sequences.unsqueeze(2))
      `,
      errors: [{ line: 7, column: 29 }],
    },
    {
      name: 'engine log-probs divided by the temperature',
      code: `
        def prepare(sample, temperature):
            logprobs = torch.tensor(sample["logprobs"])
            sample["logprobs"] = logprobs / temperature
            return sample
      `,
      errors: [{ line: 3, column: 26, message: /divides log-probs by the temperature/ }],
    },
    {
      name: 'a vLLM engine without logprobs_mode feeding importance sampling',
      code: `
        def build(self, args):
            self.llm = LLM(model=args.model, gpu_memory_utilization=0.5)
            self.sampling_params = SamplingParams(temperature=args.temperature, logprobs=0)
            self.use_importance_sampling = args.vllm_importance_sampling_correction
      `,
      errors: [{ line: 2, column: 16, message: /logprobs_mode="processed_logprobs"/ }],
    },
  ],
});
