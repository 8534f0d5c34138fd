import { Tokenizer } from '@huggingface/tokenizers';
import type { JsonFile, ModelFiles, TokenizerConfig, TokenizerJson } from './model-files';
import { ProbeInputError } from './probe';

/** The tokens of a model as its tokenizer files declare them, and its tokenizer when tokenizer.json is present. */
export interface Vocabulary {
  /** The added and special tokens the files declare, longest first: the strings a template writes as control tokens. */
  declaredTokens: string[];
  idOf(token: string): number | undefined;
  tokenOf(id: number): string | undefined;
  /** The ids of `text` tokenized as a rendered chat template is (no BOS/EOS added); absent without tokenizer.json. */
  encode?: (text: string) => number[];
}

type TokenText = TokenizerConfig['eos_token'];

export function tokenContent(token: TokenText): string | undefined {
  if (token === null || token === undefined) return undefined;
  return typeof token === 'string' ? token : token.content;
}

export function vocabularyOf(files: ModelFiles): Vocabulary {
  const config = files.tokenizerConfig.data;
  // Ids of the added tokens, from both files: tokenizer_config.json alone is enough to resolve stop tokens.
  const addedIds = new Map<string, number>();
  for (const [id, token] of Object.entries(config.added_tokens_decoder ?? {})) addedIds.set(token.content, Number(id));
  for (const token of files.tokenizerJson?.data.added_tokens ?? []) addedIds.set(token.content, token.id);
  const addedTokens = new Map([...addedIds].map(([token, id]) => [id, token]));

  const named = [config.bos_token, config.eos_token, config.pad_token, config.unk_token, ...(config.additional_special_tokens ?? [])];
  const declared = new Set([...addedIds.keys(), ...named.map(tokenContent).filter((token) => token !== undefined)]);

  const tokenizer = files.tokenizerJson && loadTokenizer(files.tokenizerJson, config);
  return {
    declaredTokens: [...declared].filter(Boolean).sort((a, b) => b.length - a.length),
    idOf: (token) => tokenizer?.token_to_id(token) ?? addedIds.get(token),
    tokenOf: (id) => tokenizer?.id_to_token(id) ?? addedTokens.get(id),
    encode: tokenizer && ((text) => tokenizer.encode(text, { add_special_tokens: false }).ids),
  };
}

function loadTokenizer(tokenizerJson: JsonFile<TokenizerJson>, config: TokenizerConfig): Tokenizer {
  try {
    return new Tokenizer(tokenizerJson.data, config);
  } catch (error) {
    throw new ProbeInputError(`${tokenizerJson.path}: cannot load the tokenizer: ${(error as Error).message}`);
  }
}
