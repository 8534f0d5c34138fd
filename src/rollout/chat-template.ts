/**
 * What rl-review knows about chat templates without a tokenizer: the control tokens of the template families
 * that RL trainers use, and the residue those tokens leave in text decoded with `skip_special_tokens=True`.
 */

export interface ChatTemplateFamily {
  name: string;
  /** Tokens that only this family's templates write; one in a prompt identifies the family. */
  markers: readonly string[];
  /** The generation prompt: what `add_generation_prompt=True` appends. */
  assistantHeader: string;
}

export const CHAT_TEMPLATE_FAMILIES: readonly ChatTemplateFamily[] = [
  { name: 'ChatML (Qwen)', markers: ['<|im_start|>', '<|im_end|>'], assistantHeader: '<|im_start|>assistant\n' },
  { name: 'Llama 3', markers: ['<|start_header_id|>', '<|eot_id|>'], assistantHeader: '<|start_header_id|>assistant<|end_header_id|>\n\n' },
  { name: 'Gemma', markers: ['<start_of_turn>', '<end_of_turn>'], assistantHeader: '<start_of_turn>model\n' },
  { name: 'DeepSeek', markers: ['<｜User｜>', '<｜Assistant｜>'], assistantHeader: '<｜Assistant｜>' },
];

/** Tokens that end a turn or the text; decoders keep them at the end of a response that stopped normally. */
export const END_TOKENS: readonly string[] = [
  '<|im_end|>', '<|endoftext|>', '<|eot_id|>', '<|eom_id|>', '<|end_of_text|>', '<end_of_turn>', '<eos>', '<｜end▁of▁sentence｜>',
];

/** Every chat control token: one of them inside a response means the model wrote the template itself. */
export const CONTROL_TOKENS: readonly string[] = [
  ...new Set([...CHAT_TEMPLATE_FAMILIES.flatMap((f) => f.markers), '<|end_header_id|>', '<|begin_of_text|>', '<｜begin▁of▁sentence｜>', ...END_TOKENS]),
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const CONTROL_TOKEN_PATTERN = new RegExp(CONTROL_TOKENS.map(escapeRegExp).join('|'), 'g');

/**
 * Whether `text` holds a chat control token: the question for every response, answered a few times faster than a
 * search with CONTROL_TOKEN_PATTERN. Every control token starts with `<`, so only the `<`s are compared.
 */
export function hasControlToken(text: string): boolean {
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (CONTROL_TOKENS.some((token) => text.startsWith(token, at))) return true;
  }
  return false;
}

/** The family whose markers occur in `text`, if any. */
export function templateFamilyOf(text: string): ChatTemplateFamily | undefined {
  return CHAT_TEMPLATE_FAMILIES.find((f) => f.markers.some((m) => text.includes(m)));
}

/** Reasoning-model templates prefill a think block after the header (`enable_thinking=False`, DeepSeek-R1). */
const THINK_PREFILL = /<think>\s*(?:<\/think>\s*)?$/;

export function withoutThinkPrefill(prompt: string): string {
  // Most prompts are settled by their last characters: the regex, which scans the whole prompt, runs on every
  // trajectory otherwise.
  const end = prompt.trimEnd();
  return end.endsWith('<think>') || end.endsWith('</think>') ? prompt.replace(THINK_PREFILL, '') : prompt;
}

/**
 * The residue of a ChatML conversation decoded with `skip_special_tokens=True`: `<|im_start|>user\n` becomes
 * a line `user`. A prompt with such lines was templated; one without is plain text, and nothing can be said.
 */
export const ROLE_RESIDUE_LINE = /(?:^|\n)(?:system|user|tool)\n/;

/** A stripped generation prompt: `assistant\n` (ChatML), `assistant\n\n` (Llama 3), `model\n` (Gemma). */
export const STRIPPED_ASSISTANT_HEADER = /(?:assistant\n{1,2}|(?:^|\n)model\n)$/;
export const STRIPPED_DOUBLED_HEADER = /assistant\n{1,2}assistant\n{1,2}$/;
export const STRIPPED_HEADER_START = /^\s*(?:assistant|model)\n/;

/** `text` without the end-of-turn / end-of-text tokens (and padding) a finished response ends with. */
export function withoutTrailingEndTokens(text: string): string {
  let rest = text.trimEnd();
  // Every end token ends with `>`: most text is settled by its last character.
  while (rest.endsWith('>')) {
    const token = END_TOKENS.find((t) => rest.endsWith(t));
    if (!token) break;
    rest = rest.slice(0, -token.length).trimEnd();
  }
  return rest;
}
