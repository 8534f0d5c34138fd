import { promptRightTruncation } from '../../src/analysis/rules/prompt-right-truncation';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(promptRightTruncation, {
  valid: [
    {
      name: 'a helper that does more than return the templated prompt is not followed',
      code: `
        def format_prompt(tokenizer, messages):
            prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return prompt.replace("<|im_start|>assistant\\n", "")

        def encode(tokenizer, messages, max_prompt_length):
            return tokenizer(format_prompt(tokenizer, messages), truncation=True, max_length=max_prompt_length)
      `,
    },
    {
      name: 'tokenizer truncates from the left',
      code: `
        tokenizer = AutoTokenizer.from_pretrained(MODEL, truncation_side="left")

        def encode_prompt(messages, max_len):
            prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return tokenizer(prompt, truncation=True, max_length=max_len)
      `,
    },
    {
      name: 'truncation side set as an attribute',
      code: `
        def encode_prompts(self, batch):
            self.tokenizer.truncation_side = "left"
            texts = [self.tokenizer.apply_chat_template(m, tokenize=False, add_generation_prompt=True) for m in batch]
            return self.tokenizer(texts, truncation=True, max_length=self.max_prompt_length, padding=True)
      `,
    },
    {
      name: 'keeps the last tokens by slicing',
      code: `
        def encode_prompt(tok, messages, max_len):
            prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            ids = tok(prompt, return_tensors="pt").input_ids
            return ids[:, -max_len:]
      `,
    },
    {
      name: 'SFT text without the generation prompt (the answer is at the end, right truncation is a choice)',
      code: `
        def encode_example(tok, messages, max_len):
            text = tok.apply_chat_template(messages, tokenize=False)
            return tok(text, truncation=True, max_length=max_len)
      `,
    },
    {
      name: 'truncation without max_length, or the strategy do_not_truncate',
      code: `
        def encode(tok, messages, max_len):
            prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            a = tok(prompt, truncation=True)
            return tok(prompt, truncation="do_not_truncate", max_length=max_len), a
      `,
    },
    {
      name: 'a truncation flag we cannot resolve',
      code: `
        def encode(tok, messages, max_len, truncate):
            prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return tok(prompt, truncation=truncate, max_length=max_len)
      `,
    },
    {
      name: 'SFT: the truncated prompt is only measured, to find where the response starts',
      code: `
        def response_span(tok, turns, idx, max_length):
            prefix = tok.apply_chat_template(turns[:idx], tokenize=False, add_generation_prompt=True)
            start = tok(prefix, max_length=max_length, truncation=True)["attention_mask"].sum()
            encoded = tok(prefix, max_length=max_length, truncation=True, return_tensors="pt")
            too_long = encoded["input_ids"].shape[1] >= max_length
            return start, too_long
      `,
    },
    {
      name: 'the truncated text is the response, not the templated prompt',
      code: `
        def encode(tok, messages, response, max_len):
            prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            response_ids = tok(response, truncation=True, max_length=max_len)
            return prompt, response_ids
      `,
    },
  ],
  invalid: [
    {
      name: 'a templated prompt from a one-line helper of the file, truncated on the right',
      code: `
        def format_prompt(tokenizer, messages):
            """The chat prompt for generation."""
            return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)

        def encode(tokenizer, messages, max_prompt_length):
            prompt = format_prompt(tokenizer, messages)
            return tokenizer(prompt, truncation=True, max_length=max_prompt_length, return_tensors="pt")
      `,
      errors: [{ line: 7, column: 12, severity: 'error' }],
    },
    {
      name: 'templated prompt tokenized with right truncation (multi-line call)',
      code: `
        def build_prompt(tokenizer, messages, max_prompt_length):
            prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return tokenizer(
                prompt,
                truncation=True,
                max_length=max_prompt_length,
                return_tensors="pt",
            )
      `,
      errors: [{ line: 3, column: 12, endLine: 8, severity: 'error', message: /generation prompt/ }],
    },
    {
      name: 'apply_chat_template truncating its own output',
      code: `
        def encode_prompt(tok, messages):
            return tok.apply_chat_template(messages, add_generation_prompt=True, truncation=True, max_length=1024)
      `,
      errors: [{ line: 2, column: 12 }],
    },
    {
      name: 'TRL prompts: maybe_apply_chat_template in a comprehension, then the processing class',
      code: `
        def sample(self, inputs):
            prompts_text = [maybe_apply_chat_template(example, self.processing_class)["prompt"] for example in inputs]
            return self.processing_class(
                text=prompts_text, return_tensors="pt", padding=True, truncation=True, max_length=self.max_prompt_length
            )
      `,
      errors: [{ line: 3, column: 12 }],
    },
    {
      name: 'a right truncation side set explicitly',
      code: `
        tok.truncation_side = "right"

        def encode_prompt(messages, max_len):
            ids = tok.encode(tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True), truncation=True, max_length=max_len)
            return ids
      `,
      errors: [{ line: 4, column: 11 }],
    },
  ],
});
