"""Reward normalizers."""

from collections import deque

import numpy as np


class WindowRewardNormalizer:
    """PLANTED RL103: statistics from the last 100 rewards only."""

    def __init__(self, window: int = 100):
        self.history = deque(maxlen=window)

    def __call__(self, rewards: np.ndarray) -> np.ndarray:
        self.history.extend(rewards.tolist())
        mean = np.mean(self.history)
        std = np.std(self.history) + 1e-8
        return (rewards - mean) / std


class RunningRewardNormalizer:
    """CORRECT: running mean/std over all rewards seen (parallel variance update)."""

    def __init__(self, epsilon: float = 1e-8):
        self.mean = 0.0
        self.var = 1.0
        self.count = epsilon

    def update(self, rewards: np.ndarray) -> None:
        batch_mean, batch_var, batch_count = rewards.mean(), rewards.var(), rewards.size
        delta = batch_mean - self.mean
        total = self.count + batch_count
        self.mean += delta * batch_count / total
        m2 = self.var * self.count + batch_var * batch_count + delta**2 * self.count * batch_count / total
        self.var = m2 / total
        self.count = total

    def __call__(self, rewards: np.ndarray) -> np.ndarray:
        self.update(rewards)
        return rewards / np.sqrt(self.var + 1e-8)
