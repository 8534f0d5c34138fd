import { perMessageChatTemplate } from '../../src/analysis/rules/per-message-chat-template';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(perMessageChatTemplate, {
  valid: [
    {
      name: 'the conversation rendered once',
      code: `
        def encode(tokenizer, messages):
            ids = tokenizer.apply_chat_template(messages, tokenize=True)
            return ids
      `,
    },
    {
      name: 'rendered against a fixed base conversation, the base sliced off',
      code: `
        def add_observation(self, obs, base_ids):
            ids = self.tokenizer.apply_chat_template(self.base + [{"role": "tool", "content": obs}])
            self.prompt_ids += ids[len(base_ids):]
      `,
    },
    {
      name: 'the injected system prompt sliced off before appending',
      code: `
        def add_tool_response(self, tool_message):
            ids = self.tokenizer.apply_chat_template([tool_message], add_generation_prompt=True)
            ids = ids[len(self.system_prompt):]
            self.prompt_ids += ids
      `,
    },
    {
      name: 'one prompt per message in a batch, not one sequence',
      code: `
        def rollout(llm, tokenizer, questions):
            messages = [{"role": "user", "content": q} for q in questions]
            prompts = [tokenizer.apply_chat_template([m], tokenize=False, add_generation_prompt=True) for m in messages]
            return llm.generate(prompts)
      `,
    },
    {
      name: 'a one-message prompt followed by the response',
      code: `
        def sequence(tokenizer, question, response_ids):
            prompt_ids = tokenizer.apply_chat_template([{"role": "user", "content": question}], add_generation_prompt=True)
            return prompt_ids + response_ids
      `,
    },
    {
      name: 'a chat template written here without a system turn',
      code: `
        def preprocess(tokenizer, turns):
            tokenizer.chat_template = "{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n'}}{% endfor %}"
            input_ids = []
            for turn in turns:
                input_ids += tokenizer.apply_chat_template([turn])
            return input_ids
      `,
    },
    {
      name: 'a wrapper told to remove the system prompt (verl agent loops)',
      code: `
        async def handle_user_turn(self, agent_data, reply):
            add_messages = [{"role": "user", "content": reply}]
            response_ids = await self.apply_chat_template(add_messages, remove_system_prompt=True)
            agent_data.prompt_ids += response_ids
      `,
    },
    {
      name: 'the name holds another value by the time it is appended',
      code: `
        def build(tokenizer, messages, header_ids):
            ids = tokenizer.apply_chat_template([messages[0]])
            check(ids)
            ids = tokenizer.apply_chat_template(messages)
            header_ids += ids
            return header_ids
      `,
    },
    {
      name: 'a batch of one conversation',
      code: `
        def render_all(tokenizer, conversations):
            texts = []
            for conversation in conversations:
                texts.extend(tokenizer.apply_chat_template([conversation], tokenize=False))
            return texts
      `,
    },
  ],
  invalid: [
    {
      name: 'each message rendered alone and concatenated (SkyRL mini-swe generator before its fix)',
      code: `
        def messages_to_ids(self, response_messages):
            response_ids = []
            for message in response_messages:
                msg_encoding = self.tokenizer.apply_chat_template([message], add_generation_prompt=False, tokenize=True)
                response_ids.extend(msg_encoding)
            return response_ids
      `,
      errors: [{ line: 4, column: 24, message: /default system turn/, severity: 'warning' }],
    },
    {
      name: 'a tool observation appended in an agent step, multi-line call',
      code: `
        def step(self, observation):
            obs_ids = self.tokenizer.apply_chat_template(
                [{"role": "tool", "content": observation}],
                add_generation_prompt=True,
            )
            self.input_ids += obs_ids
      `,
      errors: [{ line: 2, column: 15 }],
    },
    {
      name: 'a system turn rendered, then the user turn appended to it as text',
      code: `
        def format_prompt(tokenizer, example):
            message = {"role": "system", "content": example["system"]}
            system = tokenizer.apply_chat_template([message], tokenize=False)
            message = {"role": "user", "content": example["question"]}
            prompt = tokenizer.apply_chat_template([message], tokenize=False, add_generation_prompt=True)
            return {"prompt": system + prompt}
      `,
      errors: [{ line: 5, column: 14 }],
    },
    {
      name: 'rendered to text, tokenized, then extended',
      code: `
        def build(tokenizer, turns):
            input_ids = []
            for msg in turns:
                text = tokenizer.apply_chat_template([msg], tokenize=False)
                input_ids.extend(tokenizer(text, add_special_tokens=False).input_ids)
            return input_ids
      `,
      errors: [{ line: 4, column: 16 }],
    },
    {
      name: 'a one-message list built just before the call',
      code: `
        def preprocess(tokenizer, source):
            input_id = []
            for role, content in source:
                conv = [{"role": role, "content": content}]
                encode_id = tokenizer.apply_chat_template(conv)
                input_id += encode_id
            return input_id
      `,
      errors: [{ line: 5, column: 21 }],
    },
    {
      name: 'concatenated with torch.cat',
      code: `
        def extend_prompt(tokenizer, prompt_ids, reply):
            new_ids = tokenizer.apply_chat_template([{"role": "user", "content": reply}], return_tensors="pt")[0]
            return torch.cat([prompt_ids, new_ids])
      `,
      errors: [{ line: 2, column: 15 }],
    },
  ],
});
