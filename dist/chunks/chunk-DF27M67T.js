import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  Template
} from "./chunk-ZXAJMLOA.js";
import {
  Tokenizer_default
} from "./chunk-NNWH2TOR.js";
import {
  external_exports
} from "./chunk-IE3FM37B.js";
import {
  SKIPPED_DIRECTORIES,
  isInside
} from "./chunk-XPX7JKDB.js";
import {
  TEMPLATE_CHECKS
} from "./chunk-J7F4CCJJ.js";
import {
  fingerprintOf
} from "./chunk-NEICRMA7.js";

// src/probes/probe.ts
var ProbeInputError = class extends Error {
};
function anchorAt(path, text, offset, length) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const lineEnd = text.indexOf("\n", offset);
  return {
    path,
    line,
    column: offset - lineStart + 1,
    endColumn: offset - lineStart + 1 + length,
    code: text.slice(lineStart, lineEnd === -1 ? void 0 : lineEnd)
  };
}
function check(meta, status, outcome) {
  return { id: meta.id, title: meta.title, status, severity: meta.severity, ...outcome, evidence: outcome.evidence ?? {} };
}
function findingOf(probeCheck, anchor) {
  if (probeCheck.status !== "fail" && probeCheck.status !== "note") return void 0;
  return {
    ruleId: probeCheck.id,
    name: probeCheck.id,
    severity: probeCheck.status === "note" ? "info" : probeCheck.severity,
    path: anchor.path,
    line: anchor.line,
    column: anchor.column,
    endLine: anchor.line,
    endColumn: anchor.endColumn,
    message: probeCheck.message,
    fingerprint: fingerprintOf(probeCheck.id, anchor.path, anchor.code)
  };
}

// src/probes/model-files.ts
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
var tokenText = external_exports.union([external_exports.string(), external_exports.looseObject({ content: external_exports.string() }), external_exports.null()]);
var tokenizerConfigSchema = external_exports.looseObject({
  chat_template: external_exports.union([external_exports.string(), external_exports.array(external_exports.looseObject({ name: external_exports.string(), template: external_exports.string() }))]).optional(),
  bos_token: tokenText.optional(),
  eos_token: tokenText.optional(),
  pad_token: tokenText.optional(),
  unk_token: tokenText.optional(),
  additional_special_tokens: external_exports.array(tokenText).optional(),
  /** transformers 5: the special tokens beyond the named ones, a list or (Gemma 3) a mapping of names to tokens. */
  extra_special_tokens: external_exports.union([external_exports.array(tokenText), external_exports.record(external_exports.string(), tokenText)]).optional(),
  added_tokens_decoder: external_exports.record(external_exports.string(), external_exports.looseObject({ content: external_exports.string(), special: external_exports.boolean().optional() })).optional()
});
var addedTokensSchema = external_exports.record(external_exports.string(), external_exports.number().int());
var generationConfigSchema = external_exports.looseObject({
  eos_token_id: external_exports.union([external_exports.number().int(), external_exports.array(external_exports.number().int())]).optional()
});
var tokenizerJsonSchema = external_exports.looseObject({
  added_tokens: external_exports.array(external_exports.looseObject({ id: external_exports.number().int(), content: external_exports.string(), special: external_exports.boolean().optional() })).optional()
});
var TOKENIZER_CONFIG = "tokenizer_config.json";
var CHAT_TEMPLATE_JINJA = "chat_template.jinja";
var TOKENIZER_FILES = /* @__PURE__ */ new Set([TOKENIZER_CONFIG, "tokenizer.json", "generation_config.json", CHAT_TEMPLATE_JINJA, "added_tokens.json"]);
var MAX_TOKENIZER_JSON_BYTES = 64 * 1024 * 1024;
var MAX_FILE_BYTES = 8 * 1024 * 1024;
var SEARCH_LIMITS = { directories: 2e4, models: 64 };
var displayPath = (absolutePath, cwd) => relative(cwd, absolutePath).split(sep).join("/") || ".";
function findModelDirs(paths, scope, limits = SEARCH_LIMITS) {
  const found = /* @__PURE__ */ new Set();
  let searched = 0;
  let truncated;
  const walk = (dir) => {
    if (found.size >= limits.models || searched >= limits.directories) {
      truncated ??= found.size >= limits.models ? `probed the first ${limits.models} model directories found; name the others in the config's probes.template` : `stopped looking for model directories after ${limits.directories.toLocaleString("en-US")} directories; name them in the config's probes.template`;
      return;
    }
    searched++;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const isModelFile = (entry) => (entry.isFile() || entry.isSymbolicLink()) && (entry.name === TOKENIZER_CONFIG || entry.name === CHAT_TEMPLATE_JINJA);
    if (entries.some(isModelFile)) found.add(dir);
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name));
    }
  };
  for (const path of paths) {
    const absolutePath = resolve(scope.cwd, path);
    let isDirectory;
    try {
      isDirectory = statSync(absolutePath).isDirectory();
    } catch {
      throw new ProbeInputError(`${path}: no such file or directory`);
    }
    insideRepository(absolutePath, path, scope);
    if (isDirectory) walk(absolutePath);
    else if (TOKENIZER_FILES.has(basename(absolutePath))) found.add(dirname(absolutePath));
    else throw new ProbeInputError(`${path}: not a directory or a tokenizer file (${[...TOKENIZER_FILES].join(", ")})`);
  }
  return { dirs: [...found].sort(), truncated };
}
function repositoryOf(path, preferred, cwd) {
  const absolutePath = resolve(cwd, path);
  try {
    const real = realpathSync(absolutePath);
    if (isInside(real, realpathSync(preferred))) return preferred;
    return statSync(real).isDirectory() ? real : dirname(real);
  } catch {
    return preferred;
  }
}
function insideRepository(absolutePath, shown, scope) {
  const real = realpathSync(absolutePath);
  if (!isInside(real, realpathSync(scope.root))) {
    const link = real === resolve(absolutePath) ? "" : ` (a link to ${real})`;
    throw new ProbeInputError(`${shown}: outside the repository${link}: not read`);
  }
  return real;
}
function loadModelFiles(dir, scope) {
  const pathOf = (name) => join(dir, name);
  const tokenizerConfig = readJson(pathOf(TOKENIZER_CONFIG), scope, tokenizerConfigSchema);
  const chatTemplate = chatTemplateOf(pathOf(CHAT_TEMPLATE_JINJA), scope, tokenizerConfig);
  if (!tokenizerConfig && !chatTemplate) throw new ProbeInputError(`${displayPath(dir, scope.cwd)}: no ${TOKENIZER_CONFIG} or ${CHAT_TEMPLATE_JINJA}`);
  return {
    dir: displayPath(dir, scope.cwd),
    tokenizerConfig,
    addedTokens: readJson(pathOf("added_tokens.json"), scope, addedTokensSchema),
    tokenizerJson: readJson(pathOf("tokenizer.json"), scope, tokenizerJsonSchema, MAX_TOKENIZER_JSON_BYTES),
    generationConfig: readJson(pathOf("generation_config.json"), scope, generationConfigSchema),
    chatTemplate
  };
}
function chatTemplateOf(jinjaPath, scope, config) {
  const jinja = readText(jinjaPath, scope);
  if (jinja !== void 0) return { text: jinja, anchor: anchorAt(displayPath(jinjaPath, scope.cwd), jinja, 0, 0) };
  const template = config?.data.chat_template;
  if (!config || template === void 0) return void 0;
  const text = typeof template === "string" ? template : template.find((named) => named.name === "default")?.template;
  if (text === void 0) {
    throw new ProbeInputError(`${config.path}: chat_template: a list of named templates needs one named 'default'`);
  }
  return { text, anchor: keyAnchor(config, "chat_template") };
}
function keyAnchor(file, key) {
  const match = new RegExp(`"${key}"\\s*:`).exec(file.text);
  return anchorAt(file.path, file.text, match?.index ?? 0, match ? key.length + 2 : 0);
}
function readText(absolutePath, scope, maxBytes = MAX_FILE_BYTES) {
  const path = displayPath(absolutePath, scope.cwd);
  let real;
  try {
    real = insideRepository(absolutePath, path, scope);
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error instanceof ProbeInputError ? error : cannotRead(path, error);
  }
  let fd;
  try {
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
    return buffer.toString("utf8", 0, read);
  } catch (error) {
    throw error instanceof ProbeInputError ? error : cannotRead(path, error);
  } finally {
    closeSync(fd);
  }
}
var cannotRead = (path, error) => new ProbeInputError(`${path}: cannot read: ${error.code ?? error.message}`);
var megabytes = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
function readJson(absolutePath, scope, schema, maxBytes) {
  const text = readText(absolutePath, scope, maxBytes);
  if (text === void 0) return void 0;
  const path = displayPath(absolutePath, scope.cwd);
  if (text.startsWith("version https://git-lfs")) {
    throw new ProbeInputError(`${path}: a Git LFS pointer, not the file (fetch it: git lfs pull, or actions/checkout with lfs: true)`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProbeInputError(`${path}: invalid JSON: ${error.message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProbeInputError(`${path}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return { path, text, data: parsed.data };
}

// src/probes/chat-template.ts
var QUESTION = "What is 6 times 7?";
var ANSWER = "The answer is 42.";
var CALCULATOR = {
  type: "function",
  function: {
    name: "calculator",
    description: "Evaluate an arithmetic expression.",
    // With a description for each parameter, as transformers' get_json_schema writes them (Hermes' template needs one).
    parameters: { type: "object", properties: { expression: { type: "string", description: "The expression, like 6*7." } }, required: ["expression"] }
  }
};
var TOOL_CALL_MARKS = ["calculator", "6*7"];
var SINGLE_TURN = { name: "single turn", messages: [{ role: "user", content: QUESTION }] };
var SYSTEM_PROMPT = {
  name: "system prompt",
  messages: [{ role: "system", content: "You are a careful math tutor." }, { role: "user", content: QUESTION }]
};
var MULTI_TURN = {
  name: "multi-turn",
  messages: [{ role: "user", content: QUESTION }, { role: "assistant", content: ANSWER }, { role: "user", content: "And 6 times 8?" }]
};
var TOOL_CALL_SHAPES = [
  { label: "content '' and arguments as a mapping", content: "", arguments: "mapping" },
  { label: "content None and arguments as a mapping", content: null, arguments: "mapping" },
  { label: "no content and arguments as a mapping (transformers' docs)", content: void 0, arguments: "mapping" },
  { label: "content '' and arguments as a JSON string (OpenAI's format)", content: "", arguments: "json" },
  { label: "content None and arguments as a JSON string", content: null, arguments: "json" }
];
function toolCallConversation(shape) {
  const args = { expression: "6*7" };
  const call = {
    // Mistral's templates require nine alphanumeric characters.
    id: "call00042",
    type: "function",
    function: { name: "calculator", arguments: shape.arguments === "mapping" ? args : JSON.stringify(args) }
  };
  const caller = { role: "assistant", tool_calls: [call] };
  if (shape.content !== void 0) caller.content = shape.content;
  return {
    name: "multi-turn with tool calls",
    tools: [CALCULATOR],
    messages: [
      { role: "user", content: QUESTION },
      caller,
      { role: "tool", name: "calculator", tool_call_id: call.id, content: "42" },
      { role: "assistant", content: ANSWER },
      { role: "user", content: "And 6 times 8?" }
    ]
  };
}
var TOOL_CALLS = toolCallConversation(TOOL_CALL_SHAPES[0]);
var PLAIN_CONVERSATIONS = [SINGLE_TURN, SYSTEM_PROMPT, MULTI_TURN];
function answered(conversation, answer = ANSWER) {
  return { ...conversation, name: `${conversation.name}, answered`, messages: [...conversation.messages, { role: "assistant", content: answer }] };
}
var MAX_RENDER_CHARS = 1024 * 1024;
var RenderTooLongError = class extends Error {
};
var TemplateRaisedError = class extends Error {
};
var ENGINE_OBJECT_TEXT = /\[object (?:Map|Object)\]/;
var RAISE = "__rl_review_raise_exception";
function renameIdentifier(node, from, to) {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) renameIdentifier(item, from, to);
    return;
  }
  const record = node;
  if (record.type === "Identifier" && record.value === from) record.value = to;
  for (const child of Object.values(record)) renameIdentifier(child, from, to);
}
var GLOBALS = /* @__PURE__ */ new Set(["true", "false", "none", "True", "False", "None", "range", "namespace", RAISE, "strftime_now", "loop", "dict", "cycler", "joiner", "lipsum", "self", "varargs", "kwargs", "caller"]);
var ChatTemplate = class {
  /** Throws when the template does not parse. `specialTokens` are the variables transformers passes (`bos_token`...). */
  constructor(source, specialTokens) {
    this.source = source;
    this.specialTokens = specialTokens;
    this.template = new Template(source);
    renameIdentifier(this.template.parsed, "raise_exception", RAISE);
  }
  source;
  specialTokens;
  template;
  /**
   * Whether `tools` is passed to every render. transformers passes `tools=None` unless given tools; tool-use
   * templates (Hermes' `tool_use`) iterate over it unguarded and only render with tools, as their users call them.
   */
  toolsAlways = false;
  /** Whether renders pass `tools` whatever the conversation: the template failed without them. */
  get needsTools() {
    return this.toolsAlways;
  }
  /**
   * The render of `conversation`, as `apply_chat_template(messages, tools=..., add_generation_prompt=...)` gives it.
   * Throws a TemplateRaisedError when the template raises, a RenderTooLongError over MAX_RENDER_CHARS, any other
   * error when the engine fails (an undefined variable, a filter it lacks).
   */
  render(conversation, addGenerationPrompt) {
    const tools = conversation.tools ?? (this.toolsAlways ? [CALCULATOR] : null);
    try {
      return this.renderWith(conversation, tools, addGenerationPrompt);
    } catch (error) {
      if (tools || error instanceof TemplateRaisedError || error instanceof RenderTooLongError) throw error;
      const withTools = this.renderWith(conversation, [CALCULATOR], addGenerationPrompt);
      this.toolsAlways = true;
      return withTools;
    }
  }
  renderWith(conversation, tools, addGenerationPrompt) {
    const text = this.template.render({
      ...this.specialTokens,
      messages: conversation.messages,
      tools,
      documents: null,
      add_generation_prompt: addGenerationPrompt,
      [RAISE]: (message) => {
        throw new TemplateRaisedError(String(message));
      }
    });
    if (text.length > MAX_RENDER_CHARS) {
      throw new RenderTooLongError(`the chat template writes ${text.length.toLocaleString("en-US")} characters for the ${conversation.name} conversation (at most ${MAX_RENDER_CHARS.toLocaleString("en-US")} are kept): not probed`);
    }
    if (ENGINE_OBJECT_TEXT.test(text)) throw new Error("the template adds a mapping to a string (transformers raises a TypeError there)");
    return text;
  }
  /**
   * The variables the template reads that are neither set by it, nor Jinja's globals, nor passed by transformers
   * (`messages`, `tools`, `documents`, `add_generation_prompt`, the special tokens): what an engine error about an undefined value
   * is most likely about (`functions`, for firefunction).
   */
  unknownVariables() {
    const read = /* @__PURE__ */ new Set();
    const set = /* @__PURE__ */ new Set();
    const visit = (node, binding, key, parent) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) {
        for (const item of node) visit(item, binding, key, parent);
        return;
      }
      const record = node;
      if (record.type === "Identifier") {
        const isName = key === "filter" || key === "test" || key === "operator" || key === "property" && parent?.computed === false;
        if (!isName) (binding ? set : read).add(record.value);
        return;
      }
      if ((key === "filter" || key === "test") && record.type === "CallExpression") {
        visit(record.args, binding, "args", record);
        return;
      }
      for (const [childKey, child] of Object.entries(record)) {
        visit(child, binding || ["loopvar", "assignee", "name", "args", "key"].includes(childKey) && record.type !== "CallExpression", childKey, record);
      }
    };
    visit(this.template.parsed, false);
    const passed = /* @__PURE__ */ new Set(["messages", "tools", "documents", "add_generation_prompt", ...Object.keys(this.specialTokens)]);
    return [...read].filter((name) => !set.has(name) && !passed.has(name) && !GLOBALS.has(name)).sort();
  }
};

// src/probes/vocabulary.ts
function tokenContent(token) {
  if (token === null || token === void 0) return void 0;
  return typeof token === "string" ? token : token.content;
}
function namedSpecialTokens(config) {
  if (!config) return {};
  const named = {};
  for (const key of ["bos_token", "eos_token", "pad_token", "unk_token", "sep_token", "cls_token", "mask_token"]) {
    const content = tokenContent(config[key]);
    if (content !== void 0) named[key] = content;
  }
  const extra = config.extra_special_tokens;
  if (extra && !Array.isArray(extra)) {
    for (const [name, token] of Object.entries(extra)) {
      const content = tokenContent(token);
      if (content !== void 0) named[name] = content;
    }
  }
  return named;
}
function vocabularyOf(files) {
  const config = files.tokenizerConfig?.data;
  const addedIds = /* @__PURE__ */ new Map();
  const special = /* @__PURE__ */ new Set();
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
  const listed = [...config?.additional_special_tokens ?? [], ...Array.isArray(extra) ? extra : []].map(tokenContent);
  for (const token of [...Object.values(namedSpecialTokens(config)), ...listed]) if (token) special.add(token);
  for (const token of Object.keys(files.addedTokens?.data ?? {})) if (/^<.+>$/.test(token)) special.add(token);
  const tokenizer = files.tokenizerJson && loadTokenizer(files.tokenizerJson, config ?? {});
  const longestFirst = (tokens) => [...tokens].filter((token) => token.trim() !== "").sort((a, b) => b.length - a.length);
  return {
    declaredTokens: longestFirst(/* @__PURE__ */ new Set([...addedIds.keys(), ...special])),
    specialTokens: longestFirst(special),
    idOf: (token) => tokenizer?.token_to_id(token) ?? addedIds.get(token),
    tokenOf: (id) => tokenizer?.id_to_token(id) ?? addedTokens.get(id),
    encode: tokenizer && ((text) => tokenizer.encode(text, { add_special_tokens: false }).ids),
    kind: files.tokenizerJson && (JSON.stringify(files.tokenizerJson.data.normalizer ?? files.tokenizerJson.data.pre_tokenizer ?? "").includes("\u2581") ? "sentencepiece" : "byte-level")
  };
}
function loadTokenizer(tokenizerJson, config) {
  try {
    return new Tokenizer_default(tokenizerJson.data, config);
  } catch (error) {
    throw new ProbeInputError(`${tokenizerJson.path}: cannot load the tokenizer: ${error.message}`);
  }
}

// src/probes/template-probe.ts
var RESPONSES = [ANSWER, "42"];
var THINKING_RESPONSE = "<think>\nLet me compute 6 times 7.\n</think>\n\nThe answer is 42.";
var TOKENIZING_CHECKS = [TEMPLATE_CHECKS.specialTokens, TEMPLATE_CHECKS.promptBoundary, TEMPLATE_CHECKS.turnSeparator];
var AFTER_RENDER = [TEMPLATE_CHECKS.generationPrompt, TEMPLATE_CHECKS.stopToken, ...TOKENIZING_CHECKS, TEMPLATE_CHECKS.toolCalls];
function probeTemplate(dir, options) {
  const files = loadModelFiles(dir, options);
  const vocabulary = vocabularyOf(files);
  let located;
  try {
    located = templateChecks(files, vocabulary, stopTokensOf(files, vocabulary, options.stopTokens ?? []));
  } catch (error) {
    throw error instanceof RenderTooLongError ? new ProbeInputError(`${files.dir}: ${error.message}`) : error;
  }
  return {
    report: { probe: "template", target: files.dir, checks: located.map((l) => l.check) },
    findings: located.flatMap((l) => findingOf(l.check, l.anchor) ?? [])
  };
}
function templateChecks(files, vocabulary, stops) {
  const source = files.chatTemplate;
  if (!source) {
    const config = files.tokenizerConfig;
    const message = `No chat template in ${config.path} or chat_template.jinja: nothing to probe.`;
    return [{ check: check(TEMPLATE_CHECKS.render, "skip", { expected: "a chat template", actual: "none", message }), anchor: keyAnchor(config, "chat_template") }];
  }
  const at = (probeCheck, anchor = source.anchor) => ({ check: probeCheck, anchor });
  const skipped = (metas, message) => metas.map((meta) => at(check(meta, "skip", { expected: "", actual: "", message })));
  const renders = renderConversations(source.text, files);
  const { template, rendered, renderCheck } = renders;
  if (!template || renderCheck.status !== "pass") {
    return [at(renderCheck), ...skipped(AFTER_RENDER, "Not run: the chat template does not render here.")];
  }
  const closing = closingOf(template);
  const endOfTurn = closing === void 0 ? void 0 : firstToken(closing, vocabulary.specialTokens);
  const prompt = rendered.get(SINGLE_TURN);
  const checks = [
    at(renderCheck),
    at(generationPromptCheck(template, rendered, closing, vocabulary)),
    at(stopTokenCheck(files, closing, endOfTurn?.token, vocabulary, stops, rendered.get(MULTI_TURN)), stops.anchor)
  ];
  const { encode } = vocabulary;
  const tokenizing = !encode || !files.tokenizerJson ? skipped(TOKENIZING_CHECKS, `Not run: no tokenizer.json in ${files.dir}.`) : [
    at(specialTokensCheck([...rendered.values()], vocabulary, encode), keyAnchor(files.tokenizerJson, "added_tokens")),
    at(promptBoundaryCheck(template, prompt, vocabulary, encode)),
    at(turnSeparatorCheck(rendered.get(MULTI_TURN), endOfTurn?.token, vocabulary, encode))
  ];
  return [...checks, ...tokenizing, at(toolCallsCheck(template, renders))];
}
function stopTokensOf(files, vocabulary, extra) {
  const generation = files.generationConfig;
  const config = files.tokenizerConfig;
  let stops;
  if (generation && generation.data.eos_token_id !== void 0) {
    stops = { ids: [generation.data.eos_token_id].flat(), source: `${generation.path} eos_token_id`, anchor: keyAnchor(generation, "eos_token_id") };
  } else if (config) {
    const eos = tokenContent(config.data.eos_token);
    const id = eos === void 0 ? void 0 : vocabulary.idOf(eos);
    stops = { ids: id === void 0 ? [] : [id], source: `${config.path} eos_token`, anchor: keyAnchor(config, "eos_token") };
  } else {
    stops = { ids: [], source: "no tokenizer files", anchor: files.chatTemplate.anchor };
  }
  for (const token of extra) {
    const id = /^\d+$/.test(token) ? Number(token) : vocabulary.idOf(token);
    if (id === void 0) throw new ProbeInputError(`--stop-token ${token}: not a token of ${files.dir}`);
    stops.ids.push(id);
  }
  if (extra.length) stops.source += " and --stop-token";
  return stops;
}
function renderConversations(source, files) {
  const rendered = /* @__PURE__ */ new Map();
  const toolShapes = [];
  const expected = "renders every conversation";
  let template;
  try {
    template = new ChatTemplate(source, namedSpecialTokens(files.tokenizerConfig?.data));
  } catch (error) {
    const message2 = `The chat template does not parse: ${error.message}`;
    return { rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, "fail", { expected, actual: "parse error", message: message2 }) };
  }
  const rejected = [];
  const unrendered = [];
  const attempt = (conversation) => {
    try {
      return template.render(conversation, true);
    } catch (error) {
      if (error instanceof RenderTooLongError) throw error;
      return error instanceof TemplateRaisedError ? { raised: error.message } : { failed: engineFailure(error, template) };
    }
  };
  for (const conversation of PLAIN_CONVERSATIONS) {
    const outcome = attempt(conversation);
    if (typeof outcome === "string") rendered.set(conversation, outcome);
    else if (outcome.raised !== void 0) rejected.push(`${conversation.name} (${outcome.raised})`);
    else unrendered.push(`${conversation.name} (${outcome.failed})`);
  }
  let dropping;
  for (const shape of TOOL_CALL_SHAPES) {
    const conversation = toolCallConversation(shape);
    const outcome = attempt(conversation);
    if (typeof outcome !== "string") {
      toolShapes.push({ shape, outcome: outcome.raised !== void 0 ? `raises "${outcome.raised}"` : `cannot be rendered here: ${outcome.failed}`, showsCall: false });
      continue;
    }
    const showsCall = TOOL_CALL_MARKS.every((mark) => outcome.includes(mark));
    toolShapes.push({ shape, outcome: showsCall ? "shows the call" : "drops the call", showsCall });
    if (showsCall) {
      rendered.set(conversation, outcome);
      dropping = void 0;
      break;
    }
    dropping ??= [conversation, outcome];
  }
  if (dropping) rendered.set(...dropping);
  const toolConversation = TOOL_CALL_SHAPES.length && !toolShapes.some((t) => t.showsCall) && !dropping;
  if (toolConversation) {
    const raised = toolShapes.find((t) => t.outcome.startsWith("raises"));
    (raised ? rejected : unrendered).push(`multi-turn with tool calls (${(raised ?? toolShapes[0]).outcome})`);
  }
  const conversations = Object.fromEntries([...rendered].map(([conversation, text]) => [conversation.name, text]));
  const evidence = { conversations, rejected, unrendered, toolsAlwaysPassed: template.needsTools };
  const total = PLAIN_CONVERSATIONS.length + 1;
  if (!rendered.has(SINGLE_TURN)) {
    const [reason] = rejected.length && rejected[0].startsWith(SINGLE_TURN.name) ? rejected : unrendered;
    if (rejected[0]?.startsWith(SINGLE_TURN.name)) {
      const message3 = `The chat template rejects a single user question: ${reason}.`;
      return { template, rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, "fail", { expected, actual: "error", message: message3, evidence }) };
    }
    const message2 = `Not judged: the chat template cannot be rendered here: ${reason}. transformers' Jinja may render it; the other checks need a render.`;
    return { template, rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, "skip", { expected, actual: "not rendered", message: message2, evidence }) };
  }
  const notes = [
    rejected.length ? `the template rejects: ${rejected.join("; ")}` : "",
    unrendered.length ? `not rendered here (a limit of the engine or a variable to pass, not a defect of the template): ${unrendered.join("; ")}` : "",
    template.needsTools ? "it needs `tools` passed even without tool calls (a tool-use template), so every conversation was rendered with the calculator tool" : ""
  ].filter(Boolean);
  const message = `Renders ${rendered.size} of ${total} conversations${notes.length ? `; ${notes.join("; ")}` : ""}.`;
  return { template, rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, "pass", { expected, actual: `${rendered.size} of ${total}`, message, evidence }) };
}
function engineFailure(error, template) {
  const missing = /undefined|UndefinedValue|NullValue/i.test(error.message) ? template.unknownVariables() : [];
  if (!missing.length) return `@huggingface/jinja: ${error.message}`;
  const names = missing.map((name) => `\`${name}\``).join(", ");
  return `the template reads ${names}, which apply_chat_template passes only when you give ${missing.length > 1 ? "them" : "it"} (apply_chat_template(..., ${missing[0]}=...)); the engine's error: ${error.message}`;
}
function closingOf(template) {
  try {
    const answer = template.render(answered(SINGLE_TURN), false);
    const answerAt = answer.lastIndexOf(ANSWER);
    return answerAt === -1 ? void 0 : answer.slice(answerAt + ANSWER.length);
  } catch (error) {
    if (error instanceof RenderTooLongError) throw error;
    return void 0;
  }
}
function generationPromptCheck(template, rendered, closing, vocabulary) {
  const expected = "ends where the answer begins";
  const meta = TEMPLATE_CHECKS.generationPrompt;
  const seen = [];
  for (const [conversation, fullPrompt] of rendered) {
    let answer;
    try {
      answer = template.render(answered(conversation), false);
    } catch (error) {
      if (error instanceof RenderTooLongError) throw error;
      continue;
    }
    const answerAt = answer.lastIndexOf(ANSWER);
    const lastUser = conversation.messages.findLast((message3) => message3.role === "user")?.content ?? "";
    const [promptAt, beforeAt] = [fullPrompt.lastIndexOf(lastUser), answer.lastIndexOf(lastUser, answerAt)];
    if (answerAt === -1 || !lastUser || promptAt === -1 || beforeAt === -1) continue;
    const prompt2 = fullPrompt.slice(promptAt);
    const before2 = answer.slice(beforeAt, answerAt);
    seen.push({ conversation, prompt: prompt2, before: before2 });
    const evidence2 = { conversation: conversation.name, promptEnd: prompt2.slice(-60), beforeAnswer: before2.slice(-60) };
    if (prompt2.startsWith(before2)) continue;
    if (before2.startsWith(prompt2)) {
      const gap = headerIn(before2.slice(prompt2.length), vocabulary);
      if (!gap) continue;
      const reads = /\badd_generation_prompt\b/.test(template.source);
      const message3 = `${reads ? "add_generation_prompt=True ends" : "The template never reads add_generation_prompt, and ends"} the ${conversation.name} prompt before ${quote(gap)}, which it writes before an assistant's answer: the policy has to write that header itself. Early in RL it often does not, or repeats it (the runaway header repetition of the seeds). ${reads ? "Write the header" : `End the template with \`{%- if add_generation_prompt %}{{- ${quote(gap)} }}{%- endif %}\``} when add_generation_prompt is true.`;
      return check(meta, "fail", { expected, actual: `missing ${quote(gap)}`, message: message3, evidence: evidence2 });
    }
    let shared = 0;
    while (prompt2[shared] === before2[shared]) shared++;
    shared = prompt2.lastIndexOf("\n", shared - 1) + 1;
    const message2 = `add_generation_prompt=True ends the ${conversation.name} prompt with ${quote(prompt2.slice(shared))}, but in a rendered conversation the answer follows ${quote(before2.slice(shared))}: the policy is trained after a header it never sees at inference. Make the generation prompt the text the template writes before an assistant's answer.`;
    return check(meta, "fail", { expected, actual: quote(prompt2.slice(shared)), message: message2, evidence: evidence2 });
  }
  if (!seen.length) return check(meta, "skip", { expected, actual: "", message: "Not run: the template renders no answered conversation." });
  const { prompt, before } = seen[0];
  const extra = prompt.startsWith(before) ? prompt.slice(before.length) : "";
  const ending = prompt.slice(lastUserLength(seen[0].conversation));
  const header = assistantHeader(before, closing === void 0 ? void 0 : firstToken(closing, vocabulary.specialTokens)?.token, vocabulary);
  const shown = header ? header + extra : ending;
  const evidence = { generationPrompt: shown, generationPromptIds: vocabulary.encode?.(shown), forcedStart: extra || void 0 };
  if (!/\badd_generation_prompt\b/.test(template.source) && header && closing?.endsWith(header)) {
    const message2 = `The template never reads add_generation_prompt: it ends every render with the assistant header ${quote(header)}. Harmless for RL prompts, which want it; but a finished conversation rendered for SFT or a reward model ends with an empty assistant turn. Put the header under \`{%- if add_generation_prompt %}\`.`;
    return check(meta, "note", { expected, actual: `always ${quote(header)}`, message: message2, evidence });
  }
  const opening = header ? `The prompt ends with the assistant header ${quote(header)}` : `The template has no assistant header: the prompt ends with ${quote(ending)}`;
  const message = extra ? `${opening}, where the answer begins in a rendered conversation, then ${quote(extra)}: the policy's response starts after it, as the template intends.` : `${opening}, where an assistant's answer begins in a rendered conversation.`;
  return check(meta, "pass", { expected, actual: quote(header ?? ending), message, evidence });
}
var lastUserLength = (conversation) => (conversation.messages.findLast((message) => message.role === "user")?.content ?? "").length;
function renderOrUndefined(template, conversation, addGenerationPrompt) {
  try {
    return template.render(conversation, addGenerationPrompt);
  } catch (error) {
    if (error instanceof RenderTooLongError) throw error;
    return void 0;
  }
}
function assistantHeader(before, endOfTurn, vocabulary) {
  let tail = before.slice(before.lastIndexOf(QUESTION) + QUESTION.length);
  for (let token = firstToken(tail, vocabulary.specialTokens); token; token = firstToken(tail, vocabulary.specialTokens)) {
    if (token.token !== endOfTurn && !/^(?:\[\/|<\/)/.test(token.token)) return headerIn(tail.slice(token.index), vocabulary);
    tail = tail.slice(token.index + token.token.length);
  }
  return void 0;
}
function stopTokenCheck(files, closing, endOfTurn, vocabulary, stops, multiTurn) {
  const meta = TEMPLATE_CHECKS.stopToken;
  const expected = "the end-of-turn token is a stop token";
  if (closing === void 0) return check(meta, "skip", { expected, actual: "", message: "Not run: cannot find an assistant turn in the rendered conversation." });
  if (!files.tokenizerConfig && !files.tokenizerJson) {
    const message2 = `Not run: ${files.dir} has no tokenizer files, so its special tokens and stop tokens are unknown (an assistant turn ends with ${quote(closing)}).`;
    return check(meta, "skip", { expected, actual: "", message: message2, evidence: { assistantClosing: closing } });
  }
  if (!endOfTurn) {
    const message2 = `The chat template closes an assistant turn with ${quote(closing)} and no special token: the model cannot learn where its turn ends, and no stop token ends it.`;
    return check(meta, "fail", { expected, actual: "no end-of-turn token", message: message2, evidence: { assistantClosing: closing } });
  }
  const id = vocabulary.idOf(endOfTurn);
  if (id === void 0) return check(meta, "skip", { expected, actual: endOfTurn, message: `Not run: ${endOfTurn} has no id in the tokenizer files.` });
  const stopList = stops.ids.map((stop) => tokenLabel(stop, vocabulary)).join(", ") || "none";
  const evidence = { endOfTurn: { token: endOfTurn, id }, stopTokenIds: stops.ids, stopTokens: stops.ids.map((stop) => vocabulary.tokenOf(stop)), source: stops.source };
  if (stops.ids.includes(id)) {
    const message2 = `The template ends an assistant turn with ${tokenLabel(id, vocabulary)}, a stop token (${stops.source}: ${stopList}).`;
    return check(meta, "pass", { expected, actual: `${id} in [${stops.ids.join(", ")}]`, message: message2, evidence });
  }
  const eotAt = multiTurn?.indexOf(endOfTurn, multiTurn.indexOf(ANSWER)) ?? -1;
  const nextTurn = eotAt === -1 ? "" : multiTurn.slice(eotAt + endOfTurn.length, eotAt + endOfTurn.length + 30);
  const generationConfig = files.generationConfig?.path ?? "generation_config.json";
  const message = `The template ends an assistant turn with ${tokenLabel(id, vocabulary)}, but generation stops only at ${stopList} (${stops.source}). A policy trained on this template writes ${endOfTurn} and generation goes on: it writes the next turn itself${nextTurn ? ` (${quote(nextTurn)}\u2026)` : ""}, again and again, until the length limit. Add ${id} to eos_token_id in ${generationConfig} ("eos_token_id": [${[...stops.ids, id].join(", ")}]) or pass it to the rollout engine as a stop token (and to the probe with --stop-token).`;
  return check(meta, "fail", { expected, actual: `${id} not in [${stops.ids.join(", ")}]`, message, evidence });
}
function specialTokensCheck(renders, vocabulary, encode) {
  const meta = TEMPLATE_CHECKS.specialTokens;
  const text = renders.join("\n");
  const emitted = new Set(vocabulary.declaredTokens.filter((token2) => text.includes(token2)));
  for (const match of text.matchAll(/<\|[^|\s<>]+\|>/g)) emitted.add(match[0]);
  const tokens = Object.fromEntries([...emitted].map((token2) => [token2, encode(token2)]).sort(([, a], [, b]) => a[0] - b[0]));
  const split = Object.entries(tokens).filter(([, ids2]) => ids2.length !== 1);
  const expected = "one token each";
  if (!split.length) {
    const message2 = `The ${emitted.size} special tokens the template writes are single tokens: ${Object.entries(tokens).map(([token2, ids2]) => `${token2} ${ids2[0]}`).join(", ")}.`;
    return check(meta, "pass", { expected, actual: `${emitted.size} single tokens`, message: message2, evidence: { tokens } });
  }
  const [token, ids] = split[0];
  const pieces = ids.map((id) => vocabulary.tokenOf(id) ?? "?");
  const message = `${token} tokenizes to ${ids.length} pieces [${ids.join(", ")}] (${pieces.map(quote).join(" ")}) instead of one token${split.length > 1 ? `, and so do ${split.slice(1).map(([other]) => other).join(", ")}` : ""}: the model never sees the special token the template writes, and a stop on its id never fires. Declare it in tokenizer.json's added_tokens (special: true).`;
  return check(meta, "fail", { expected, actual: `${split.length} split`, message, evidence: { tokens } });
}
function promptBoundaryCheck(template, prompt, vocabulary, encode) {
  const meta = TEMPLATE_CHECKS.promptBoundary;
  const expected = "the prompt's ids unchanged";
  const answer = renderOrUndefined(template, answered(SINGLE_TURN), false);
  const answerAt = answer?.lastIndexOf(ANSWER) ?? -1;
  const continuation = answer && answerAt !== -1 && answer.startsWith(prompt) ? answer.slice(prompt.length, answerAt) : "";
  const promptIds = encode(prompt);
  const responses = template.source.includes("<think>") ? [...RESPONSES, THINKING_RESPONSE] : RESPONSES;
  for (const response of responses) {
    const written = continuation + response;
    const joined = encode(prompt + written);
    const at = promptIds.findIndex((id, i) => joined[i] !== id);
    if (at === -1) continue;
    const fix = vocabulary.kind === "sentencepiece" ? "This SentencePiece tokenizer joins the prompt's last piece to the next word: end the generation prompt with a special token, or keep prompt and response ids apart end to end (the rollout's ids, never re-tokenized text)." : "End the generation prompt at a token boundary (a newline or a special token), or keep prompt and response ids apart end to end (the rollout's ids, never re-tokenized text).";
    const message2 = `The generation prompt ends with ${quote(prompt.slice(-24))}, and when the model writes ${quote(written.slice(0, 16))} next, the prompt's last tokens ${describeIds(promptIds.slice(at), vocabulary)} become ${describeIds(joined.slice(at, at + Math.max(1, promptIds.length - at)), vocabulary)}: a token spans the boundary. Rollouts that keep the prompt's ids and code that re-tokenizes prompt + response text disagree, which shifts the loss mask. ${fix}`;
    const evidence = { written, promptTailIds: promptIds.slice(-5), joinedIds: joined.slice(Math.max(0, at - 2), at + 3) };
    return check(meta, "fail", { expected, actual: "merged at the boundary", message: message2, evidence });
  }
  const followed = continuation ? ` after ${quote(continuation)}, which the template writes before an answer` : "";
  const message = `The prompt's ids are unchanged when each of ${responses.length} responses follows it${followed}: prompt ids + response ids are the ids of prompt + response.`;
  return check(meta, "pass", { expected, actual: "no merge", message, evidence: { promptTailIds: promptIds.slice(-5), continuation } });
}
function turnSeparatorCheck(rendered, endOfTurn, vocabulary, encode) {
  const meta = TEMPLATE_CHECKS.turnSeparator;
  const expected = "the ids between turns";
  const eotAt = rendered && endOfTurn ? rendered.indexOf(endOfTurn, rendered.indexOf(ANSWER)) : -1;
  const afterEot = eotAt + (endOfTurn?.length ?? 0);
  const next = rendered && eotAt !== -1 ? firstToken(rendered.slice(afterEot), vocabulary.specialTokens) : void 0;
  if (!rendered || !endOfTurn || !next) {
    return check(meta, "skip", { expected, actual: "", message: "Not run: no end-of-turn token followed by another turn in the multi-turn render." });
  }
  const separator = rendered.slice(afterEot, afterEot + next.index);
  const [eotId, nextId] = [vocabulary.idOf(endOfTurn), vocabulary.idOf(next.token)];
  const separatorIds = encode(separator);
  const evidence = {
    endOfTurn: { token: endOfTurn, id: eotId },
    separator: { text: separator, ids: separatorIds },
    nextTurn: { token: next.token, id: nextId },
    templateIds: [eotId, ...separatorIds, nextId],
    appendedIds: [eotId, nextId]
  };
  if (!separator) {
    const message2 = `The template writes nothing between ${tokenLabel(eotId, vocabulary)} and the next turn's ${tokenLabel(nextId, vocabulary)}: appending the model's ids and then the next turn's ids reproduces the template.`;
    return check(meta, "pass", { expected, actual: "none", message: message2, evidence });
  }
  const message = `After an assistant turn the template writes ${endOfTurn} ${quote(separator)} ${next.token} = [${evidence.templateIds.join(", ")}]. Generation stops at ${endOfTurn} (${eotId}), so the model never writes the ${quote(separator)} (${separatorIds.join(", ")}): a token-in/token-out loop that appends the model's ids and then the next turn's header builds [${eotId}, ${nextId}], which the template never renders. Append [${separatorIds.join(", ")}] after the stop token, or re-render the conversation with the template.`;
  return check(meta, "note", { expected, actual: `[${separatorIds.join(", ")}]`, message, evidence });
}
function toolCallsCheck(template, renders) {
  const meta = TEMPLATE_CHECKS.toolCalls;
  const expected = "the call in the text";
  const { toolShapes } = renders;
  const evidence = { shapes: Object.fromEntries(toolShapes.map((t) => [t.shape.label, t.outcome])) };
  const showing = toolShapes.find((t) => t.showsCall);
  const anyRendered = toolShapes.some((t) => t.outcome === "drops the call");
  if (!showing && !anyRendered) {
    return check(meta, "skip", { expected, actual: "", message: `Not run: the template does not render the tool-call conversation (${toolShapes[0]?.outcome ?? "not tried"}).`, evidence });
  }
  if (!/\btool_calls\b/.test(template.source)) {
    const message = "The template never reads tool_calls: an assistant message that calls a tool renders as its text alone, so a policy trained on it never sees its own calls. Fine for a model that does not use tools; to train tool use, use a template that renders calls.";
    return check(meta, "note", { expected, actual: "dropped", message, evidence });
  }
  if (!showing) {
    const message = `The template reads tool_calls but drops the call in every shape tried (${toolShapes.map((t) => `${t.shape.label}: ${t.outcome}`).join("; ")}): a tool-using policy is trained on text where its calls are missing. Render each call in the assistant turn.`;
    return check(meta, "fail", { expected, actual: "dropped", message, evidence });
  }
  const before = toolShapes.filter((t) => t !== showing);
  if (before.length) {
    const message = `The template shows a tool call only with ${showing.shape.label}; with ${before.map((t) => `${t.shape.label} it ${t.outcome}`).join("; with ")}. Write assistant tool calls in the shape it shows, or a tool-using policy is trained on text where its calls are missing.`;
    return check(meta, "note", { expected, actual: showing.shape.label, message, evidence });
  }
  return check(meta, "pass", { expected, actual: "shown", message: `The tool call shows in the rendered conversation (${showing.shape.label}).`, evidence });
}
var CONTROL_TOKEN_SHAPE = /<\|[^|\s]+\|>|<｜[^｜\s]+｜>|<(?:start|end)_of_turn>|\[\/?[A-Z_]+\]/;
function headerIn(text, vocabulary) {
  let end = -1;
  for (const token of vocabulary.specialTokens) {
    const at = text.lastIndexOf(token);
    if (at !== -1) end = Math.max(end, at + token.length);
  }
  for (const match of text.matchAll(new RegExp(CONTROL_TOKEN_SHAPE, "g"))) end = Math.max(end, match.index + match[0].length);
  if (end === -1) return void 0;
  return text.slice(0, end) + (/^[^\n]*\n*/.exec(text.slice(end))?.[0] ?? "");
}
function firstToken(text, tokens) {
  let first;
  for (const token of tokens) {
    const index = text.indexOf(token);
    if (index !== -1 && (!first || index < first.index)) first = { token, index };
  }
  return first;
}
var quote = (text) => JSON.stringify(text);
function tokenLabel(id, vocabulary) {
  return id === void 0 ? "?" : `${vocabulary.tokenOf(id) ?? "?"} (${id})`;
}
function describeIds(ids, vocabulary) {
  return `[${ids.map((id) => `${id} ${quote(vocabulary.tokenOf(id) ?? "?")}`).join(", ")}]`;
}

export {
  ProbeInputError,
  anchorAt,
  check,
  findingOf,
  displayPath,
  findModelDirs,
  repositoryOf,
  insideRepository,
  probeTemplate
};
