import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { SKIPPED_DIRECTORIES } from '../analysis/files';
import { anchorAt, ProbeInputError, type Anchor } from './probe';

/**
 * The tokenizer files of a Hugging Face model directory, as `save_pretrained` writes them: found in a repository,
 * read, and validated (only the keys the template probe uses; the rest is passed through untouched).
 */

/** A token as tokenizer configs spell it: a string, or an AddedToken object (older configs). */
const tokenText = z.union([z.string(), z.looseObject({ content: z.string() }), z.null()]);

const tokenizerConfigSchema = z.looseObject({
  chat_template: z.union([z.string(), z.array(z.looseObject({ name: z.string(), template: z.string() }))]).optional(),
  bos_token: tokenText.optional(),
  eos_token: tokenText.optional(),
  pad_token: tokenText.optional(),
  unk_token: tokenText.optional(),
  additional_special_tokens: z.array(tokenText).optional(),
  added_tokens_decoder: z.record(z.string(), z.looseObject({ content: z.string() })).optional(),
});

const generationConfigSchema = z.looseObject({
  eos_token_id: z.union([z.number().int(), z.array(z.number().int())]).optional(),
});

const tokenizerJsonSchema = z.looseObject({
  added_tokens: z.array(z.looseObject({ id: z.number().int(), content: z.string() })).optional(),
});

export type TokenizerConfig = z.infer<typeof tokenizerConfigSchema>;
export type GenerationConfig = z.infer<typeof generationConfigSchema>;
export type TokenizerJson = z.infer<typeof tokenizerJsonSchema>;

export interface JsonFile<T> {
  /** Posix path relative to the working directory. */
  path: string;
  text: string;
  data: T;
}

export interface ChatTemplateSource {
  text: string;
  /** Where the template is written: line 1 of chat_template.jinja, or the `chat_template` key. */
  anchor: Anchor;
}

export interface ModelFiles {
  /** The model directory, relative to the working directory. */
  dir: string;
  tokenizerConfig: JsonFile<TokenizerConfig>;
  tokenizerJson?: JsonFile<TokenizerJson>;
  generationConfig?: JsonFile<GenerationConfig>;
  chatTemplate?: ChatTemplateSource;
}

export const TOKENIZER_CONFIG = 'tokenizer_config.json';
const TOKENIZER_FILES = new Set([TOKENIZER_CONFIG, 'tokenizer.json', 'generation_config.json', 'chat_template.jinja']);

const displayPath = (absolutePath: string, cwd: string) => relative(cwd, absolutePath).split(sep).join('/') || '.';

/**
 * The model directories under `paths`: each directory holding a tokenizer_config.json. A path may be such a
 * directory (even inside node_modules), one of its files, or a directory searched below (skipping dependencies
 * and virtualenvs). A path that does not exist is an input error.
 */
export function findModelDirs(paths: string[], cwd: string): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable directory below a searched path holds nothing we can probe
    }
    if (entries.some((entry) => entry.isFile() && entry.name === TOKENIZER_CONFIG)) found.add(dir);
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name));
    }
  };
  for (const path of paths) {
    const absolutePath = resolve(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolutePath).isDirectory();
    } catch {
      throw new ProbeInputError(`${path}: no such file or directory`);
    }
    if (isDirectory) walk(absolutePath);
    else if (TOKENIZER_FILES.has(basename(absolutePath))) found.add(dirname(absolutePath));
    else throw new ProbeInputError(`${path}: not a directory or a tokenizer file (${[...TOKENIZER_FILES].join(', ')})`);
  }
  return [...found].sort();
}

/** Read the tokenizer files of `dir`; tokenizer_config.json is required, the others are used when present. */
export function loadModelFiles(dir: string, cwd: string): ModelFiles {
  const pathOf = (name: string) => join(dir, name);
  const tokenizerConfig = readJson(pathOf(TOKENIZER_CONFIG), cwd, tokenizerConfigSchema);
  if (!tokenizerConfig) throw new ProbeInputError(`${displayPath(pathOf(TOKENIZER_CONFIG), cwd)}: no such file`);
  return {
    dir: displayPath(dir, cwd),
    tokenizerConfig,
    tokenizerJson: readJson(pathOf('tokenizer.json'), cwd, tokenizerJsonSchema),
    generationConfig: readJson(pathOf('generation_config.json'), cwd, generationConfigSchema),
    chatTemplate: chatTemplateOf(pathOf('chat_template.jinja'), cwd, tokenizerConfig),
  };
}

/** chat_template.jinja wins over the `chat_template` key, as in transformers; a list of named templates uses `default`. */
function chatTemplateOf(jinjaPath: string, cwd: string, config: JsonFile<TokenizerConfig>): ChatTemplateSource | undefined {
  const jinja = readText(jinjaPath, cwd);
  if (jinja !== undefined) return { text: jinja, anchor: anchorAt(displayPath(jinjaPath, cwd), jinja, 0, 0) };
  const template = config.data.chat_template;
  if (template === undefined) return undefined;
  const text = typeof template === 'string' ? template : template.find((named) => named.name === 'default')?.template;
  if (text === undefined) {
    throw new ProbeInputError(`${config.path}: chat_template: a list of named templates needs one named 'default'`);
  }
  return { text, anchor: keyAnchor(config, 'chat_template') };
}

/** The anchor of a top-level `"key":` in a JSON file (its first occurrence), or of the file's start. */
export function keyAnchor(file: JsonFile<unknown>, key: string): Anchor {
  const match = new RegExp(`"${key}"\\s*:`).exec(file.text);
  return anchorAt(file.path, file.text, match?.index ?? 0, match ? key.length + 2 : 0);
}

/** The file's text, or undefined when it does not exist; any other failure is an input error naming the file. */
function readText(absolutePath: string, cwd: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ProbeInputError(`${displayPath(absolutePath, cwd)}: cannot read: ${code ?? (error as Error).message}`);
  }
}

function readJson<T>(absolutePath: string, cwd: string, schema: z.ZodType<T>): JsonFile<T> | undefined {
  const text = readText(absolutePath, cwd);
  if (text === undefined) return undefined;
  const path = displayPath(absolutePath, cwd);
  if (text.startsWith('version https://git-lfs')) {
    throw new ProbeInputError(`${path}: a Git LFS pointer, not the file (fetch it: git lfs pull, or actions/checkout with lfs: true)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProbeInputError(`${path}: invalid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProbeInputError(`${path}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return { path, text, data: parsed.data };
}
