import { readFileSync } from 'node:fs';
import { Template } from '@huggingface/jinja';
import type { TurnTokenIds } from './checks/check';

export interface TemplateHints {
  /** What `add_generation_prompt=True` appends to a conversation. */
  assistantHeader?: string;
  /** `<|im_start|>` / `<|im_end|>` ids, when the vocabulary has them. */
  turnTokenIds?: TurnTokenIds;
}

/** A tokenizer config that cannot be used; the message does not repeat the path. */
export class TokenizerConfigError extends Error {}

/**
 * Learns the generation prompt from a tokenizer_config.json: its chat template rendered for one user message
 * with and without `add_generation_prompt`; the difference is the header the model must not write itself.
 */
export function readTokenizerConfig(path: string): TemplateHints {
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TokenizerConfigError(`cannot read tokenizer config: ${(error as Error).message}`);
  }
  return { assistantHeader: generationPrompt(config), turnTokenIds: chatmlIds(config) };
}

function generationPrompt(config: Record<string, unknown>): string | undefined {
  const source = chatTemplateSource(config.chat_template);
  if (!source) return undefined;
  const tokenText = (value: unknown) => (typeof value === 'string' ? value : ((value as { content?: string } | null)?.content ?? ''));
  const context = { messages: [{ role: 'user', content: 'Hi' }], bos_token: tokenText(config.bos_token), eos_token: tokenText(config.eos_token) };
  try {
    const template = new Template(source);
    const without = template.render({ ...context, add_generation_prompt: false });
    const withPrompt = template.render({ ...context, add_generation_prompt: true });
    return withPrompt.startsWith(without) && withPrompt.length > without.length ? withPrompt.slice(without.length) : undefined;
  } catch (error) {
    throw new TokenizerConfigError(`cannot render its chat_template: ${(error as Error).message}`);
  }
}

/** `chat_template` is a string, or a list of named templates of which `default` is the chat one. */
function chatTemplateSource(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const named = value.find((t) => t?.name === 'default') ?? value[0];
    return typeof named?.template === 'string' ? named.template : undefined;
  }
  return undefined;
}

function chatmlIds(config: Record<string, unknown>): TurnTokenIds | undefined {
  const decoder = config.added_tokens_decoder as Record<string, { content?: string }> | undefined;
  if (!decoder) return undefined;
  const idOf = (content: string) => Object.entries(decoder).find(([, token]) => token?.content === content)?.[0];
  const start = idOf('<|im_start|>');
  const end = idOf('<|im_end|>');
  return start && end ? { start: Number(start), end: Number(end) } : undefined;
}
