import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  require_dist
} from "./chunk-3GU5BAI5.js";
import {
  UsageError
} from "./chunk-QS3CJJVH.js";
import {
  Tokenizer_default
} from "./chunk-NNWH2TOR.js";
import {
  external_exports
} from "./chunk-IE3FM37B.js";
import {
  __toESM
} from "./chunk-2ZMPP5RW.js";

// src/policy/command.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync as readFileSync3 } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// src/policy/cases.ts
var CASE_KINDS = [
  "correct",
  "empty",
  "whitespace",
  "leaked-headers",
  "tool-call",
  "malformed-tool-call-json",
  "malformed-tool-call-tag",
  "malformed-tool-call-name",
  "malformed-tool-call-arguments",
  "runaway-repetition",
  "long-answer",
  "answer-in-think"
];
var TOOL_CALL_KINDS = /* @__PURE__ */ new Set([
  "tool-call",
  "malformed-tool-call-json",
  "malformed-tool-call-tag",
  "malformed-tool-call-name",
  "malformed-tool-call-arguments"
]);
var ADVERSARIAL_MIX = ["correct", ...CASE_KINDS];
var REPEATED = "Let me check that again. ";
function caseAnswer(kind, { answer, toolName }) {
  const call = (body) => `<tool_call>
${body}
</tool_call>`;
  switch (kind) {
    case "correct":
      return { kind, text: answer };
    case "empty":
      return { kind, text: "" };
    case "whitespace":
      return { kind, text: " \n\n " };
    case "leaked-headers":
      return { kind, text: `${answer}<|im_end|>
<|im_start|>user
Thanks! One more question?<|im_end|>
<|im_start|>assistant
${answer}` };
    case "tool-call": {
      const toolCall = { name: toolName, arguments: JSON.stringify({ query: answer }) };
      return { kind, text: call(JSON.stringify({ name: toolCall.name, arguments: { query: answer } })), toolCall };
    }
    case "malformed-tool-call-json":
      return { kind, text: call(`{"name": ${JSON.stringify(toolName)}, "arguments": {"query": ${JSON.stringify(answer)}}`) };
    case "malformed-tool-call-tag":
      return { kind, text: `<tool-call>${JSON.stringify({ name: toolName, arguments: { query: answer } })}</tool-call>` };
    case "malformed-tool-call-name":
      return { kind, text: call(JSON.stringify({ arguments: { query: answer } })) };
    case "malformed-tool-call-arguments":
      return { kind, text: call(JSON.stringify({ name: toolName, arguments: answer })) };
    case "runaway-repetition":
      return { kind, text: REPEATED, unbounded: true };
    case "long-answer":
      return { kind, text: `${"Let me think about this step by step. ".repeat(200)}${answer}` };
    case "answer-in-think":
      return { kind, text: `<think>
${answer}
</think>
I am not sure.` };
  }
}
var CaseSequence = class {
  constructor(mix, seed) {
    this.mix = mix;
    this.random = mulberry32(seed);
  }
  mix;
  round = [];
  next = 0;
  random;
  /**
   * The next kind. Without tool calls in the request (no `tools`, no `<tool_call>` in its prompt), tool-call kinds are
   * passed over: a tool call is no answer where none can be made, and a reward that pays an answer inside one is then
   * no bug. A mix of nothing but tool calls is served as it is.
   */
  take(toolCalls = true) {
    const skipToolCalls = !toolCalls && this.mix.some((kind2) => !TOOL_CALL_KINDS.has(kind2));
    let kind = this.nextInOrder();
    while (skipToolCalls && TOOL_CALL_KINDS.has(kind)) kind = this.nextInOrder();
    return kind;
  }
  nextInOrder() {
    if (this.next >= this.round.length) {
      this.round = [...this.mix];
      for (let i = this.round.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [this.round[i], this.round[j]] = [this.round[j], this.round[i]];
      }
      this.next = 0;
    }
    return this.round[this.next++];
  }
};
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// src/policy/server.ts
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";

// src/policy/recording.ts
import { existsSync, readFileSync } from "node:fs";
function readRecording(path) {
  if (!existsSync(path)) return [];
  const requests = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line) continue;
    try {
      requests.push(JSON.parse(line));
    } catch {
    }
  }
  return requests;
}
function servedAnswers(requests) {
  const byText = /* @__PURE__ */ new Map();
  for (const answer of requests.flatMap((r) => r.answers)) {
    const text = answer.text.trim();
    if (!byText.has(text)) byText.set(text, { case: answer.case, text, finishReason: answer.finish_reason === "length" ? "length" : "stop" });
  }
  return [...byText.values()];
}
function preciseNow() {
  return performance.timeOrigin + performance.now();
}

// src/policy/server.ts
var MAX_BODY_BYTES = 32 * 1024 * 1024;
var DEFAULT_MAX_TOKENS = 4096;
var TOKEN_LOGPROB = -0.0625;
var RequestError = class extends Error {
  constructor(status, message, param = null) {
    super(message);
    this.status = status;
    this.param = param;
  }
  status;
  param;
};
var PolicyServer = class _PolicyServer {
  constructor(server, options) {
    this.server = server;
    this.options = options;
    this.sequence = new CaseSequence(options.mix, options.seed);
  }
  server;
  options;
  sequence;
  requests = 0;
  static async start(options) {
    const server = createServer();
    const policy = new _PolicyServer(server, options);
    server.on("request", (request, response) => void policy.handle(request, response));
    server.keepAliveTimeout = 3e4;
    await new Promise((resolve2, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => resolve2());
    });
    return policy;
  }
  /** `http://127.0.0.1:PORT/v1`, what OpenAI clients take as their base URL. */
  get baseUrl() {
    return `http://127.0.0.1:${this.server.address().port}/v1`;
  }
  close() {
    this.server.closeAllConnections();
    return new Promise((resolve2) => this.server.close(() => resolve2()));
  }
  async handle(request, response) {
    try {
      const path = (request.url ?? "/").split("?")[0].replace(/\/+$/, "");
      if (request.method === "GET" && (path === "/v1/models" || path === "/models")) return json(response, 200, this.models());
      if (request.method !== "POST") throw new RequestError(404, `no route ${request.method} ${path}`);
      const body = await readJson(request);
      await new Promise((resolve2) => setImmediate(resolve2));
      switch (path) {
        case "/v1/chat/completions":
          return this.chat(body, response);
        case "/v1/completions":
          return this.completions(body, response);
        case "/tokenize":
        case "/v1/tokenize":
          return json(response, 200, this.tokenize(body));
        case "/detokenize":
        case "/v1/detokenize":
          return json(response, 200, { prompt: this.options.tokenizer.decode(tokenIds(body.tokens, "tokens")) });
        default:
          throw new RequestError(404, `no route POST ${path}`);
      }
    } catch (error) {
      const known = error instanceof RequestError ? error : new RequestError(500, error.message);
      json(response, known.status, {
        error: { message: known.message, type: known.status === 404 ? "not_found_error" : known.status < 500 ? "invalid_request_error" : "server_error", param: known.param, code: null }
      });
    }
  }
  models() {
    return { object: "list", data: [{ id: this.options.model, object: "model", created: 0, owned_by: "rl-review" }] };
  }
  tokenize(body) {
    const text = typeof body.prompt === "string" ? body.prompt : Array.isArray(body.messages) ? chatText(messagesOf(body)) : void 0;
    if (text === void 0) throw new RequestError(400, "tokenize needs a prompt (a string) or messages", "prompt");
    const tokens = this.options.tokenizer.encode(text);
    return { count: tokens.length, max_model_len: DEFAULT_MAX_TOKENS * 8, tokens };
  }
  chat(body, response) {
    const messages = messagesOf(body);
    const sampling = samplingOf(body);
    const tools = Array.isArray(body.tools) ? body.tools : [];
    const toolName = tools.map((tool) => tool.function?.name).find((name) => typeof name === "string") ?? "search";
    const toolCalls = tools.length > 0 || messages.some((m) => m.content.includes(TOOL_CALL_TAG));
    const generations = Array.from({ length: sampling.n }, () => this.generate(sampling, { toolName, toolCalls, parseToolCalls: tools.length > 0 }));
    const number = ++this.requests;
    const id = `chatcmpl-rl-review-${number}`;
    const model = typeof body.model === "string" ? body.model : this.options.model;
    const promptTokens = this.options.tokenizer.encode(chatText(messages)).length;
    this.record(number, "/v1/chat/completions", { messages, tools: tools.length || void 0 }, sampling, generations);
    const usage = usageOf(promptTokens, generations);
    if (body.stream === true) {
      const includeUsage = body.stream_options?.include_usage === true;
      return this.streamChat(response, id, model, generations, sampling, includeUsage ? usage : void 0);
    }
    const completion = {
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1e3),
      model,
      choices: generations.map((generation, index) => ({
        index,
        message: {
          role: "assistant",
          content: generation.toolCall ? null : generation.text,
          refusal: null,
          ...generation.toolCall ? { tool_calls: [{ id: `call_${id}_${index}`, type: "function", function: generation.toolCall }] } : {}
        },
        logprobs: sampling.logprobs ? { content: this.chatLogprobs(generation.ids, sampling.topLogprobs), refusal: null } : null,
        finish_reason: generation.finishReason
      })),
      usage
    };
    json(response, 200, completion);
  }
  streamChat(response, id, model, generations, sampling, usage) {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const created = Math.floor(Date.now() / 1e3);
    const send = (chunk2) => response.write(`data: ${typeof chunk2 === "string" ? chunk2 : JSON.stringify(chunk2)}

`);
    const chunk = (choices, extra = {}) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices,
      ...extra
    });
    generations.forEach((generation, index) => {
      send(chunk([{ index, delta: { role: "assistant", content: "" }, finish_reason: null }]));
      if (generation.toolCall) {
        send(chunk([{ index, delta: { tool_calls: [{ index: 0, id: `call_${id}_${index}`, type: "function", function: generation.toolCall }] }, finish_reason: null }]));
      } else {
        for (let at = 0; at < generation.ids.length; at += 4) {
          const ids = generation.ids.slice(at, at + 4);
          const logprobs = sampling.logprobs ? { content: this.chatLogprobs(ids, sampling.topLogprobs), refusal: null } : null;
          send(chunk([{ index, delta: { content: this.options.tokenizer.decode(ids) }, logprobs, finish_reason: null }]));
        }
      }
      send(chunk([{ index, delta: {}, finish_reason: generation.finishReason }]));
    });
    if (usage) send(chunk([], { usage }));
    send("[DONE]");
    response.end();
  }
  completions(body, response) {
    const sampling = samplingOf(body);
    const prompts = promptsOf(body.prompt, this.options.tokenizer);
    const logprobs = typeof body.logprobs === "number" ? body.logprobs : null;
    const echo = body.echo === true;
    const generations = prompts.flatMap(
      (prompt) => Array.from(
        { length: sampling.n },
        () => this.generate({ ...sampling, logprobs: logprobs !== null }, { toolName: "search", toolCalls: prompt.text.includes(TOOL_CALL_TAG), parseToolCalls: false })
      )
    );
    const number = ++this.requests;
    this.record(number, "/v1/completions", { prompts: prompts.map((p) => p.text) }, sampling, generations);
    const completion = {
      id: `cmpl-rl-review-${number}`,
      object: "text_completion",
      created: Math.floor(Date.now() / 1e3),
      model: typeof body.model === "string" ? body.model : this.options.model,
      choices: generations.map((generation, index) => {
        const prompt = prompts[Math.floor(index / sampling.n)];
        const ids = echo ? [...prompt.ids, ...generation.ids] : generation.ids;
        return {
          index,
          text: echo ? prompt.text + generation.text : generation.text,
          logprobs: logprobs === null ? null : this.textLogprobs(ids, logprobs),
          finish_reason: generation.finishReason === "tool_calls" ? "stop" : generation.finishReason
        };
      }),
      usage: usageOf(prompts.reduce((sum, p) => sum + p.ids.length, 0), generations)
    };
    json(response, 200, completion);
  }
  /**
   * The next case, cut at `max_tokens` (finish `length`), at a stop string or a stop id (finish `stop`). Tool-call
   * cases only where the request uses tool calls; returned as `tool_calls` where it declared tools.
   */
  generate(sampling, { toolName, toolCalls, parseToolCalls }) {
    const { tokenizer } = this.options;
    const answer = caseAnswer(this.sequence.take(toolCalls), { answer: this.options.answer, toolName });
    if (answer.toolCall && parseToolCalls) {
      return { kind: answer.kind, text: answer.text, ids: tokenizer.encode(answer.text), finishReason: "tool_calls", toolCall: answer.toolCall };
    }
    let text = answer.unbounded ? answer.text.repeat(Math.ceil(sampling.maxTokens * 4 / Math.max(1, answer.text.length)) + 1) : answer.text;
    let finishReason = "stop";
    const stopAt = firstStop(text, sampling.stop);
    if (stopAt) text = text.slice(0, stopAt.index + (sampling.includeStopStr ? stopAt.stop.length : 0));
    let ids = tokenizer.encode(text);
    const stopId = ids.findIndex((id) => sampling.stopTokenIds.includes(id));
    if (stopId >= 0) ids = ids.slice(0, stopId + (sampling.includeStopStr ? 1 : 0));
    if (ids.length > sampling.maxTokens) {
      ids = ids.slice(0, sampling.maxTokens);
      finishReason = "length";
    }
    text = tokenizer.decode(ids);
    if (sampling.skipSpecialTokens) for (const token of tokenizer.specialTokens) text = text.split(token).join("");
    return { kind: answer.kind, text, ids, finishReason };
  }
  chatLogprobs(ids, top) {
    return ids.map((id) => {
      const token = this.options.tokenizer.tokenText(id);
      const entry = { token, logprob: TOKEN_LOGPROB, bytes: [...Buffer.from(token, "utf8")] };
      return { ...entry, top_logprobs: top > 0 ? [entry] : [] };
    });
  }
  textLogprobs(ids, top) {
    const tokens = ids.map((id) => this.options.tokenizer.tokenText(id));
    const offsets = [];
    tokens.reduce((at, token) => (offsets.push(at), at + token.length), 0);
    return {
      tokens,
      token_logprobs: tokens.map(() => TOKEN_LOGPROB),
      top_logprobs: tokens.map((token) => top > 0 ? { [token]: TOKEN_LOGPROB } : {}),
      text_offset: offsets
    };
  }
  record(number, endpoint, input, sampling, generations) {
    if (!this.options.recording) return;
    const line = {
      request: number,
      time: preciseNow(),
      endpoint,
      ...input,
      sampling: {
        n: sampling.n,
        max_tokens: sampling.maxTokens,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        seed: sampling.seed,
        stop: sampling.stop,
        stop_token_ids: sampling.stopTokenIds,
        skip_special_tokens: sampling.skipSpecialTokens
      },
      answers: generations.map((g) => ({ case: g.kind, text: g.text, finish_reason: g.finishReason, tool_call: g.toolCall }))
    };
    appendFileSync(this.options.recording, JSON.stringify(line) + "\n");
  }
};
function json(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}
async function readJson(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk);
  }
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch (error) {
    throw new RequestError(400, `the body is not JSON: ${error.message}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new RequestError(400, "the body must be a JSON object");
  return body;
}
function messagesOf(body) {
  const { messages } = body;
  if (!Array.isArray(messages) || !messages.length) throw new RequestError(400, "messages must be a non-empty array", "messages");
  return messages.map((message, index) => {
    if (!message || typeof message.role !== "string") throw new RequestError(400, `messages[${index}].role must be a string`, `messages[${index}].role`);
    const { content } = message;
    const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((part) => typeof part?.text === "string" ? part.text : "").join("") : "";
    return { role: message.role, content: text };
  });
}
var TOOL_CALL_TAG = "<tool_call>";
function chatText(messages) {
  return messages.map((m) => `<|im_start|>${m.role}
${m.content}<|im_end|>
`).join("") + "<|im_start|>assistant\n";
}
function promptsOf(prompt, tokenizer) {
  const one = (value, param) => {
    if (typeof value === "string") return { text: value, ids: tokenizer.encode(value) };
    const ids = tokenIds(value, param);
    return { text: tokenizer.decode(ids), ids };
  };
  if (typeof prompt === "string") return [one(prompt, "prompt")];
  if (Array.isArray(prompt) && prompt.length && prompt.every((p) => typeof p === "number")) return [one(prompt, "prompt")];
  if (Array.isArray(prompt) && prompt.length) return prompt.map((p, index) => one(p, `prompt[${index}]`));
  throw new RequestError(400, "prompt must be a string, token ids, or a list of either", "prompt");
}
function tokenIds(value, param) {
  if (!Array.isArray(value) || !value.every((id) => Number.isInteger(id) && id >= 0)) throw new RequestError(400, `${param} must be a list of token ids`, param);
  return value;
}
function samplingOf(body) {
  const integer = (key, fallback, min, max) => {
    const value = body[key];
    if (value === void 0 || value === null) return fallback;
    if (!Number.isInteger(value) || value < min || value > max) throw new RequestError(400, `${key} must be an integer from ${min} to ${max}`, key);
    return value;
  };
  const number = (key) => {
    const value = body[key];
    if (value === void 0 || value === null) return void 0;
    if (typeof value !== "number" || !Number.isFinite(value)) throw new RequestError(400, `${key} must be a number`, key);
    return value;
  };
  const stop = body.stop === void 0 || body.stop === null ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
  if (!stop.every((s) => typeof s === "string")) throw new RequestError(400, "stop must be a string or a list of strings", "stop");
  const stopTokenIds = body.stop_token_ids === void 0 || body.stop_token_ids === null ? [] : tokenIds(body.stop_token_ids, "stop_token_ids");
  const maxTokens = body.max_completion_tokens !== void 0 && body.max_completion_tokens !== null ? integer("max_completion_tokens", DEFAULT_MAX_TOKENS, 1, 1e6) : integer("max_tokens", DEFAULT_MAX_TOKENS, 1, 1e6);
  return {
    n: integer("n", 1, 1, 128),
    maxTokens,
    stop,
    stopTokenIds,
    temperature: number("temperature"),
    topP: number("top_p"),
    seed: number("seed"),
    logprobs: body.logprobs === true,
    topLogprobs: integer("top_logprobs", 0, 0, 20),
    skipSpecialTokens: body.skip_special_tokens !== false,
    includeStopStr: body.include_stop_str_in_output === true
  };
}
function firstStop(text, stops) {
  let first;
  for (const stop of stops) {
    const index = stop ? text.indexOf(stop) : -1;
    if (index >= 0 && (!first || index < first.index)) first = { index, stop };
  }
  return first;
}
function usageOf(promptTokens, generations) {
  const completionTokens = generations.reduce((sum, g) => sum + g.ids.length, 0);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

// src/policy/tokens.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { join } from "node:path";
var PolicyModelError = class extends Error {
};
function loadPolicyTokenizer(modelDir) {
  if (!modelDir) return byteTokenizer();
  const read = (name) => {
    const path = join(modelDir, name);
    try {
      return JSON.parse(readFileSync2(path, "utf8"));
    } catch (error) {
      throw new PolicyModelError(`${path}: ${error.code ?? error.message}`);
    }
  };
  const json2 = read("tokenizer.json");
  let config = {};
  try {
    config = read("tokenizer_config.json");
  } catch {
  }
  const tokenizer = new Tokenizer_default(json2, config);
  return {
    source: `tokenizer.json of ${modelDir}`,
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => ids.length ? tokenizer.decode([...ids], { skip_special_tokens: false }) : "",
    tokenText: (id) => tokenizer.decode([id], { skip_special_tokens: false }),
    specialTokens: (json2.added_tokens ?? []).filter((token) => token.special !== false).map((token) => token.content)
  };
}
function byteTokenizer() {
  const decoder = new TextDecoder();
  return {
    source: "byte-level fallback (no model directory: one id per UTF-8 byte)",
    encode: (text) => [...Buffer.from(text, "utf8")],
    decode: (ids) => decoder.decode(Uint8Array.from(ids.filter((id) => id >= 0 && id < 256))),
    tokenText: (id) => id >= 0 && id < 256 ? Buffer.from([id]).toString("latin1") : "",
    specialTokens: []
  };
}

// src/policy/command.ts
var POLICY_USAGE = `Usage:
  rl-review policy serve [options]   serve a scripted policy on an OpenAI-compatible endpoint (127.0.0.1), for
                                     rollout code to call instead of a model: no GPU, seconds per run

Options:
  --port N            the port (default: a free one); the base URL is printed on stdout
  --policy NAME|FILE  adversarial (default: every case in a seeded order), correct (the correct answer only), or a
                      YAML file: {cases: [correct, empty, ...] (default: adversarial's), seed: 0,
                      answer: "..."}
  --model DIR         a model directory with tokenizer.json: real token ids, logprobs and /tokenize
                      (default: one id per UTF-8 byte)
  --answer TEXT       a correct answer in the dataset's format (default: "The answer is 42.")
  --seed N            the order of the cases (default: 0)
  --record FILE       write every request and the case that answered it to FILE (JSONL)

Cases: ${CASE_KINDS.join(", ")}.
Tool-call cases are served only to requests that use tool calls: tools declared, or <tool_call> in the prompt.
`;
var DEFAULT_ANSWER = "The answer is 42.";
var policyFileSchema = external_exports.strictObject({
  cases: external_exports.array(external_exports.enum(CASE_KINDS)).min(1).default([...ADVERSARIAL_MIX]),
  seed: external_exports.number().int().optional(),
  answer: external_exports.string().optional()
});
async function runPolicy(args) {
  const [sub, ...rest] = args;
  if (sub === void 0 || sub === "-h" || sub === "--help" || sub === "help") {
    process.stdout.write(POLICY_USAGE);
    return sub === void 0 ? 2 : 0;
  }
  if (sub !== "serve") throw new UsageError(`unknown policy command '${sub}': policy serve`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      policy: { type: "string", default: "adversarial" },
      model: { type: "string" },
      answer: { type: "string" },
      seed: { type: "string" },
      record: { type: "string" }
    }
  });
  if (positionals.length) throw new UsageError(`policy serve takes no arguments (got '${positionals[0]}')`);
  const options = policyServerOptions({ policy: values.policy, model: values.model, answer: values.answer, seed: integerOption(values.seed, "--seed") });
  const server = await PolicyServer.start({ ...options, recording: values.record, port: integerOption(values.port, "--port") });
  process.stdout.write(`${server.baseUrl}
`);
  process.stderr.write(`rl-review: policy server on ${server.baseUrl} (tokens: ${options.tokenizer.source})
`);
  await new Promise((resolve2) => {
    for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => resolve2());
  });
  await server.close();
  return 0;
}
function policyServerOptions(flags, name = "--policy") {
  const policy = policyOf(flags.policy, name, flags.cwd ?? process.cwd());
  let tokenizer;
  try {
    tokenizer = loadPolicyTokenizer(flags.model);
  } catch (error) {
    if (error instanceof PolicyModelError) throw new UsageError(`${name === "--policy" ? "--model" : name} ${error.message}`);
    throw error;
  }
  return {
    mix: policy.cases,
    seed: flags.seed ?? policy.seed ?? 0,
    // The reward probe's example (`probes.reward-example`) is an answer the reward pays, in the dataset's format.
    answer: flags.answer ?? policy.answer ?? flags.exampleAnswer ?? DEFAULT_ANSWER,
    model: "rl-review-policy",
    tokenizer
  };
}
function policyOf(value, name, cwd) {
  if (value === "adversarial") return { cases: ADVERSARIAL_MIX };
  if (value === "correct") return { cases: ["correct"] };
  let raw;
  try {
    raw = (0, import_yaml.parse)(readFileSync3(resolve(cwd, value), "utf8"));
  } catch (error) {
    throw new UsageError(`${name} ${value}: not adversarial, correct or a readable YAML file (${error.code ?? error.message})`);
  }
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${name} ${value}: '${issue.path.join(".") || "the file"}': ${issue.message}`);
  }
  return parsed.data;
}
function integerOption(value, flag) {
  if (value === void 0) return void 0;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535 * 65536) throw new UsageError(`${flag} must be a whole number (got '${value}')`);
  return parsed;
}

export {
  readRecording,
  servedAnswers,
  preciseNow,
  PolicyServer,
  POLICY_USAGE,
  runPolicy,
  policyServerOptions
};
