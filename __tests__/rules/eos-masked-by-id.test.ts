import { eosMaskedById } from '../../src/analysis/rules/eos-masked-by-id';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(eosMaskedById, {
  valid: [
    {
      name: 'masks from the first-EOS position (argmax + arange <= eos_idx)',
      code: `
        def completion_mask(completion_ids, eos_ids):
            is_eos = torch.isin(completion_ids, eos_ids)
            eos_idx = torch.full((is_eos.size(0),), is_eos.size(1), dtype=torch.long)
            eos_idx[is_eos.any(dim=1)] = is_eos.int().argmax(dim=1)[is_eos.any(dim=1)]
            positions = torch.arange(is_eos.size(1)).expand(is_eos.size(0), -1)
            return (positions <= eos_idx.unsqueeze(1)).int()
      `,
    },
    {
      name: 'labels masked by the attention mask, not by id',
      code: `
        def on_policy_batch(generated_tokens, attention_mask):
            labels = generated_tokens.clone()
            labels[attention_mask == 0] = -100
            return labels
      `,
    },
    {
      name: 'the first pad is kept when pad == eos',
      code: `
        def get_pad_mask(response_id, pad_token=0, eos_token=1):
            pad_mask = response_id.not_equal(pad_token).long()
            if eos_token == pad_token:
                first_pad = (torch.cumsum(response_id.eq(pad_token).long(), dim=-1) == 1).long()
                pad_mask = pad_mask | first_pad
            return pad_mask
      `,
    },
    {
      name: 'a prompt padding mask: no generated EOS in a prompt',
      code: `
        def left_pad(prompt_ids, pad_token_id):
            prompt_mask = prompt_ids.ne(pad_token_id)
            return prompt_mask
      `,
    },
    {
      name: 'a name that holds the prompt before generation starts',
      code: `
        def generate(model, prompt, pad_id, steps):
            generated_tokens = prompt.clone()
            padding_masks = generated_tokens != pad_id
            return decode_loop(model, generated_tokens, padding_masks, steps)
      `,
    },
    {
      name: 'the EOS put back after an id mask (OpenRLHF-style process_sequences)',
      code: `
        def process_sequences(sequences, eos_token_id, pad_token_id):
            attention_mask = (sequences.ne(eos_token_id) & sequences.ne(pad_token_id)).to(dtype=torch.long)
            eos_indices = attention_mask.size(1) - attention_mask.long().fliplr().argmax(dim=1, keepdim=True).clamp(min=1)
            attention_mask.scatter_(dim=1, index=eos_indices, value=1)
            return sequences, attention_mask
      `,
    },
    {
      name: 'a mask rebuilt from positions after a first id mask',
      code: `
        def process_sequences(sequences, eos_token_id, pad_token_id):
            attention_mask = (sequences.ne(eos_token_id) & sequences.ne(pad_token_id)).long()
            first = attention_mask.argmax(dim=1, keepdim=True)
            last = attention_mask.size(1) - attention_mask.fliplr().argmax(dim=1, keepdim=True)
            pos = torch.arange(attention_mask.size(1)).expand_as(attention_mask)
            attention_mask = (pos >= first) & (pos <= last)
            return attention_mask
      `,
    },
    {
      name: 'one position checked, not a mask of the sequence',
      code: `
        def postprocess(output, pad_token_id, eos_token_id):
            need_replace_mask = output[:, -1] != pad_token_id
            output[need_replace_mask, -1] = eos_token_id
            return output
      `,
    },
    {
      name: 'a distinct pad token set in the file',
      code: `
        tokenizer.add_special_tokens({"pad_token": "[PAD]"})

        def collate(batch):
            labels = batch["input_ids"].clone()
            labels[labels == tokenizer.pad_token_id] = -100
            return labels
      `,
    },
    {
      name: 'the language-modeling collator where the pad token is not the EOS token',
      code: `
        tokenizer = AutoTokenizer.from_pretrained(path)
        collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
      `,
    },
    {
      name: 'a collator of the same name defined in the file, that takes a pad id',
      code: `
        class DataCollatorForLanguageModeling:
            def __init__(self, pad_token_id):
                self.pad_token_id = pad_token_id

        def build(tok):
            if tok.pad_token is None:
                tok.pad_token = tok.eos_token
            return DataCollatorForLanguageModeling(tok.pad_token_id)
      `,
    },
  ],
  invalid: [
    {
      name: 'labels and attention mask of on-policy generations masked by the pad id (TRL GKD, fixed in #6357)',
      code: `
        def generate_on_policy_outputs(model, inputs, generation_config, pad_token_id=None):
            generated_tokens = model.generate(input_ids=inputs["prompts"], generation_config=generation_config)
            new_attention_mask = torch.ones_like(generated_tokens)
            new_labels = generated_tokens.clone()
            if pad_token_id is not None:
                new_labels[new_labels == pad_token_id] = -100
                new_attention_mask[generated_tokens == pad_token_id] = 0
            return generated_tokens, new_attention_mask, new_labels
      `,
      errors: [
        { line: 6, column: 9, message: /pad_token == eos_token/, severity: 'warning' },
        { line: 7, column: 9 },
      ],
    },
    {
      name: 'a response mask from `!= pad` (ROLL get_pad_mask, fixed in 1f9d2171)',
      code: `
        def get_pad_mask(response_id, pad_token=0, dtype=torch.int64):
            pad_mask = response_id.not_equal(pad_token).to(dtype)
            return pad_mask
      `,
      errors: [{ line: 2, column: 16 }],
    },
    {
      name: 'the EOS itself left out of a completion mask',
      code: `
        def response_mask(responses, tokenizer):
            loss_mask = responses.ne(tokenizer.eos_token_id) & responses.ne(tokenizer.pad_token_id)
            return loss_mask
      `,
      errors: [{ line: 2, column: 17, message: /EOS id itself is masked out/ }],
    },
    {
      name: 'SFT labels in a comprehension, pad == eos set in the module',
      code: `
        tokenizer.pad_token = tokenizer.eos_token

        def encode(full_ids):
            labels = [tid if tid != tokenizer.pad_token_id else IGNORE_INDEX for tid in full_ids]
            return {"input_ids": full_ids, "labels": labels}
      `,
      errors: [{ line: 4, column: 14 }],
    },
    {
      name: 'the language-modeling collator after pad_token = eos_token (TRL SFT, fixed in #3200)',
      code: `
        def __init__(self, model, processing_class=None, data_collator=None):
            if processing_class is None:
                processing_class = AutoTokenizer.from_pretrained(model.config._name_or_path)
                if processing_class.pad_token is None:
                    processing_class.pad_token = processing_class.eos_token
            if data_collator is None:
                data_collator = DataCollatorForLanguageModeling(tokenizer=processing_class, mlm=False)
      `,
      errors: [{ line: 7, column: 25, message: /DataCollatorForLanguageModeling sets the labels to -100/ }],
    },
  ],
});
