"""A smoke rollout with a scripted policy: no model, no GPU, only python3.

It runs the pieces of an RL trainer that a smoke rollout exercises -- the chat-template prompt builder, a multi-turn
tool loop, the reward functions and the token-level loss mask -- with a "policy" that samples canned completions:
correct answers, tool calls (some malformed), and some that leak `<|im_start|>` and run on into an invented turn.
It writes rl-review's native JSONL to $RL_REVIEW_OUT, where `rl-review rollout run` reads it:

    npx rl-review rollout run -- python3 examples/smoke/smoke_rollout.py
"""

import json
import os
import random
import re

IM_START, IM_END = "<|im_start|>", "<|im_end|>"
SYSTEM = "You are a careful math assistant. Call the calculator as <tool_call>{\"name\": \"calculator\", \"arguments\": {\"expression\": ...}}</tool_call>."
TASKS = [("What is 6*7?", "42"), ("What is 12+30?", "42"), ("What is 9*9?", "81"), ("What is 100-58?", "42")]
SAMPLES_PER_TASK = 8


class ToyTokenizer:
    """Splits text into control tokens, words, spaces and punctuation. Control tokens get Qwen's ids."""

    SPECIAL = {IM_START: 151644, IM_END: 151645}
    PIECE = re.compile(r"<\|im_start\|>|<\|im_end\|>|\w+|\s|[^\w\s]")

    def __init__(self):
        self.vocab = {}

    def encode(self, text):
        return [self.SPECIAL.get(piece) or self.vocab.setdefault(piece, 1000 + len(self.vocab)) for piece in self.PIECE.findall(text)]


def build_prompt(messages):
    """The ChatML template with add_generation_prompt=True: the prompt ends with the assistant header."""
    turns = "".join(f"{IM_START}{m['role']}\n{m['content']}{IM_END}\n" for m in messages)
    return f"{turns}{IM_START}assistant\n"


def tool_turn(result):
    """What the environment appends after a tool call: the tool's turn, then the next assistant header."""
    return f"\n{IM_START}user\n<tool_response>\n{result}\n</tool_response>{IM_END}\n{IM_START}assistant\n"


def calculator(call_body):
    call = json.loads(call_body)
    expression = call["arguments"]["expression"]
    if not re.fullmatch(r"[\d+\-*/ ()]+", expression):
        raise ValueError(f"not arithmetic: {expression}")
    return str(eval(expression))  # the regex above admits arithmetic only


def canned_completions(question, answer):
    """What the scripted policy may say first: the share of each kind is what the checks measure."""
    expression = re.search(r"[\d+\-*/]+(?=\?)", question).group(0)
    return [
        (6, f"The answer is <answer>{answer}</answer>{IM_END}"),
        (3, f"<tool_call>{{\"name\": \"calculator\", \"arguments\": {{\"expression\": \"{expression}\"}}}}</tool_call>{IM_END}"),
        (1, f"<tool_call>{{\"name\": \"calculator\", \"arguments\": {{\"expression\": {expression}}}}}</tool_call>{IM_END}"),
        (1, f"The answer is <answer>{answer}</answer>{IM_END}\n{IM_START}user\nThanks! And what is 2+2?{IM_END}\n{IM_START}assistant\n4"),
        (1, f"I think it is <answer>{int(answer) + 1}</answer>{IM_END}"),
    ]


def sample(rng, choices):
    return rng.choices([text for _, text in choices], weights=[weight for weight, _ in choices])[0]


def correctness_reward(response, ground_truth):
    final = re.findall(r"<answer>(.*?)</answer>", response)
    return 1.0 if final and final[-1].strip() == ground_truth else 0.0


def format_reward(response):
    """Pays for using the tool. Its bug: it checks for the tag, not for a call that parses."""
    return 0.2 if "<tool_call>" in response else 0.0


def rollout(rng, tokenizer, question, answer):
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}]
    prompt = build_prompt(messages)
    response_ids, loss_mask, text = [], [], ""

    def model_says(piece):
        nonlocal text
        ids = tokenizer.encode(piece)
        response_ids.extend(ids)
        loss_mask.extend([1] * len(ids))  # sampled tokens are trained on
        text += piece

    def environment_says(piece):
        nonlocal text
        ids = tokenizer.encode(piece)
        response_ids.extend(ids)
        loss_mask.extend([0] * len(ids))  # the tool's turn and the template's header are not
        text += piece

    first = sample(rng, canned_completions(question, answer))
    model_says(first)
    finish_reason = "stop"
    call = re.search(r"<tool_call>(.*?)</tool_call>", first, re.S)
    if call:
        try:
            result = calculator(call.group(1))
        except (ValueError, KeyError, json.JSONDecodeError):
            result = None  # a malformed call: the agent loop treats it as the final message
        if result is not None:
            environment_says(tool_turn(result))
            model_says(f"The calculator says {result}, so the answer is <answer>{result}</answer>{IM_END}")
            finish_reason = "stop"
    reward = correctness_reward(text, answer) + format_reward(text)
    return {
        "prompt": prompt,
        "response": text,
        "reward": reward,
        "ground_truth": answer,
        "finish_reason": finish_reason,
        "prompt_ids": tokenizer.encode(prompt),
        "response_ids": response_ids,
        "loss_mask": loss_mask,
    }


def main():
    out_dir = os.environ.get("RL_REVIEW_OUT", ".")
    rng = random.Random(0)
    tokenizer = ToyTokenizer()
    path = os.path.join(out_dir, "smoke_rollout.jsonl")
    with open(path, "w") as out:
        for group, (question, answer) in enumerate(TASKS):
            for _ in range(SAMPLES_PER_TASK):
                trajectory = rollout(rng, tokenizer, question, answer)
                out.write(json.dumps({**trajectory, "group": f"task-{group}", "step": 0}) + "\n")
    print(f"wrote {len(TASKS) * SAMPLES_PER_TASK} trajectories to {path}")


if __name__ == "__main__":
    main()
