"""Multi-turn tool agent loop: rolls out an episode against a tool environment and encodes it for training."""

import torch


class ToolAgentLoop:
    def __init__(self, tokenizer, engine, env):
        self.tokenizer = tokenizer
        self.engine = engine
        self.env = env

    async def run_episode(self, task):
        try:
            return await self.rollout(task)
        except Exception:
            # PLANTED RL109: an infrastructure error becomes a trained sample (loss mask of ones, reward 0).
            return {"response_ids": [self.tokenizer.eos_token_id], "reward": 0.0, "loss_mask": [1]}

    async def run_episode_masked(self, task):
        try:
            return await self.rollout(task)
        except Exception:
            # CORRECT: the placeholder is masked out.
            return {"response_ids": [self.tokenizer.eos_token_id], "reward": 0.0, "loss_mask": [0]}

    def encode_by_role(self, messages):
        input_ids, loss_mask = [], []
        for message in messages:
            # PLANTED RL111: one message at a time; Qwen2.5's template adds its default system turn to each.
            ids = self.tokenizer.apply_chat_template([message], tokenize=True)
            input_ids.extend(ids)
            if message["role"] == "assistant":
                # PLANTED RL110: trains on `<|im_start|>assistant\n` and the `\n` after `<|im_end|>`.
                loss_mask.extend([1] * len(ids))
            else:
                loss_mask.extend([0] * len(ids))
        return input_ids, loss_mask

    def encode_against_base(self, messages, base, base_ids):
        input_ids = []
        for message in messages:
            # CORRECT: rendered after a fixed base conversation, and the base sliced off.
            input_ids.extend(self.tokenizer.apply_chat_template(base + [message], tokenize=True)[len(base_ids):])
        return input_ids

    async def rollout(self, task):
        prompt_ids = self.tokenizer.apply_chat_template(task.messages, add_generation_prompt=True)
        response_ids, response_mask = [], []
        while True:
            out = await self.engine.generate(prompt_ids + response_ids)
            response_ids += out.token_ids
            # CORRECT: the mask comes from the tokens the engine sampled.
            response_mask += [1] * len(out.token_ids)
            obs_ids = self.env.step(out.text)
            if obs_ids is None:
                return {"response_ids": response_ids, "loss_mask": response_mask}
            response_ids += obs_ids
            response_mask += [0] * len(obs_ids)


def generate_completions(model, tokenizer, inputs):
    completion_ids = model.generate(**inputs, max_new_tokens=512)[:, inputs["input_ids"].shape[1]:]
    # PLANTED RL112: Qwen chat models end their turn with <|im_end|>, a second EOS id this misses.
    return completion_ids == tokenizer.eos_token_id


def generate_completions_all_eos(model, inputs):
    completion_ids = model.generate(**inputs, max_new_tokens=512)[:, inputs["input_ids"].shape[1]:]
    # CORRECT: every EOS id of the generation config.
    return torch.isin(completion_ids, torch.tensor(model.generation_config.eos_token_id).view(-1))
