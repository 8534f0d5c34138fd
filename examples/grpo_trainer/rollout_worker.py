"""Rollout worker: turns a batch of conversations into sampled completions with vLLM."""

from dataclasses import dataclass

import torch
from vllm import LLM, SamplingParams, TokensPrompt


@dataclass
class RolloutConfig:
    max_new_tokens: int = 1024
    temperature: float = 1.0
    n_samples: int = 8


class RolloutWorker:
    def __init__(self, model_path: str, tokenizer, config: RolloutConfig):
        self.llm = LLM(model=model_path)
        self.tokenizer = tokenizer
        self.config = config

    def rollout(self, conversations):
        # PLANTED RL101: no add_generation_prompt, the policy has to write `<|im_start|>assistant` itself.
        # PLANTED RL302: the rendered text goes to vLLM, which tokenizes it with a BOS of its own (two for Llama 3).
        prompts = [
            self.tokenizer.apply_chat_template(messages, tokenize=False)
            for messages in conversations
        ]
        params = SamplingParams(
            n=self.config.n_samples,
            temperature=self.config.temperature,
            max_tokens=self.config.max_new_tokens,
        )
        outputs = self.llm.generate(prompts, params)
        return [[c.text for c in o.outputs] for o in outputs]

    def resample(self, prompt_ids):
        prompt_ids = prompt_ids[:, -self.config.max_new_tokens:]
        # PLANTED RL107 (warning): decoding without special tokens drops the chat tokens from the next prompt.
        prompts = self.tokenizer.batch_decode(prompt_ids, skip_special_tokens=True)
        return self.llm.generate(prompts, SamplingParams(temperature=self.config.temperature))

    def score(self, completion_ids, answers, reward_fn):
        # PLANTED RL107 (info): the reward can no longer see a missing <|im_end|> or an invented turn.
        texts = self.tokenizer.batch_decode(completion_ids, skip_special_tokens=True)
        return [reward_fn(text, answer) for text, answer in zip(texts, answers)]

    def score_sequences(self, prompt_ids, response_ids, answers, compute_score):
        scores = []
        for prompt, response, answer in zip(prompt_ids, response_ids, answers):
            # PLANTED RL402: the scorer's solution_str gets the prompt too, whose own format instructions can pass it.
            sequence_str = self.tokenizer.decode(torch.cat((prompt, response)))
            scores.append(compute_score(solution_str=sequence_str, ground_truth=answer))
        return scores

    def evaluate(self, conversations):
        # CORRECT: the prompt ends with the assistant header, and vLLM gets the template's own token ids.
        prompts = [
            TokensPrompt(prompt_token_ids=self.tokenizer.apply_chat_template(messages, add_generation_prompt=True))
            for messages in conversations
        ]
        outputs = self.llm.generate(prompts, SamplingParams(temperature=0.0, max_tokens=self.config.max_new_tokens))
        return [o.outputs[0].text for o in outputs]


def format_sft_example(tokenizer, question: str, answer: str) -> str:
    # CORRECT: SFT data ends with the assistant turn; no generation prompt wanted.
    return tokenizer.apply_chat_template(
        [{"role": "user", "content": question}, {"role": "assistant", "content": answer}],
        tokenize=False,
    )
