import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { isInside, SKIPPED_DIRECTORIES } from '../analysis/files';
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
  /** transformers 5: the special tokens beyond the named ones, a list or (Gemma 3) a mapping of names to tokens. */
  extra_special_tokens: z.union([z.array(tokenText), z.record(z.string(), tokenText)]).optional(),
  added_tokens_decoder: z.record(z.string(), z.looseObject({ content: z.string(), special: z.boolean().optional() })).optional(),
});

/** added_tokens.json, written beside a slow tokenizer's files: each added token and its id. */
const addedTokensSchema = z.record(z.string(), z.number().int());

const generationConfigSchema = z.looseObject({
  eos_token_id: z.union([z.number().int(), z.array(z.number().int())]).optional(),
});

const tokenizerJsonSchema = z.looseObject({
  added_tokens: z.array(z.looseObject({ id: z.number().int(), content: z.string(), special: z.boolean().optional() })).optional(),
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
  /** Absent in a directory holding only chat_template.jinja (a llama.cpp or transformers 5 export of the template). */
  tokenizerConfig?: JsonFile<TokenizerConfig>;
  addedTokens?: JsonFile<Record<string, number>>;
  tokenizerJson?: JsonFile<TokenizerJson>;
  generationConfig?: JsonFile<GenerationConfig>;
  chatTemplate?: ChatTemplateSource;
}

export const TOKENIZER_CONFIG = 'tokenizer_config.json';
const CHAT_TEMPLATE_JINJA = 'chat_template.jinja';
const TOKENIZER_FILES = new Set([TOKENIZER_CONFIG, 'tokenizer.json', 'generation_config.json', CHAT_TEMPLATE_JINJA, 'added_tokens.json']);

/**
 * The largest tokenizer.json read (Gemma 3's, with 262,144 tokens, is 33 MB) and the largest of the other files
 * (Gemma 3's tokenizer_config.json, listing 6,415 added tokens, is 1.2 MB): a link to /dev/zero or a padded file
 * is refused before it is read.
 */
const MAX_TOKENIZER_JSON_BYTES = 64 * 1024 * 1024;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/**
 * How far the search for model directories goes: a repository has a few hundred directories and a handful of
 * models, `/` millions of directories. Each model directory probed takes a second or two.
 */
export const SEARCH_LIMITS = { directories: 20_000, models: 64 };

/** Where the probe runs and what it may read. */
export interface ModelFilesScope {
  cwd: string;
  /**
   * The repository: model directories and every file the probe reads must be inside it once links are resolved, so
   * that a link committed to a repository cannot make the probe read (and quote) a file of the machine it runs on.
   */
  root: string;
}

/** A path as reports show it: relative to the working directory, with forward slashes. */
export const displayPath = (absolutePath: string, cwd: string) => relative(cwd, absolutePath).split(sep).join('/') || '.';

/** The model directories found, and why the search stopped early, if it did. */
export interface ModelDirs {
  dirs: string[];
  truncated?: string;
}

/**
 * The model directories under `paths`: each directory holding a tokenizer_config.json or a chat_template.jinja. A path may be such a
 * directory (even inside node_modules), one of its files, or a directory searched below (skipping dependencies,
 * virtualenvs and links to directories) until `limits` are reached. A path that does not exist, or that is outside
 * the repository, is an input error.
 */
export function findModelDirs(paths: string[], scope: ModelFilesScope, limits = SEARCH_LIMITS): ModelDirs {
  const found = new Set<string>();
  let searched = 0;
  let truncated: string | undefined;
  const walk = (dir: string) => {
    if (found.size >= limits.models || searched >= limits.directories) {
      truncated ??= found.size >= limits.models
        ? `probed the first ${limits.models} model directories found; name the others in the config's probes.template`
        : `stopped looking for model directories after ${limits.directories.toLocaleString('en-US')} directories; name them in the config's probes.template`;
      return;
    }
    searched++;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable directory below a searched path holds nothing we can probe
    }
    // A linked file counts (a Hugging Face cache snapshot links every file); reading it checks where it points.
    const isModelFile = (entry: (typeof entries)[number]) => (entry.isFile() || entry.isSymbolicLink()) && (entry.name === TOKENIZER_CONFIG || entry.name === CHAT_TEMPLATE_JINJA);
    if (entries.some(isModelFile)) found.add(dir);
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name));
    }
  };
  for (const path of paths) {
    const absolutePath = resolve(scope.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolutePath).isDirectory();
    } catch {
      throw new ProbeInputError(`${path}: no such file or directory`);
    }
    insideRepository(absolutePath, path, scope);
    if (isDirectory) walk(absolutePath);
    else if (TOKENIZER_FILES.has(basename(absolutePath))) found.add(dirname(absolutePath));
    else throw new ProbeInputError(`${path}: not a directory or a tokenizer file (${[...TOKENIZER_FILES].join(', ')})`);
  }
  return { dirs: [...found].sort(), truncated };
}

/**
 * The repository a path given by the user (on the command line, or the Action's `paths`) belongs to: `preferred`
 * when the path is inside it, else the path itself (a directory, or a file's directory).
 */
export function repositoryOf(path: string, preferred: string, cwd: string): string {
  const absolutePath = resolve(cwd, path);
  try {
    const real = realpathSync(absolutePath);
    if (isInside(real, realpathSync(preferred))) return preferred;
    return statSync(real).isDirectory() ? real : dirname(real);
  } catch {
    return preferred; // a path that does not exist: findModelDirs says so
  }
}

/** The real path of `absolutePath`, which must be inside the repository; `shown` is how the error names it. */
export function insideRepository(absolutePath: string, shown: string, scope: ModelFilesScope): string {
  const real = realpathSync(absolutePath);
  if (!isInside(real, realpathSync(scope.root))) {
    const link = real === resolve(absolutePath) ? '' : ` (a link to ${real})`;
    throw new ProbeInputError(`${shown}: outside the repository${link}: not read`);
  }
  return real;
}

/** Read the tokenizer files of `dir`: tokenizer_config.json or chat_template.jinja is required, the others are used when present. */
export function loadModelFiles(dir: string, scope: ModelFilesScope): ModelFiles {
  const pathOf = (name: string) => join(dir, name);
  const tokenizerConfig = readJson(pathOf(TOKENIZER_CONFIG), scope, tokenizerConfigSchema);
  const chatTemplate = chatTemplateOf(pathOf(CHAT_TEMPLATE_JINJA), scope, tokenizerConfig);
  if (!tokenizerConfig && !chatTemplate) throw new ProbeInputError(`${displayPath(dir, scope.cwd)}: no ${TOKENIZER_CONFIG} or ${CHAT_TEMPLATE_JINJA}`);
  return {
    dir: displayPath(dir, scope.cwd),
    tokenizerConfig,
    addedTokens: readJson(pathOf('added_tokens.json'), scope, addedTokensSchema),
    tokenizerJson: readJson(pathOf('tokenizer.json'), scope, tokenizerJsonSchema, MAX_TOKENIZER_JSON_BYTES),
    generationConfig: readJson(pathOf('generation_config.json'), scope, generationConfigSchema),
    chatTemplate,
  };
}

/** chat_template.jinja wins over the `chat_template` key, as in transformers; a list of named templates uses `default`. */
function chatTemplateOf(jinjaPath: string, scope: ModelFilesScope, config: JsonFile<TokenizerConfig> | undefined): ChatTemplateSource | undefined {
  const jinja = readText(jinjaPath, scope);
  if (jinja !== undefined) return { text: jinja, anchor: anchorAt(displayPath(jinjaPath, scope.cwd), jinja, 0, 0) };
  const template = config?.data.chat_template;
  if (!config || template === undefined) return undefined;
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

/**
 * The file's text, or undefined when it does not exist. Only a regular file inside the repository, of at most
 * `maxBytes`, is read; anything else (a link out of the repository, a FIFO, a device, a file too large, one that
 * cannot be read) is an input error that names the file and never quotes what it holds.
 */
function readText(absolutePath: string, scope: ModelFilesScope, maxBytes = MAX_FILE_BYTES): string | undefined {
  const path = displayPath(absolutePath, scope.cwd);
  let real: string;
  try {
    real = insideRepository(absolutePath, path, scope);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // no such file, or a dangling link
    throw error instanceof ProbeInputError ? error : cannotRead(path, error);
  }
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer for ever.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ProbeInputError(`${path}: not a regular file: not read`);
    if (stats.size > maxBytes) throw new ProbeInputError(`${path}: ${megabytes(stats.size)}, over the ${megabytes(maxBytes)} a tokenizer file may have: not read`);
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } catch (error) {
    throw error instanceof ProbeInputError ? error : cannotRead(path, error);
  } finally {
    closeSync(fd);
  }
}

const cannotRead = (path: string, error: unknown) =>
  new ProbeInputError(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

function readJson<T>(absolutePath: string, scope: ModelFilesScope, schema: z.ZodType<T>, maxBytes?: number): JsonFile<T> | undefined {
  const text = readText(absolutePath, scope, maxBytes);
  if (text === undefined) return undefined;
  const path = displayPath(absolutePath, scope.cwd);
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
