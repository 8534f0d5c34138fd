import { adversarialRewarded } from './adversarial-rewarded';
import type { RolloutCheck } from './check';
import { emptyGroundTruthRewarded } from './empty-ground-truth-rewarded';
import { generationPrompt } from './generation-prompt';
import { lossMask } from './loss-mask';
import { malformedToolCallRewarded } from './malformed-tool-call-rewarded';
import { repetition } from './repetition';
import { responseLength } from './response-length';
import { rewardSanity } from './reward-sanity';
import { specialTokenLeak } from './special-token-leak';
import { toolCallFormat } from './tool-call-format';
import { truncation } from './truncation';
import { zeroSignalGroups } from './zero-signal-groups';

/** Every rollout check, in report order (the order of CHECK_IDS). */
export const ROLLOUT_CHECKS: readonly RolloutCheck[] = [
  generationPrompt,
  specialTokenLeak,
  truncation,
  toolCallFormat,
  malformedToolCallRewarded,
  emptyGroundTruthRewarded,
  zeroSignalGroups,
  lossMask,
  rewardSanity,
  responseLength,
  repetition,
  adversarialRewarded,
];
