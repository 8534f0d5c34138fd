import { Tokenizer } from '@huggingface/tokenizers';
import type { JsonFile, ModelFiles, TokenizerConfig, TokenizerJson } from './model-files';
import { ProbeInputError } from './probe';

/** The tokens of a model as its tokenizer files declare them, and its tokenizer when tokenizer.json is present. */
export interface Vocabulary {
  /** Every added and named special token the files declare that is not whitespace, longest first. */
  declaredTokens: string[];
  /**
   * The control tokens a template writes (special added tokens, the named special tokens), longest first. Not the
   * added tokens that are ordinary text (Gemma declares `\n`, `\n\n`... as added tokens, not special ones).
   */
  specialTokens: string[];
  idOf(token: string): number | undefined;
  tokenOf(id: number): string | undefined;
  /** The ids of `text` tokenized as a rendered chat template is (no BOS/EOS added); absent without tokenizer.json. */
  encode?: (text: string) => number[];
  /** How tokenizer.json splits text into words: SentencePiece-style (`▁` for spaces) or byte-level BPE. */
  kind?: 'sentencepiece' | 'byte-level';
}

type TokenText = TokenizerConfig['eos_token'];

export function tokenContent(token: TokenText): string | undefined {
  if (token === null || token === undefined) return undefined;
  return typeof token === 'string' ? token : token.content;
}

/** The named special tokens of a config: bos, eos, pad, unk, and the additional and extra ones (transformers 5). */
export function namedSpecialTokens(config: TokenizerConfig | undefined): Record<string, string> {
  if (!config) return {};
  const named: Record<string, string> = {};
  for (const key of ['bos_token', 'eos_token', 'pad_token', 'unk_token', 'sep_token', 'cls_token', 'mask_token'] as const) {
    const content = tokenContent(config[key] as TokenText);
    if (content !== undefined) named[key] = content;
  }
  const extra = config.extra_special_tokens;
  if (extra && !Array.isArray(extra)) {
    for (const [name, token] of Object.entries(extra)) {
      const content = tokenContent(token);
      if (content !== undefined) named[name] = content;
    }
  }
  return named;
}

export function vocabularyOf(files: ModelFiles): Vocabulary {
  const config = files.tokenizerConfig?.data;
  // Ids of the added tokens, from every file that lists them: tokenizer_config.json (or added_tokens.json) alone is
  // enough to resolve stop tokens.
  const addedIds = new Map<string, number>();
  const special = new Set<string>();
  for (const [id, token] of Object.entries(config?.added_tokens_decoder ?? {})) {
    addedIds.set(token.content, Number(id));
    if (token.special !== false) special.add(token.content);
  }
  for (const [token, id] of Object.entries(files.addedTokens?.data ?? {})) addedIds.set(token, id);
  for (const token of files.tokenizerJson?.data.added_tokens ?? []) {
    addedIds.set(token.content, token.id);
    if (token.special !== false) special.add(token.content);
    else special.delete(token.content);
  }
  const addedTokens = new Map([...addedIds].map(([token, id]) => [id, token]));
  const extra = config?.extra_special_tokens;
  const listed = [...(config?.additional_special_tokens ?? []), ...(Array.isArray(extra) ? extra : [])].map(tokenContent);
  for (const token of [...Object.values(namedSpecialTokens(config)), ...listed]) if (token) special.add(token);
  // added_tokens.json does not say which tokens are special: those that look like control tokens are.
  for (const token of Object.keys(files.addedTokens?.data ?? {})) if (/^<.+>$/.test(token)) special.add(token);

  const tokenizer = files.tokenizerJson && loadTokenizer(files.tokenizerJson, config ?? {});
  const longestFirst = (tokens: Iterable<string>) => [...tokens].filter((token) => token.trim() !== '').sort((a, b) => b.length - a.length);
  return {
    declaredTokens: longestFirst(new Set([...addedIds.keys(), ...special])),
    specialTokens: longestFirst(special),
    idOf: (token) => tokenizer?.token_to_id(token) ?? addedIds.get(token),
    tokenOf: (id) => tokenizer?.id_to_token(id) ?? addedTokens.get(id),
    encode: tokenizer && ((text) => tokenizer.encode(text, { add_special_tokens: false }).ids),
    kind: files.tokenizerJson && (JSON.stringify(files.tokenizerJson.data.normalizer ?? files.tokenizerJson.data.pre_tokenizer ?? '').includes('▁') ? 'sentencepiece' : 'byte-level'),
  };
}

function loadTokenizer(tokenizerJson: JsonFile<TokenizerJson>, config: TokenizerConfig): Tokenizer {
  try {
    return new Tokenizer(tokenizerJson.data, config);
  } catch (error) {
    throw new ProbeInputError(`${tokenizerJson.path}: cannot load the tokenizer: ${(error as Error).message}`);
  }
}
