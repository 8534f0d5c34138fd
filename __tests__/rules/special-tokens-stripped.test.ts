import { specialTokensStripped } from '../../src/analysis/rules/special-tokens-stripped';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(specialTokensStripped, {
  valid: [
    {
      name: 'special tokens kept for the prompt sent back to vLLM',
      code: `
        def generate(self, prompt_ids):
            prompts_text = self.tokenizer.batch_decode(prompt_ids, skip_special_tokens=False)
            return self.llm.generate(prompts_text, self.sampling_params)
      `,
    },
    {
      name: 'decoded only for logging',
      code: `
        def log_samples(self, batch):
            inputs = self.tokenizer.batch_decode(batch["prompts"], skip_special_tokens=True)
            outputs = self.tokenizer.batch_decode(batch["responses"], skip_special_tokens=True)
            self.logger.log(list(zip(inputs, outputs)))
      `,
    },
    {
      name: 'assistant text becomes a message: apply_chat_template renders the chat tokens again',
      code: `
        def step(self, messages, response_ids):
            text = self.tokenizer.decode(response_ids, skip_special_tokens=True)
            messages.append({"role": "assistant", "content": text})
            prompt_ids = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True)
            return self.engine.generate(prompt_ids)
      `,
    },
    {
      name: 'only the length of the decoded text reaches generate',
      code: `
        def continue_(self, ids):
            text = self.tokenizer.decode(ids, skip_special_tokens=True)
            budget = self.max_tokens - len(text)
            return self.llm.generate(self.prompt, max_tokens=budget)
      `,
    },
    {
      name: 'the decoded text is a sampling parameter, not the prompt',
      code: `
        def sample(self, prompt, stop_ids):
            stop = self.tokenizer.decode(stop_ids, skip_special_tokens=True)
            return self.llm.generate(prompt, stop=[stop])
      `,
    },
    {
      name: 'the final answer is decoded right before leaving the loop (found in a Search-R1 demo)',
      code: `
        def answer(model, tok, prompt):
            while True:
                ids = tok.encode(prompt, return_tensors="pt")
                out = model.generate(ids)
                if out[0][-1].item() == tok.eos_token_id:
                    final = tok.decode(out[0], skip_special_tokens=True)
                    break
                prompt += tok.decode(out[0][ids.shape[1]:], skip_special_tokens=False)
            return final
      `,
    },
    {
      name: 'only a query extracted from the text reaches the next prompt (found in a Search-R1 demo)',
      code: `
        def agent(model, tok, prompt):
            for _ in range(4):
                ids = tok.encode(prompt, return_tensors="pt")
                out = model.generate(ids)
                query = parse_search_query(tok.decode(out[0], skip_special_tokens=True))
                prompt += run_search(query)
            return prompt
      `,
    },
    {
      name: 'one key of the batch holds the decoded responses, another the prompt ids (found in TRL stack_llama)',
      code: `
        def train(trainer, tok, loader, sentiment):
            for batch in loader:
                queries = batch["input_ids"]
                responses = trainer.generate(queries)
                batch["response"] = tok.batch_decode(responses, skip_special_tokens=True)
                sentiment([q + r for q, r in zip(batch["query"], batch["response"])])
      `,
    },
    {
      name: 'answers stored in a column of the table whose rows are the prompts (found in an OpenRLHF evaluator)',
      code: `
        def evaluate(self, table):
            outputs = []
            for _, row in table.iterrows():
                ids = self.tokenizer(self.format(row), return_tensors="pt").input_ids
                generated = self.model.generate(ids)
                outputs.append(self.tokenizer.decode(generated[0], skip_special_tokens=True))
            table["model_output"] = outputs
            return table
      `,
    },
    {
      name: 'a name used for the prompts before the decode reuses it afterwards (found in SkyRL arctic_rl)',
      code: `
        async def generate(self, prompts):
            texts = []
            for prompt in prompts:
                text = self.tokenizer.apply_chat_template(prompt, add_generation_prompt=True, tokenize=False)
                texts.append(text)
            outputs = await self.client.generate(prompts=texts)
            for out in outputs:
                text = out.get("text") or self.tokenizer.decode(out["token_ids"], skip_special_tokens=True)
                self.log(text)
      `,
    },
    {
      name: 'reward sees the raw text',
      code: `
        def score(self, data):
            response_str = self.tokenizer.decode(data.response_ids, skip_special_tokens=False)
            return self.compute_score(solution_str=response_str, ground_truth=data.answer)
      `,
    },
    {
      name: 'actions decoded for an environment, whose step answers with its own observation (found in OpenManus-RL)',
      code: `
        def rollout(self, envs, gen_batch, obs):
            for step in range(self.max_turns):
                batch = self.preprocess_batch(gen_batch, obs)
                batch_output = self.actor.generate_sequences(batch)
                text_actions = self.tokenizer.batch_decode(batch_output.batch["responses"], skip_special_tokens=True)
                next_obs, rewards, dones, infos = envs.step(text_actions)
                obs = next_obs
      `,
    },
    {
      name: 'a completion decoded and appended to an already templated prompt: no template tokens in it',
      code: `
        def continue_prompt(llm, tokenizer, prompt, completion_ids):
            prompt += tokenizer.decode(completion_ids, skip_special_tokens=True)
            return llm.generate(prompt)
      `,
    },
    {
      name: 'the conversation decoded where no chat template was applied (found in an interactive chat CLI)',
      code: `
        def chat(model, tokenizer, args):
            user_prompt = ""
            while True:
                user_prompt += input("> ")
                input_ids = tokenizer.encode(user_prompt, return_tensors="pt")
                outputs = model.generate(input_ids=input_ids)
                if args.apply_chat_template:
                    conversations.append(tokenizer.decode(outputs[0], skip_special_tokens=True))
                else:
                    user_prompt = tokenizer.batch_decode(outputs[0], skip_special_tokens=True)[0]
      `,
    },
    {
      name: 'a name decoded at the end of a loop iteration, reassigned afresh before the next generate (found in a math eval)',
      code: `
        def generate_completions(model, tokenizer, prompts, batch_size):
            generations = []
            for i in range(0, len(prompts), batch_size):
                batch_prompts = prompts[i:i + batch_size]
                batch_input_ids = tokenizer(batch_prompts, return_tensors="pt").input_ids
                batch_outputs = model.generate(input_ids=batch_input_ids)
                batch_prompts = tokenizer.batch_decode(batch_input_ids, skip_special_tokens=True)
                generations += [o[len(p):] for p, o in zip(batch_prompts, tokenizer.batch_decode(batch_outputs))]
            return generations
      `,
    },
    {
      name: 'a decoded prompt passed to a reward only as context',
      code: `
        def score(self, data):
            prompt_str = self.tokenizer.decode(data.prompt_ids, skip_special_tokens=True)
            response_str = self.tokenizer.decode(data.response_ids, skip_special_tokens=False)
            return self.compute_score(prompt=prompt_str, solution_str=response_str)
      `,
    },
    {
      language: 'typescript',
      name: 'transformers.js: decoded for display',
      code: `
        async function chat(tokenizer, model, inputs) {
          const output = await model.generate({ ...inputs, max_new_tokens: 64 });
          const text = tokenizer.batch_decode(output, { skip_special_tokens: true });
          console.log(text);
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'case a: truncated prompt decoded without chat tokens and sent to vLLM (multi-line call)',
      code: `
        def generate_completions(self, prompt_ids):
            prompt_ids = prompt_ids[:, -self.max_prompt_length :]
            prompts_text = self.processing_class.batch_decode(
                prompt_ids, skip_special_tokens=True, clean_up_tokenization_spaces=False
            )
            all_prompts_text = gather_object(prompts_text)
            unique_prompts = all_prompts_text[:: self.num_generations]
            return self.vllm_client.generate(prompts=unique_prompts, n=self.num_generations)
      `,
      errors: [{ line: 3, column: 20, endLine: 5, severity: 'warning', message: /sent back to the inference engine.*\(case a\)/,
        fix: '        prompt_ids, skip_special_tokens=False, clean_up_tokenization_spaces=False' }],
    },
    {
      name: 'case a: multi-turn loop appends the stripped response to the next prompt',
      code: `
        def rollout(llm, tokenizer, prompt, turns):
            for _ in range(turns):
                out = llm.generate([prompt])[0]
                reply = tokenizer.decode(out.token_ids, skip_special_tokens=True)
                prompt += reply + observe(reply)
            return prompt
      `,
      errors: [{ line: 4, column: 17, severity: 'warning' }],
    },
    {
      name: 'case a: decoded inline in the generate call',
      code: `
        def regenerate(engine, tok, ids):
            return engine.async_generate(prompt=tok.decode(ids, skip_special_tokens=True))
      `,
      errors: [{ line: 2, column: 41, severity: 'warning',
        fix: '    return engine.async_generate(prompt=tok.decode(ids, skip_special_tokens=False))' }],
    },
    {
      name: 'case a: decoded prompts collected in a list sent to SGLang',
      code: `
        async def resample(engine, tok, batch_ids):
            prompts = []
            for ids in batch_ids:
                prompts.append(tok.decode(ids, skip_special_tokens=True))
            return await engine.async_generate(prompt=prompts)
      `,
      errors: [{ line: 4, column: 24, severity: 'warning' }],
    },
    {
      name: 'case b: response decoded for the reward function (decode in an executor lambda)',
      code: `
        async def score(self, data):
            response_str = await self.loop.run_in_executor(
                None, lambda: self.tokenizer.decode(data.response_ids, skip_special_tokens=True)
            )
            return self.compute_score(solution_str=response_str, ground_truth=data.answer)
      `,
      errors: [{ line: 3, column: 23, severity: 'info', message: /reward function \(case b\)/ }],
    },
    {
      name: 'case b: completions built from the decoded texts and passed to each reward function',
      code: `
        def score_completions(self, inputs, completion_ids):
            completions_text = self.processing_class.batch_decode(completion_ids, skip_special_tokens=True)
            completions = []
            for completion in completions_text:
                completions.append([{"role": "assistant", "content": completion}])
            for reward_func in self.reward_funcs:
                rewards = reward_func(prompts=inputs, completions=completions)
            return rewards
      `,
      errors: [{ line: 2, column: 24, severity: 'info' }],
    },
    {
      name: 'case b: each decoded text scored in a comprehension',
      code: `
        def score(self, completion_ids, answers):
            texts = self.tokenizer.batch_decode(completion_ids, skip_special_tokens=True)
            return [self.reward_fn(text, answer) for text, answer in zip(texts, answers)]
      `,
      errors: [{ line: 2, column: 13, severity: 'info' }],
    },
    {
      name: 'case a: a decoded prompt stored into the samples a teacher tokenizes later, through a method of the class',
      code: `
        class Distiller:
            def generate(self, slices, prompt_ids_list):
                prompts_text = self.processing_class.batch_decode(prompt_ids_list, skip_special_tokens=True)
                self._to_buffer(slices, prompts_text)

            def _to_buffer(self, slices, prompts_text):
                for i, slice_inputs in enumerate(slices):
                    updated_slice = dict(slice_inputs)
                    updated_slice["original_prompt_text"] = prompts_text[i]
                    self.buffer.append(updated_slice)
      `,
      errors: [{ line: 3, column: 24, severity: 'warning', message: /stored as the prompt of a training sample/ }],
    },
    {
      language: 'typescript',
      name: 'transformers.js case a: stripped text re-tokenized and generated from',
      code: `
        async function nextTurn(tokenizer, model, ids, observation) {
          const history = tokenizer.decode(ids, { skip_special_tokens: true });
          const inputs = tokenizer(history + observation);
          return model.generate({ ...inputs, max_new_tokens: 128 });
        }
      `,
      errors: [{ line: 2, column: 19, severity: 'warning',
        fix: '  const history = tokenizer.decode(ids, { skip_special_tokens: false });' }],
    },
    {
      language: 'typescript',
      name: 'transformers.js case b: completion scored by a reward function',
      code: `
        async function rollout(tokenizer, model, inputs, answer) {
          const output = await model.generate({ ...inputs, max_new_tokens: 128 });
          const [completion] = tokenizer.batch_decode(output, { skip_special_tokens: true });
          return rewardFn(completion, answer);
        }
      `,
      errors: [{ line: 3, column: 24, severity: 'info' }],
    },
  ],
});
