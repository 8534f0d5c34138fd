import { analyzeSource } from '../../src/analysis/engine';
import { eosOnlyStop } from '../../src/analysis/rules/eos-only-stop';
import { dedent, ruleTester } from '../helpers/rule-tester';

ruleTester(eosOnlyStop, {
  valid: [
    {
      name: 'the generation config\'s EOS ids in the meta info, the tokenizer\'s only as a fallback',
      code: `
        class ActorRolloutRefWorker:
            def generate_sequences(self, prompts):
                meta_info = {
                    "eos_token_id": self.generation_config.eos_token_id if self.generation_config is not None else self.tokenizer.eos_token_id,
                }
                prompts.meta_info.update(meta_info)
                return self.rollout.generate_sequences(prompts=prompts)
      `,
    },
    {
      name: 'every EOS id of the generation config',
      code: `
        def generate_completions(model, inputs):
            out = model.generate(**inputs)
            completion_ids = out[:, inputs["input_ids"].shape[1]:]
            eos_ids = torch.tensor(model.generation_config.eos_token_id).view(-1)
            is_eos = torch.isin(completion_ids, eos_ids)
            return is_eos
      `,
    },
    {
      name: 'the tokenizer EOS as padding, appended, or compared with another token id',
      code: `
        def generate(model, tokenizer, inputs, ids):
            if tokenizer.pad_token_id == tokenizer.eos_token_id:
                ids = ids + [tokenizer.eos_token_id]
            return model.generate(**inputs, pad_token_id=tokenizer.eos_token_id)
      `,
    },
    {
      name: 'SFT data preparation, not a generation path',
      code: `
        def collate(batch, tokenizer):
            labels = batch["input_ids"].clone()
            labels[batch["input_ids"] == tokenizer.eos_token_id] = -100
            return labels
      `,
    },
    {
      name: 'training data built from text samples is not sampling',
      code: `
        def build_inputs_from_text_samples(tokenizer, pairs):
            rows = []
            for prompt, response in pairs:
                ids = tokenizer.encode(response)
                if not ids or ids[-1] != tokenizer.eos_token_id:
                    ids.append(tokenizer.eos_token_id)
                rows.append(tokenizer.encode(prompt) + ids)
            return rows
      `,
    },
    {
      name: 'tests assert on outputs',
      code: `
        def test_rollout_ends_with_eos(generator, tokenizer):
            out = generator.generate(["hi"])
            assert out.response_ids[-1] == tokenizer.eos_token_id
      `,
    },
    {
      language: 'typescript',
      name: 'transformers.js loop checking the generation config list',
      code: `
        async function decode(model, tokenizer, ids) {
          const eos = [].concat(model.generation_config.eos_token_id);
          for (;;) {
            const next = await step(model, ids);
            if (eos.includes(next)) break;
            ids.push(next);
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'the rollout\'s meta info carries the tokenizer EOS only (verl #213)',
      code: `
        class ActorRolloutRefWorker:
            def generate_sequences(self, prompts):
                meta_info = {"eos_token_id": self.tokenizer.eos_token_id, "pad_token_id": self.tokenizer.pad_token_id}
                prompts.meta_info.update(meta_info)
                return self.rollout.generate_sequences(prompts=prompts)
      `,
      errors: [{ line: 3, column: 22, message: /through a dict or config/, severity: 'info' }],
    },
    {
      name: 'a generation config dict given a one-item list of the tokenizer EOS, splatted into generate',
      code: `
        def sample(model, tokenizer, inputs):
            generation_config = {"max_new_tokens": 256}
            generation_config["eos_token_id"] = [tokenizer.eos_token_id]
            return model.generate(**inputs, **generation_config)
      `,
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'completion mask cut at the tokenizer EOS only (TRL GRPO)',
      code: `
        def _generate_single_turn(self, model, inputs):
            prompt_completion_ids = model.generate(**inputs, generation_config=self.generation_config)
            completion_ids = prompt_completion_ids[:, inputs["input_ids"].size(1):]
            is_eos = completion_ids == self.processing_class.eos_token_id
            return is_eos
      `,
      errors: [{ line: 4, column: 14, message: /generation_config\.eos_token_id/, severity: 'info' }],
    },
    {
      name: 'a tensor comparison through .eq()',
      code: `
        def rollout(engine, tokenizer, prompts):
            completion_ids = engine.generate(prompts)
            return completion_ids.eq(tokenizer.eos_token_id).cumsum(-1) == 0
      `,
      errors: [{ line: 3, column: 12 }],
    },
    {
      name: 'a manual decoding loop stopping at the tokenizer EOS',
      code: `
        def main(model, tokenizer, ids):
            for _ in range(256):
                next_token = model(ids).logits[:, -1].argmax(-1)
                if next_token.item() == tokenizer.eos_token_id:
                    break
                ids = torch.cat([ids, next_token[:, None]], dim=-1)
      `,
      errors: [{ line: 4, column: 12 }],
    },
    {
      name: 'generate() told to stop at the tokenizer EOS only, multi-line call',
      code: `
        def sample(model, tokenizer, inputs):
            return model.generate(
                **inputs,
                max_new_tokens=512,
                eos_token_id=tokenizer.eos_token_id,
            )
      `,
      errors: [{ line: 5, column: 9, message: /replaces the generation config/ }],
    },
    {
      name: 'a kwargs dict splatted into GenerationConfig',
      code: `
        def build_generation_config(self):
            generation_kwargs = {
                "max_new_tokens": self.max_completion_length,
                "eos_token_id": self._tokenizer.eos_token_id,
            }
            return GenerationConfig(**generation_kwargs)
      `,
      errors: [{ line: 4, column: 9 }],
    },
    {
      name: 'the finish reason from an EOS id stored on the instance',
      code: `
        class Backend:
            def __init__(self, tokenizer):
                self.eos_id = tokenizer.eos_token_id

            async def generate(self, prompt_ids):
                tokens = await self.client.sample_async(prompt_ids)
                finish_reason = "stop" if tokens[-1] == self.eos_id else "length"
                return tokens, finish_reason
      `,
      errors: [{ line: 7, column: 35 }],
    },
    {
      language: 'typescript',
      name: 'transformers.js decoding loop',
      code: `
        async function decode(model, tokenizer, ids) {
          for (let i = 0; i < 128; i++) {
            const next = await step(model, ids);
            if (next === tokenizer.eos_token_id) break;
            ids.push(next);
          }
          return ids;
        }
      `,
      errors: [{ line: 4, column: 9 }],
    },
    {
      language: 'typescript',
      name: 'transformers.js generate() with the tokenizer EOS',
      code: `
        async function rollout(model, tokenizer, inputs) {
          return model.generate({
            ...inputs,
            max_new_tokens: 128,
            eos_token_id: tokenizer.eos_token_id,
          });
        }
      `,
      errors: [{ line: 5, column: 5 }],
    },
  ],
});

test('RL112 stays silent in test files, where generate() is called to check an engine', async () => {
  const code = dedent(`
    def main(model, tokenizer, input_ids):
        return model.generate(input_ids=input_ids, eos_token_id=tokenizer.eos_token_id)
  `);
  const severities = new Map([[eosOnlyStop.meta.code, 'default' as const]]);
  const inTests = await analyzeSource('tests/rollout/run_fsdp_vllm.py', code, 'python', severities, [eosOnlyStop]);
  const inSource = await analyzeSource('rollout/run_fsdp_vllm.py', code, 'python', severities, [eosOnlyStop]);
  expect(inTests.findings).toEqual([]);
  expect(inSource.findings.map((f) => f.line)).toEqual([2]);
});
