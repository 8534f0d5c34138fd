import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);

// src/probes/checks.ts
var TEMPLATE_CHECKS = {
  render: { id: "template-render", title: "the chat template renders a conversation", severity: "error" },
  generationPrompt: { id: "template-generation-prompt", title: "add_generation_prompt opens an assistant turn", severity: "error" },
  stopToken: { id: "template-stop-token", title: "the end-of-turn token stops generation", severity: "error" },
  specialTokens: { id: "template-special-tokens", title: "special tokens are single tokens", severity: "error" },
  promptBoundary: { id: "template-prompt-boundary", title: "prompt + response keeps the prompt tokens", severity: "error" },
  turnSeparator: { id: "template-turn-separator", title: "tokens between an assistant turn and the next", severity: "info" },
  toolCalls: { id: "template-tool-calls", title: "tool calls appear in the rendered conversation", severity: "warning" }
};
var REWARD_CHECKS = {
  correctAnswer: { id: "reward-correct-answer", title: "correct answer", severity: "error" },
  wrongAnswer: { id: "reward-wrong-answer", title: "wrong answer, right format", severity: "warning" },
  emptyTruthEmptyResponse: { id: "reward-empty-truth-empty-response", title: "empty ground truth, empty response", severity: "error" },
  emptyTruthAnyResponse: { id: "reward-empty-truth-nonempty-response", title: "empty ground truth, non-empty response", severity: "error" },
  malformedToolCall: { id: "reward-malformed-tool-call", title: "malformed tool call", severity: "error" },
  leakedChatTokens: { id: "reward-leaked-chat-tokens", title: "answer inside leaked chat headers", severity: "warning" },
  truncatedResponse: { id: "reward-truncated-response", title: "truncated response", severity: "error" },
  deterministic: { id: "reward-deterministic", title: "same input twice", severity: "error" },
  nonStringInput: { id: "reward-non-string-input", title: "non-string ground truth", severity: "warning" },
  hugeInput: { id: "reward-huge-input", title: "huge response", severity: "error" }
};
var PROBE_CHECK_IDS = new Set(
  [...Object.values(TEMPLATE_CHECKS), ...Object.values(REWARD_CHECKS)].map((check) => check.id)
);

export {
  TEMPLATE_CHECKS,
  REWARD_CHECKS,
  PROBE_CHECK_IDS
};
