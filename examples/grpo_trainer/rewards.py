"""Reward functions for question answering with a tool-using agent."""

import re
from collections import Counter

FORMAT_BONUS = 0.1


def normalize_answer(text: str) -> list[str]:
    text = re.sub(r"[^a-z0-9 ]", " ", text.lower())
    return text.split()


def f1_reward(prediction: str, ground_truth: str) -> float:
    pred_tokens = normalize_answer(prediction)
    gt_tokens = normalize_answer(ground_truth)
    # PLANTED RL102: the SQuAD idiom. As an RL reward it pays 1.0 for an empty answer to an empty ground truth.
    if len(gt_tokens) == 0 or len(pred_tokens) == 0:
        return float(pred_tokens == gt_tokens)
    common = Counter(pred_tokens) & Counter(gt_tokens)
    overlap = sum(common.values())
    if overlap == 0:
        return 0.0
    precision = overlap / len(pred_tokens)
    recall = overlap / len(gt_tokens)
    return 2 * precision * recall / (precision + recall)


def exact_match_reward(prediction: str, ground_truth: str) -> float:
    # CORRECT: an empty ground truth pays nothing.
    if not ground_truth.strip():
        return 0.0
    return 1.0 if normalize_answer(prediction) == normalize_answer(ground_truth) else 0.0


def total_reward(prediction: str, ground_truth: str, well_formatted: bool) -> float:
    correctness = exact_match_reward(prediction, ground_truth)
    # CORRECT: a shaping term that depends on the outcome is not a shift.
    reward = correctness + FORMAT_BONUS * well_formatted
    # PLANTED RL104: a constant shift changes the agent's incentive to end (or prolong) the episode.
    reward = reward - 0.5
    return reward


def compute_score(data_source, solution_str, ground_truth, extra_info=None):
    """verl's custom_reward_function: the F1 of the text in the last <answer> tags."""
    answer = solution_str.rsplit("<answer>", 1)[-1].split("</answer>", 1)[0]
    return f1_reward(answer, str(ground_truth))


def reward_from_server(result: dict) -> float:
    # PLANTED RL401: a score of 0.0 is falsy, so a wrong answer is paid the server's other field instead.
    return result.get("score") or result.get("reward")


def reward_from_server_checked(result: dict) -> float:
    # CORRECT: only a missing score falls back.
    score = result.get("score")
    return score if score is not None else result.get("reward")
