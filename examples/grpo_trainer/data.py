"""Prompt encoding for rollouts."""


def encode_prompt(tokenizer, messages, max_prompt_length: int):
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    # PLANTED RL108: right truncation cuts the trailing `<|im_start|>assistant\n` off long prompts.
    return tokenizer(prompt, truncation=True, max_length=max_prompt_length, return_tensors="pt")


def encode_prompt_left(tokenizer, messages, max_prompt_length: int):
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    ids = tokenizer(prompt, return_tensors="pt").input_ids
    # CORRECT: keep the end of the prompt, where the generation prompt is.
    return ids[:, -max_prompt_length:]
