"""Prompt encoding for rollouts."""


def encode_prompt(tokenizer, messages, max_prompt_length: int):
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    # PLANTED RL108: right truncation cuts the trailing `<|im_start|>assistant\n` off long prompts.
    return tokenizer(prompt, truncation=True, max_length=max_prompt_length, return_tensors="pt", add_special_tokens=False)


def encode_prompt_left(tokenizer, messages, max_prompt_length: int):
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False).input_ids
    # CORRECT: keep the end of the prompt, where the generation prompt is.
    return ids[:, -max_prompt_length:]


def encode_sft_example(tokenizer, messages):
    ids = tokenizer.apply_chat_template(messages)
    # PLANTED RL302: the template already closed the turn with `<|im_end|>\n`; a second EOS is trained after it.
    return ids + [tokenizer.eos_token_id]


def encode_sft_example_checked(tokenizer, messages):
    ids = tokenizer.apply_chat_template(messages)
    # CORRECT: the EOS is added only when the template did not end with it.
    if ids[-1] != tokenizer.eos_token_id:
        ids = ids + [tokenizer.eos_token_id]
    return ids


def collate(batch, tokenizer):
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    labels = batch["input_ids"].clone()
    # PLANTED RL301: pad == eos here, so every EOS is masked out of the labels and the model never learns to stop.
    labels[labels == tokenizer.pad_token_id] = -100
    return labels


def collate_by_position(batch):
    labels = batch["input_ids"].clone()
    # CORRECT: padding found by the attention mask, not by the pad id.
    labels[batch["attention_mask"] == 0] = -100
    return labels
