import type { Rule } from '../rule';
import { advantageModeMismatch } from './advantage-mode-mismatch';
import { droppedGenerationConfig } from './dropped-generation-config';
import { dynamicBatchAccumulation } from './dynamic-batch-accumulation';
import { eosMaskedById } from './eos-masked-by-id';
import { eosOnlyStop } from './eos-only-stop';
import { growingListExtend } from './growing-list-extend';
import { errorRolloutTrained } from './error-rollout-trained';
import { klLossSign } from './kl-loss-sign';
import { logprobRecomputeMismatch } from './logprob-recompute-mismatch';
import { logprobsWithoutTemperature } from './logprobs-without-temperature';
import { lossAggregationMismatch } from './loss-aggregation-mismatch';
import { missingGenerationPrompt } from './missing-generation-prompt';
import { perMessageChatTemplate } from './per-message-chat-template';
import { promptRightTruncation } from './prompt-right-truncation';
import { recentWindowNormalization } from './recent-window-normalization';
import { rewardLostInPlumbing } from './reward-lost-in-plumbing';
import { rewardOnEmptyGroundTruth } from './reward-on-empty-ground-truth';
import { rewardSeesPrompt } from './reward-sees-prompt';
import { rewardShift } from './reward-shift';
import { roleBasedLossMask } from './role-based-loss-mask';
import { shiftedValueMask } from './shifted-value-mask';
import { specialTokensStripped } from './special-tokens-stripped';
import { specialTokensTwice } from './special-tokens-twice';
import { staleLossNormalizer } from './stale-loss-normalizer';
import { statisticOverPadding } from './statistic-over-padding';
import { stdWithoutEpsilon } from './std-without-epsilon';
import { temperedValueHead } from './tempered-value-head';
import { unmaskedAfterShift } from './unmasked-after-shift';
import { wrongBroadcastAxis } from './wrong-broadcast-axis';

/** Every rule, in code order. A rule is one module beside this file, with its doc (`<name>.md`) beside it. */
export const RULES: readonly Rule[] = [
  missingGenerationPrompt,
  rewardOnEmptyGroundTruth,
  recentWindowNormalization,
  rewardShift,
  droppedGenerationConfig,
  stdWithoutEpsilon,
  specialTokensStripped,
  promptRightTruncation,
  errorRolloutTrained,
  roleBasedLossMask,
  perMessageChatTemplate,
  eosOnlyStop,
  logprobsWithoutTemperature,
  logprobRecomputeMismatch,
  statisticOverPadding,
  unmaskedAfterShift,
  lossAggregationMismatch,
  staleLossNormalizer,
  klLossSign,
  shiftedValueMask,
  temperedValueHead,
  dynamicBatchAccumulation,
  wrongBroadcastAxis,
  eosMaskedById,
  specialTokensTwice,
  rewardLostInPlumbing,
  rewardSeesPrompt,
  advantageModeMismatch,
  growingListExtend,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.code === code);
}
