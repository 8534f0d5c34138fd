import { missingGenerationPrompt } from '../../src/analysis/rules/missing-generation-prompt';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(missingGenerationPrompt, {
  valid: [
    {
      name: 'generation prompt requested',
      code: `
        def rollout(llm, tok, messages):
            prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return llm.generate([prompt])
      `,
    },
    {
      name: 'value we cannot resolve is never a finding',
      code: `
        def rollout(llm, tok, messages, done):
            prompt = tok.apply_chat_template(messages, add_generation_prompt=not done)
            return llm.generate(prompt)
      `,
    },
    {
      name: 'SFT: the conversation ends with the assistant turn',
      code: `
        def rollout_sft(llm, tok, q, a):
            text = tok.apply_chat_template([{"role": "user", "content": q}, {"role": "assistant", "content": a}], tokenize=False)
            return llm.generate(text)
      `,
    },
    {
      name: 'SFT: the result becomes the labels',
      code: `
        def build(model, tok, messages):
            ids = tok.apply_chat_template(messages)
            out = model.generate(ids)
            return {"input_ids": ids, "labels": ids}
      `,
    },
    {
      name: 'prefill: continue_final_message=True',
      code: `
        def generate_with_prefix(llm, tok, messages):
            prompt = tok.apply_chat_template(messages, tokenize=False, continue_final_message=True)
            return llm.generate(prompt)
      `,
    },
    {
      name: 'not a generation path (dataset preprocessing for SFT)',
      code: `
        def preprocess(example, tok):
            return tok.apply_chat_template(example["messages"], tokenize=False)
      `,
    },
    {
      name: 'kwargs from a dict that sets it',
      code: `
        def generate(self, prompts):
            kwargs = {"tokenize": False, "add_generation_prompt": True}
            text = self.processor.apply_chat_template(conversation=prompts, **kwargs)
            return self.llm.generate(text)
      `,
    },
    {
      name: 'kwargs we cannot resolve',
      code: `
        def generate(self, prompts, kwargs):
            text = self.processor.apply_chat_template(prompts, **kwargs)
            return self.llm.generate(text)
      `,
    },
    {
      language: 'typescript',
      name: 'transformers.js with the generation prompt',
      code: `
        async function rollout(tokenizer, model, messages) {
          const inputs = tokenizer.apply_chat_template(messages, { add_generation_prompt: true, return_dict: true });
          return model.generate({ ...inputs, max_new_tokens: 128 });
        }
      `,
    },
    {
      language: 'typescript',
      name: 'transformers.js SFT formatting, no generation',
      code: `
        export function format(tokenizer, messages) {
          return tokenizer.apply_chat_template(messages, { tokenize: false });
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'missing in a vLLM rollout',
      code: `
        def rollout(llm, tok, messages, params):
            prompt = tok.apply_chat_template(messages, tokenize=False)
            return llm.generate([prompt], params)
      `,
      errors: [{ line: 2, column: 14, message: /add_generation_prompt=True/, severity: 'error',
        fix: '    prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)' }],
    },
    {
      name: 'literally False, multi-line call',
      code: `
        class AgentLoop:
            def step(self, messages):
                prompt_ids = self.tokenizer.apply_chat_template(
                    messages,
                    add_generation_prompt=False,
                )
                return prompt_ids
      `,
      errors: [{ line: 3, column: 22, endLine: 6, fix: '            add_generation_prompt=True,' }],
    },
    {
      name: 'kwargs dict literal without the key (issue: processor_kwargs)',
      code: `
        def generate(self, prompts):
            processor_kwargs = {"tokenize": False}
            text = self.processor.apply_chat_template(conversation=prompts, **processor_kwargs)
            return self.engine.generate(text)
      `,
      errors: [{ line: 3, column: 12 }],
    },
    {
      language: 'typescript',
      name: 'transformers.js without options',
      code: `
        async function rollout(tokenizer, model, messages) {
          const inputs = tokenizer.apply_chat_template(messages);
          return model.generate({ inputs });
        }
      `,
      errors: [{ line: 2, column: 18, fix: '  const inputs = tokenizer.apply_chat_template(messages, { add_generation_prompt: true });' }],
    },
    {
      language: 'typescript',
      name: 'transformers.js with false',
      code: `
        async function sampleEpisode(tokenizer, model, messages) {
          const inputs = tokenizer.apply_chat_template(messages, { add_generation_prompt: false, return_dict: true });
          return model.generate(inputs);
        }
      `,
      errors: [{ line: 2, column: 18, fix: '  const inputs = tokenizer.apply_chat_template(messages, { add_generation_prompt: true, return_dict: true });' }],
    },
  ],
});
