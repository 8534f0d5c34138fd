"""Merge sharded FSDP weights into a Hugging Face checkpoint for serving the next rollouts."""

import torch
from transformers import AutoConfig, AutoModelForCausalLM, GenerationConfig


def export_checkpoint(base_model: str, state_dict: dict, out_dir: str) -> None:
    config = AutoConfig.from_pretrained(base_model)
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16)
    model.to_empty(device="cpu")
    # PLANTED RL105: the saved checkpoint gets a default generation config, losing <|im_end|> from its EOS ids.
    model.save_pretrained(out_dir, state_dict=state_dict)


def export_checkpoint_with_generation_config(base_model: str, state_dict: dict, out_dir: str) -> None:
    config = AutoConfig.from_pretrained(base_model)
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16)
    model.to_empty(device="cpu")
    # CORRECT: the original generation config (with every EOS id) travels with the weights.
    model.generation_config = GenerationConfig.from_pretrained(base_model)
    model.save_pretrained(out_dir, state_dict=state_dict)
