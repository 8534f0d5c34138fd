import { Tokenizer } from '@huggingface/tokenizers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Token ids for the policy server: the model's own tokenizer (tokenizer.json in the model directory), so that
 * `/v1/completions` with token ids, logprobs and `/tokenize` give what the engine would; else one id per UTF-8 byte,
 * which the server says it uses.
 */
export interface PolicyTokenizer {
  /** `tokenizer.json of DIR`, or `byte-level fallback (no model directory)`. */
  source: string;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /** One token's text, for logprobs. */
  tokenText(id: number): string;
  /** The special tokens (`<|im_end|>`...), which `skip_special_tokens` removes from the text. */
  specialTokens: string[];
}

interface TokenizerJsonFile {
  added_tokens?: { content: string; special?: boolean }[];
}

export class PolicyModelError extends Error {}

export function loadPolicyTokenizer(modelDir: string | undefined): PolicyTokenizer {
  if (!modelDir) return byteTokenizer();
  const read = (name: string): unknown => {
    const path = join(modelDir, name);
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new PolicyModelError(`${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  const json = read('tokenizer.json') as TokenizerJsonFile;
  let config: Record<string, unknown> = {};
  try {
    config = read('tokenizer_config.json') as Record<string, unknown>;
  } catch {
    // tokenizer.json alone is enough to tokenize.
  }
  const tokenizer = new Tokenizer(json as never, config as never);
  return {
    source: `tokenizer.json of ${modelDir}`,
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => (ids.length ? tokenizer.decode([...ids], { skip_special_tokens: false }) : ''),
    tokenText: (id) => tokenizer.decode([id], { skip_special_tokens: false }),
    specialTokens: (json.added_tokens ?? []).filter((token) => token.special !== false).map((token) => token.content),
  };
}

function byteTokenizer(): PolicyTokenizer {
  const decoder = new TextDecoder();
  return {
    source: 'byte-level fallback (no model directory: one id per UTF-8 byte)',
    encode: (text) => [...Buffer.from(text, 'utf8')],
    decode: (ids) => decoder.decode(Uint8Array.from(ids.filter((id) => id >= 0 && id < 256))),
    tokenText: (id) => (id >= 0 && id < 256 ? Buffer.from([id]).toString('latin1') : ''),
    specialTokens: [],
  };
}
