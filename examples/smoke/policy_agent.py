"""An agent loop that talks to its policy over an OpenAI-compatible endpoint, as verifiers, SkyRL's remote engines and
most home-grown agent loops do. `npm start` runs it with rl-review's scripted adversarial policy served at
OPENAI_BASE_URL (`rollout.policy` in ../.github/rl-review.yml): no model, no GPU, only python3.

It builds ChatML prompts itself and calls /v1/completions, as token-in, token-out loops do; the model may call a
`search` tool written as a Hermes <tool_call>; each episode is scored with the example trainer's reward function
(grpo_trainer/rewards.py), and written as rl-review's native JSONL to $RL_REVIEW_OUT. By hand:

    npx rl-review rollout run --policy adversarial --policy-answer 'The answer is <answer>42</answer>.' \
        -- python3 examples/smoke/policy_agent.py

Its planted bugs are marked PLANTED: each is what one of the policy checks finds (smoke/README.md).
"""

import json
import os
import re
import sys
import traceback
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "grpo_trainer"))
from rewards import compute_score  # noqa: E402

IM_START, IM_END = "<|im_start|>", "<|im_end|>"
SYSTEM = 'Answer in <answer></answer> tags. You may search first: <tool_call>{"name": "search", "arguments": {"query": "..."}}</tool_call>.'
TASKS = [("What is 6*7?", "42"), ("What is 12+30?", "42"), ("What is 100-58?", "42"), ("What is 84/2?", "42")]
SAMPLES_PER_TASK = 4
MAX_TURNS = 3
SAMPLING = {"max_tokens": 256, "temperature": 1.0, "top_p": 1.0}


def complete(prompt):
    """One completion of a text prompt. PLANTED: no `stop` on <|im_end|>, so a turn ends only where the engine's
    default stop ids say; examples/model's generation config stops on <|endoftext|> alone (stop-sequences)."""
    body = json.dumps({"model": "policy", "prompt": prompt, **SAMPLING}).encode()
    request = urllib.request.Request(os.environ["OPENAI_BASE_URL"] + "/completions", body, {"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        choice = json.load(response)["choices"][0]
    return choice["text"], choice["finish_reason"]


def search(arguments):
    return f"Search results for {arguments['query']!r}: 6*7 = 12+30 = 100-58 = 84/2 = 42."


def run_tool(call_text):
    call = json.loads(call_text)
    if call["name"] != "search":
        raise ValueError(f"unknown tool {call['name']!r}")
    return search(call["arguments"])


def episode(question, answer):
    prompt = f"{IM_START}system\n{SYSTEM}{IM_END}\n{IM_START}user\n{question}{IM_END}\n{IM_START}assistant\n"
    context, response, finish_reason = prompt, "", "stop"
    for _ in range(MAX_TURNS):
        text, finish_reason = complete(context)
        response += text
        call = re.search(r"<tool_call>(.*?)</tool_call>", text, re.S)
        if not call or finish_reason == "length":
            break
        try:
            result = run_tool(call.group(1))
        except Exception:
            # PLANTED: a malformed call raises out of the environment; the episode ends on it and is still scored,
            # where the error should go back to the model as the tool's turn (environment-crash).
            traceback.print_exc()
            break
        # PLANTED: the tool's turn is not followed by the generation prompt <|im_start|>assistant\n, so the model is
        # asked to continue the tool's turn (prompt-generation-header).
        turn = f"{IM_END}\n{IM_START}user\n<tool_response>\n{result}\n</tool_response>{IM_END}\n"
        response += turn
        context = prompt + response
    # PLANTED: the reward reads the last <answer> anywhere in the response, so a malformed tool call that quotes the
    # answer is paid (adversarial-rewarded).
    reward = compute_score("example", response, answer)
    return {"prompt": prompt, "response": response, "reward": reward, "ground_truth": answer, "finish_reason": finish_reason}


def main():
    path = os.path.join(os.environ.get("RL_REVIEW_OUT", "."), "policy_agent.jsonl")
    with open(path, "w") as out:
        for group, (question, answer) in enumerate(TASKS):
            for _ in range(SAMPLES_PER_TASK):
                out.write(json.dumps({**episode(question, answer), "group": f"task-{group}", "step": 0}) + "\n")
    print(f"wrote {len(TASKS) * SAMPLES_PER_TASK} episodes to {path}")


if __name__ == "__main__":
    main()
