"""GRPO advantages."""

import torch


def grpo_advantages(rewards: torch.Tensor, group_size: int, eps: float = 1e-6) -> torch.Tensor:
    # CORRECT: per-group normalization is what GRPO does; the epsilon keeps all-equal groups finite.
    grouped = rewards.view(-1, group_size)
    mean = grouped.mean(dim=1, keepdim=True)
    std = grouped.std(dim=1, keepdim=True)
    advantages = (grouped - mean) / (std + eps)
    return advantages.view(-1)


def whiten(advantages: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    # CORRECT: per-batch advantage whitening is standard practice.
    return (advantages - advantages.mean()) / (advantages.std() + eps)


def grpo_advantages_unguarded(rewards: torch.Tensor, group_size: int) -> torch.Tensor:
    grouped = rewards.view(-1, group_size)
    # PLANTED RL106: a group whose rewards are all equal has std 0, and its advantages become NaN.
    advantages = (grouped - grouped.mean(dim=1, keepdim=True)) / grouped.std(dim=1, keepdim=True)
    return advantages.view(-1)
