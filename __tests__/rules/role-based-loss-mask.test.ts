import { roleBasedLossMask } from '../../src/analysis/rules/role-based-loss-mask';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(roleBasedLossMask, {
  valid: [
    {
      name: 'a token-level state machine keyed on the end-of-turn token',
      code: `
        def mask_assistant_tokens(ids, im_start, im_end, header_len):
            mask, inside, skip = [], False, 0
            for token in ids:
                if token == im_start:
                    inside, skip = True, header_len
                    mask.append(0)
                elif skip:
                    skip -= 1
                    mask.append(0)
                else:
                    mask.append(1 if inside else 0)
                    if token == im_end:
                        inside = False
            return mask
      `,
    },
    {
      name: 'masks taken from what the engine sampled',
      code: `
        async def agent_loop(engine, prompt_ids, env):
            response_ids, response_mask = [], []
            while True:
                out = await engine.generate(prompt_ids + response_ids)
                response_ids += out.token_ids
                response_mask += [1] * len(out.token_ids)
                obs_ids = env.step(out.text)
                if obs_ids is None:
                    return response_ids, response_mask
                response_ids += obs_ids
                response_mask += [0] * len(obs_ids)
      `,
    },
    {
      name: 'the header and the trailing newline are masked per token',
      code: `
        def encode_turns(messages, tokenizer, base, header_len, eos_id):
            ids, loss_mask = [], []
            for message in messages:
                turn = encode_messages_subset([message], tokenizer)
                if message["role"] == "assistant":
                    end = turn.index(eos_id) + 1
                    generated = turn[header_len:end]
                    loss_mask.extend([0] * header_len)
                    loss_mask.extend([1] * len(generated))
                    loss_mask.extend([0] * (len(turn) - end))
                else:
                    loss_mask.extend([0] * len(turn))
                ids.extend(turn)
            return ids, loss_mask
      `,
    },
    {
      name: 'the generation prompt subtracted from the ones',
      code: `
        def gen_loss_mask(self, messages):
            ids, masks = [], []
            for message in messages:
                message_ids = self.tokenizer.apply_chat_template([message], tokenize=True)
                if message["role"] == "assistant":
                    masks += [0] * self.gen_len + [1] * (len(message_ids) - self.gen_len)
                else:
                    masks += [0] * len(message_ids)
                ids += message_ids
            return ids, masks
      `,
    },
    {
      name: 'the header masked right after the ones',
      code: `
        def process_message(self, message):
            input_ids = self.tokenizer.apply_chat_template([message], return_tensors="pt")[0]
            if message["role"] == "assistant":
                loss_mask = torch.ones_like(input_ids)
                loss_mask[: len(self.generation_prompt)] = 0
            else:
                loss_mask = torch.zeros_like(input_ids)
            return input_ids, loss_mask
      `,
    },
    {
      name: 'only the content is encoded, not the templated message',
      code: `
        def content_mask(messages, tokenizer):
            mask = []
            for m in messages:
                ids = tokenizer.encode(m["content"])
                mask += [1] * len(ids) if m["role"] == "assistant" else [0] * len(ids)
            return mask
      `,
    },
    {
      name: 'the rendered text is cut after the generation prompt before encoding',
      code: `
        def tokenize_and_mask(self, messages):
            ids, mask = [], []
            for i in range(len(messages)):
                if messages[i]["role"] == "assistant":
                    text = self.parse([messages[i]])
                    text = text[len(self.generation_prompt):]
                    turn = self.tokenizer.encode(text)
                    ids.extend(turn)
                    mask.extend([1] * len(turn))
            return ids, mask
      `,
    },
  ],
  invalid: [
    {
      name: 'an SFT dataset class: info, the header costs less where every target is written by the data',
      code: `
        class MultiTurnSFTDataset(Dataset):
            def encode(self, messages):
                input_ids, loss_mask = [], []
                for msg in messages:
                    ids = self.tokenizer.apply_chat_template([msg])
                    input_ids += ids
                    loss_mask += [1] * len(ids) if msg["role"] == "assistant" else [0] * len(ids)
                return input_ids, loss_mask
      `,
      errors: [{ line: 7, column: 26, severity: 'info' }],
    },
    {
      name: 'ones for every token of each assistant message (SkyRL mini-swe generator before its fix)',
      code: `
        def messages_to_ids(self, response_messages):
            response_ids, loss_mask = [], []
            for message in response_messages:
                msg_encoding = encode_messages_subset([message], self.tokenizer)
                response_ids.extend(msg_encoding)
                if message["role"] == "user":
                    loss_mask.extend([0] * len(msg_encoding))
                else:
                    loss_mask.extend([1] * len(msg_encoding))
            return response_ids, loss_mask
      `,
      errors: [{ line: 9, column: 30, message: /generation-prompt header/, severity: 'warning' }],
    },
    {
      name: 'a multi-line apply_chat_template call and a tensor of ones',
      code: `
        def build(tokenizer, conversation):
            chunks = []
            for msg in conversation:
                ids = tokenizer.apply_chat_template(
                    [msg],
                    tokenize=True,
                    return_tensors="pt",
                )[0]
                if msg["role"] == "assistant":
                    chunks.append((ids, torch.ones_like(ids)))
                else:
                    chunks.append((ids, torch.zeros_like(ids)))
            return chunks
      `,
      errors: [{ line: 10, column: 33 }],
    },
    {
      name: 'a conditional expression on the role',
      code: `
        def masks(tokenizer, turns):
            mask = []
            for turn in turns:
                ids = tokenizer.apply_chat_template([turn])
                mask += [1] * len(ids) if turn["role"] == "assistant" else [0] * len(ids)
            return mask
      `,
      errors: [{ line: 5, column: 17 }],
    },
    {
      name: 'a message rendered to text, then encoded',
      code: `
        def tokenize_and_mask(self, messages):
            tokens, loss_mask = [], []
            for i in range(len(messages)):
                text = self.parser.parse([messages[i]], add_generation_prompt=False)
                ids = self.tokenizer.encode(text, add_special_tokens=False)
                if messages[i]["role"] == "assistant":
                    loss_mask.extend([1] * len(ids))
                else:
                    loss_mask.extend([0] * len(ids))
                tokens.extend(ids)
            return tokens, loss_mask
      `,
      errors: [{ line: 7, column: 30 }],
    },
    {
      name: 'the role read into a name, the message encoded whole',
      code: `
        def encode(messages, tokenizer):
            out = []
            for message in messages:
                role = message.get("role")
                ids = encode_message(message, tokenizer)
                out.append([1] * len(ids) if role in ("assistant",) else [0] * len(ids))
            return out
      `,
      errors: [{ line: 6, column: 20 }],
    },
  ],
});
