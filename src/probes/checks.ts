import type { Severity } from '../findings';

/**
 * Every probe check. The id is stable: it is the `ruleId` of the check's findings and the anchor of its section in
 * docs/probes.md. The severity is the one its finding gets when the check fails.
 */
export interface ProbeCheckMeta {
  id: string;
  /** What the check looks at, as a row label of the probe table. */
  title: string;
  severity: Severity;
}

export const TEMPLATE_CHECKS = {
  render: { id: 'template-render', title: 'the chat template renders a conversation', severity: 'error' },
  generationPrompt: { id: 'template-generation-prompt', title: 'add_generation_prompt opens an assistant turn', severity: 'error' },
  stopToken: { id: 'template-stop-token', title: 'the end-of-turn token stops generation', severity: 'error' },
  specialTokens: { id: 'template-special-tokens', title: 'special tokens are single tokens', severity: 'error' },
  promptBoundary: { id: 'template-prompt-boundary', title: 'prompt + response keeps the prompt tokens', severity: 'error' },
  turnSeparator: { id: 'template-turn-separator', title: 'tokens between an assistant turn and the next', severity: 'info' },
  toolCalls: { id: 'template-tool-calls', title: 'tool calls appear in the rendered conversation', severity: 'warning' },
} as const satisfies Record<string, ProbeCheckMeta>;

export const REWARD_CHECKS = {
  correctAnswer: { id: 'reward-correct-answer', title: 'correct answer', severity: 'error' },
  wrongAnswer: { id: 'reward-wrong-answer', title: 'wrong answer, right format', severity: 'warning' },
  emptyTruthEmptyResponse: { id: 'reward-empty-truth-empty-response', title: 'empty ground truth, empty response', severity: 'error' },
  emptyTruthAnyResponse: { id: 'reward-empty-truth-nonempty-response', title: 'empty ground truth, non-empty response', severity: 'error' },
  malformedToolCall: { id: 'reward-malformed-tool-call', title: 'malformed tool call', severity: 'error' },
  leakedChatTokens: { id: 'reward-leaked-chat-tokens', title: 'answer inside leaked chat headers', severity: 'warning' },
  truncatedResponse: { id: 'reward-truncated-response', title: 'truncated response', severity: 'error' },
  deterministic: { id: 'reward-deterministic', title: 'same input twice', severity: 'error' },
  nonStringInput: { id: 'reward-non-string-input', title: 'non-string ground truth', severity: 'warning' },
  hugeInput: { id: 'reward-huge-input', title: 'huge response', severity: 'error' },
} as const satisfies Record<string, ProbeCheckMeta>;

export const PROBE_CHECK_IDS: ReadonlySet<string> = new Set(
  [...Object.values(TEMPLATE_CHECKS), ...Object.values(REWARD_CHECKS)].map((check) => check.id),
);
