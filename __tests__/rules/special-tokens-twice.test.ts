import { specialTokensTwice } from '../../src/analysis/rules/special-tokens-twice';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(specialTokensTwice, {
  valid: [
    {
      name: 'templated text tokenized with add_special_tokens=False',
      code: `
        def encode_prompt(tokenizer, messages):
            prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return tokenizer(prompt, add_special_tokens=False, return_tensors="pt")
      `,
    },
    {
      name: 'add_special_tokens passed through a variable or **kwargs: not ours to judge',
      code: `
        def encode(processing_class, messages, add_special_tokens, kwargs):
            text = processing_class.apply_chat_template(messages, tokenize=False)
            a = processing_class(text=text, add_special_tokens=add_special_tokens)
            b = processing_class(text=text, **kwargs)
            return a, b
      `,
    },
    {
      name: 'the BOS stripped from the text before it is encoded again',
      code: `
        def format_prompts(tokenizer, messages):
            prompts = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return [p[len(tokenizer.bos_token):] if p.startswith(tokenizer.bos_token) else p for p in prompts]
      `,
    },
    {
      name: 'only the token count is read (a length filter)',
      code: `
        def fits(tokenizer, messages, max_len):
            text = tokenizer.apply_chat_template(messages, tokenize=False)
            return len(tokenizer.encode(text)) < max_len
      `,
    },
    {
      name: 'EOS appended only when the last id is not one already',
      code: `
        def tokenize(example, tokenizer):
            ids = tokenizer.apply_chat_template(example["messages"])
            if ids[-1] != tokenizer.eos_token_id:
                ids = ids + [tokenizer.eos_token_id]
            return ids
      `,
    },
    {
      name: 'EOS appended to a raw completion that was never templated',
      code: `
        def tokenize_row(features, tokenizer):
            prompt_ids = tokenizer(features["prompt"], add_special_tokens=False)["input_ids"]
            completion_ids = tokenizer(features["completion"], add_special_tokens=False)["input_ids"]
            return prompt_ids, completion_ids + [tokenizer.eos_token_id]
      `,
    },
    {
      name: 'token ids sent to vLLM, not text',
      code: `
        def rollout(llm, tokenizer, messages, params):
            ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True)
            return llm.generate(prompt_token_ids=[ids], sampling_params=params)
      `,
    },
    {
      name: 'messages rendered again by the template are not encoded text',
      code: `
        def step(tokenizer, messages, reply):
            text = tokenizer.apply_chat_template(messages, tokenize=False)
            messages.append({"role": "assistant", "content": text})
            return tokenizer.apply_chat_template(messages, add_generation_prompt=True)
      `,
    },
  ],
  invalid: [
    {
      name: 'a collator tokenizing the templated prompt with default special tokens (TRL DataCollatorForChatML, #2172)',
      code: `
        class DataCollatorForChatML:
            def __call__(self, examples):
                prompts = []
                for example in examples:
                    formatted = self.tokenizer.apply_chat_template(example["messages"], tokenize=False)
                    prompts.append(formatted.rsplit(example["messages"][-1]["content"], 1)[0])
                tokenized = self.tokenizer(prompts, truncation=True, max_length=self.max_length, padding=False)
                return tokenized
      `,
      errors: [{ line: 7, column: 21, message: /second BOS/, severity: 'warning' }],
    },
    {
      name: 'templated text sent to vLLM, which adds its own BOS (prime-rl, cd50148c1)',
      code: `
        def inference(llm, tokenizer, messages, sampling_params):
            prompts = tokenizer.apply_chat_template(messages, tokenize=False, continue_final_message=True)
            return llm.generate(prompts, sampling_params)
      `,
      errors: [{ line: 2, column: 15, message: /vLLM's generate/ }],
    },
    {
      name: 'a helper in the file returns templated text; the dataset tokenizes it (OpenRLHF SFTDataset, #393)',
      code: `
        def preprocess_data(data, apply_chat_template):
            prompt = apply_chat_template(data["input"], tokenize=False, add_generation_prompt=True)
            response = apply_chat_template(data["input"] + data["output"], tokenize=False)[len(prompt):]
            return prompt, response

        class SFTDataset:
            def __init__(self, dataset, tokenizer):
                self.tokenizer = tokenizer
                self.prompts, self.responses = [], []
                for data in dataset:
                    prompt, response = preprocess_data(data, tokenizer.apply_chat_template)
                    self.prompts.append(prompt)
                    self.responses.append(response)

            def __getitem__(self, idx):
                text = self.prompts[idx] + self.responses[idx]
                return self.tokenizer(text, max_length=512, truncation=True, return_tensors="pt")
      `,
      errors: [{ line: 17, column: 16 }],
    },
    {
      name: 'a dataset mapped with the chat template, then with a tokenizing callback (TRL SFT, #3328)',
      code: `
        def prepare_dataset(dataset, processing_class, text_field):
            dataset = dataset.map(maybe_apply_chat_template, fn_kwargs={"tokenizer": processing_class})

            def tokenize(example, processing_class, text_field):
                return processing_class(text=example[text_field])

            return dataset.map(tokenize, fn_kwargs={"processing_class": processing_class, "text_field": text_field})
      `,
      errors: [{ line: 5, column: 16 }],
    },
    {
      name: 'EOS appended to completions the template already closed (TRL DPO, #4908)',
      code: `
        class DPOTrainer:
            def _prepare_dataset(self, dataset, processing_class):
                dataset = dataset.map(maybe_apply_chat_template, fn_kwargs={"tokenizer": processing_class})
                return dataset.map(self.tokenize_row if not self.is_vision_model else self.process_row)

            @staticmethod
            def tokenize_row(features, processing_class, add_special_tokens=True):
                tokenizer = processing_class
                prompt_input_ids = tokenizer(features["prompt"], add_special_tokens=False)["input_ids"]
                chosen_input_ids = tokenizer(features["chosen"], add_special_tokens=False)["input_ids"]
                if add_special_tokens:
                    prompt_input_ids = [tokenizer.bos_token_id] + prompt_input_ids
                chosen_input_ids = chosen_input_ids + [tokenizer.eos_token_id]
                return {"prompt_input_ids": prompt_input_ids, "chosen_input_ids": chosen_input_ids}
      `,
      errors: [{ line: 13, column: 28, message: /second one/ }],
    },
    {
      name: 'a BOS prepended to ids the template rendered',
      code: `
        def encode(tokenizer, messages):
            ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True)
            return [tokenizer.bos_token_id] + ids
      `,
      errors: [{ line: 3, column: 12 }],
    },
    {
      name: 'a multimodal processor: info, the harm depends on the model',
      code: `
        def build(processor, messages, images):
            raw_prompt = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
            return processor(text=[raw_prompt], images=images, return_tensors="pt")
      `,
      errors: [{ line: 3, column: 12, severity: 'info' }],
    },
  ],
});
