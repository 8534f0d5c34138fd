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
      name: 'kwargs dict given the key in place',
      code: `
        def generate(self, messages):
            kwargs = {"tokenize": False}
            kwargs["add_generation_prompt"] = True
            return self.llm.generate(self.tokenizer.apply_chat_template(messages, **kwargs))
      `,
    },
    {
      name: 'the class\'s own wrapper, not the tokenizer method (found in verl\'s agent loops)',
      code: `
        class ToolAgentLoop(AgentLoopBase):
            async def run(self, messages):
                prompt_ids = await self.apply_chat_template(messages, tools=self.tool_schemas)
                return await self.server_manager.generate(prompt_ids=prompt_ids)
      `,
    },
    {
      name: 'a data helper function of the same name (found in TRL\'s online trainers)',
      code: `
        def generate_completions(self, prompts):
            texts = [apply_chat_template({"prompt": p}, self.processing_class)["prompt"] for p in prompts]
            return self.llm.generate(texts)
      `,
    },
    {
      name: 'explicit False beside True: two renderings diffed to find the generation prompt',
      code: `
        def generation_prompt_ids(tokenizer):
            probe = [{"role": "user", "content": "x"}]
            bare = tokenizer.apply_chat_template(probe, add_generation_prompt=False, tokenize=True)
            full = tokenizer.apply_chat_template(probe, add_generation_prompt=True, tokenize=True)
            return full[len(bare):]
      `,
    },
    {
      name: 'the prompt part of a finished trajectory, re-tokenized for training (found in SkyRL\'s generators)',
      code: `
        class SweAgentGenerator:
            def to_training_sample(self, history):
                prompt_ids = self.tokenizer.apply_chat_template(history[:2], add_generation_prompt=False, tokenize=True)
                prompt_length = len(prompt_ids)
                return prompt_ids, self.response_ids(history[2:], prompt_length)
      `,
    },
    {
      name: 'a rendering sliced by another\'s length',
      code: `
        def sample_pairs(tokenizer, conversation):
            prompt_ids = tokenizer.apply_chat_template(conversation[:1], tokenize=True)
            return tokenizer.apply_chat_template(conversation, tokenize=True)[len(prompt_ids):]
      `,
    },
    {
      name: 'explicit False where the class passes True elsewhere (found in verl\'s rollout requests)',
      code: `
        class RolloutRequest:
            def generation_prompt(self, tokenizer):
                return tokenizer.apply_chat_template(self.messages, add_generation_prompt=True, tokenize=True)

            def add_tool_response(self, tokenizer, message):
                self.input_ids += tokenizer.apply_chat_template([message], add_generation_prompt=False, tokenize=True)
      `,
    },
    {
      name: 'a tokenization sanity check',
      code: `
        class AgentRollout:
            def finalize(self, tokenizer):
                full_ids = tokenizer.apply_chat_template(self.messages, add_generation_prompt=False, tokenize=True)
                if full_ids != self.input_ids:
                    logger.warning("training and inference tokenizations differ")
      `,
    },
    {
      name: 'a route handler judged by its own name, not its agent class (found in OpenRLHF\'s agent server)',
      code: `
        class AgentExecutor:
            def serve(self, app, tokenizer):
                @app.post("/tokenize")
                async def tokenize(request):
                    text = tokenizer.apply_chat_template(request["messages"], tokenize=False, add_generation_prompt=False)
                    return {"tokens": tokenizer.encode(text)}
      `,
    },
    {
      name: 'a pytest function comparing renderings',
      code: `
        def test_generation_template_unchanged(tokenizer):
            messages = [{"role": "user", "content": "hi"}]
            assert tokenizer.apply_chat_template(messages, tokenize=False) == render(messages)
      `,
    },
    {
      name: 'a loss-mask generator class: "Generator" of masks is no sampler (whole words)',
      code: `
        class MultiTurnLossMaskGenerator:
            def get_loss_mask(self, messages):
                full = self.tokenizer.apply_chat_template(messages, tokenize=False)
                ids = self.tokenizer(full)["input_ids"]
                return ids, self.mask_for(ids)
      `,
    },
    {
      name: 'a rendering measured against an explicit True rendering of the same function',
      code: `
        class LossMaskGenerator:
            def gen_mask(self, messages):
                system_ids = self.tokenizer.apply_chat_template(messages[:1], tokenize=True)
                prompt_ids = self.tokenizer.apply_chat_template(messages[:1], add_generation_prompt=True, tokenize=True)
                header = prompt_ids[len(system_ids):]
                return find_sublist(self.all_ids, header)
      `,
    },
    {
      name: 'the turn prefix difference with the generation prompt (verifiers after #476)',
      code: `
        def process_chat(self, messages, processing_class):
            for message in messages:
                if message["role"] == "assistant":
                    continue
                prefix = processing_class.apply_chat_template(conversation=consumed, add_generation_prompt=False)
                with_turn = processing_class.apply_chat_template(conversation=consumed + turns, add_generation_prompt=True)
                turn_ids = with_turn[len(prefix):]
      `,
    },
    {
      name: 'SFT preference data whose prompt keeps the generation prompt',
      code: `
        def to_preference(row, tok):
            row["prompt"] = tok.apply_chat_template(row["messages"][:-1], tokenize=False, add_generation_prompt=True)
            row["chosen"] = row["messages"][-1]["content"]
            return row
      `,
    },
    {
      name: 'the generation prompt added only while the episode goes on',
      code: `
        def next_turn(self, new_obs, done):
            obs_ids = self.tokenizer.apply_chat_template([*self.base, *new_obs], add_generation_prompt=not done)[len(self.base_ids):]
            if not done:
                self.input_ids += obs_ids
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
      name: 'kwargs dict assigned once per branch, without the key (TRL #4361)',
      code: `
        def generate(self, prompts):
            if self.paged:
                processor_kwargs = {"truncation": True}
                inputs = self.processing_class.apply_chat_template(conversation=prompts, **processor_kwargs, tokenize=True)
                return self.model.generate_batch(inputs)
            processor_kwargs = {"padding": True, "padding_side": "left"}
            inputs = self.processing_class.apply_chat_template(conversation=prompts, **processor_kwargs, tokenize=True)
            return self.model.generate(**inputs)
      `,
      errors: [{ line: 4, column: 18 }, { line: 7, column: 14 }],
    },
    {
      name: 'a misspelled keyword is a missing one (TRL #4370)',
      code: `
        def generate(self, prompts):
            inputs = self.processing_class.apply_chat_template(conversation=prompts, add_generation_kwargs=True, return_dict=True)
            return self.model.generate(**inputs)
      `,
      errors: [{ line: 2, column: 14 }],
    },
    {
      name: 'a chat-completions handler that generates from a prompt rendered with False (OpenRLHF, fixed in ea4ac848)',
      code: `
        class AgentExecutor:
            def serve(self, app, tokenizer):
                @app.post("/v1/chat/completions")
                async def chat_completions(request):
                    prompt = tokenizer.apply_chat_template(request["messages"], tokenize=False, add_generation_prompt=False)
                    prompt_ids = tokenizer.encode(prompt)
                    return await self.generate(prompt_ids, max_tokens=4096 - len(prompt_ids))
      `,
      errors: [{ line: 5, column: 22,
        fix: '            prompt = tokenizer.apply_chat_template(request["messages"], tokenize=False, add_generation_prompt=True)' }],
    },
    {
      name: 'a user/tool turn found as a prefix difference without the generation prompt (verifiers, fixed in #476)',
      code: `
        def process_chat_format(self, messages, processing_class):
            for message in messages:
                if message["role"] == "assistant":
                    consumed.append(message)
                else:
                    token_prefix = processing_class.apply_chat_template(conversation=consumed)
                    token_prefix_with_turn = processing_class.apply_chat_template(conversation=consumed + turns)
                    completion_ids.extend(token_prefix_with_turn[len(token_prefix):])
      `,
      errors: [{ line: 7, column: 38, fix: '            token_prefix_with_turn = processing_class.apply_chat_template(conversation=consumed + turns, add_generation_prompt=True)' }],
    },
    {
      name: 'a preference prompt column rendered without the generation prompt',
      code: `
        def build_pairs(example, tok):
            example["prompt"] = tok.apply_chat_template(example["chosen"][:-1], tokenize=False)
            example["chosen"] = tok.apply_chat_template(example["chosen"], tokenize=False)[len(example["prompt"]):]
            example["rejected"] = tok.apply_chat_template(example["rejected"], tokenize=False)[len(example["prompt"]):]
            return example
      `,
      errors: [{ line: 2, column: 25 }],
    },
    {
      name: 'the generation prompt added after the episode is done too (SkyRL, fixed in #676)',
      code: `
        def _update_chat_history(self, input_ids, loss_mask, new_obs, done):
            if len(new_obs) > 0:
                observation_ids = self.tokenizer.apply_chat_template(
                    [*self.base_conversation, *new_obs],
                    add_generation_prompt=True,
                    tokenize=True,
                )[len(self.base_conversation_token_ids):]
                input_ids += observation_ids
            else:
                if not done:
                    input_ids += self.generation_prompt_ids
      `,
      errors: [{ line: 3, column: 27, message: /also when the episode is over/, fix: '            add_generation_prompt=not done,' }],
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
