import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Completion } from 'openai/resources/completions';
import { caseAnswer, CaseSequence, type CaseAnswer, type CaseKind } from './cases';
import { preciseNow } from './recording';
import type { PolicyTokenizer } from './tokens';

/**
 * An OpenAI-compatible server that stands in for the policy: each completion is the next scripted case, cut by the
 * request's `max_tokens` and `stop` as an engine would, with token ids and logprobs from the model's tokenizer.
 * It speaks what rollout code calls (OpenAI's chat and text completions, streaming, tools, logprobs, and vLLM's
 * `/tokenize`, `/detokenize`, `stop_token_ids`, `skip_special_tokens`, `include_stop_str_in_output`), binds to
 * 127.0.0.1 only, and records every request and answer.
 */

export interface PolicyServerOptions {
  /** The cases, in the order a round takes them before it is shuffled. */
  mix: readonly CaseKind[];
  seed: number;
  /** A correct answer in the dataset's format. */
  answer: string;
  /** The model name `/v1/models` lists (any name is accepted in requests). */
  model: string;
  tokenizer: PolicyTokenizer;
  /** JSONL file that gets one line per request: what was asked, and which case answered it. */
  recording?: string;
  /** 0: a free port. */
  port?: number;
}

/** The longest request body read: a rollout's prompt is well under it. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** `max_tokens` when a request gives none, as vLLM's default is the model's whole context. */
const DEFAULT_MAX_TOKENS = 4096;
/** The logprob of every token the policy writes: it is sure of itself. */
const TOKEN_LOGPROB = -0.0625;

interface Sampling {
  n: number;
  maxTokens: number;
  stop: string[];
  stopTokenIds: number[];
  temperature?: number;
  topP?: number;
  seed?: number;
  logprobs: boolean;
  topLogprobs: number;
  skipSpecialTokens: boolean;
  includeStopStr: boolean;
}

/** One answer, cut as an engine would cut it. */
interface Generation {
  kind: CaseKind;
  text: string;
  ids: number[];
  finishReason: 'stop' | 'length' | 'tool_calls';
  toolCall?: CaseAnswer['toolCall'];
}

/** A request the server refuses, in OpenAI's error shape. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export class PolicyServer {
  private readonly sequence: CaseSequence;
  private requests = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: PolicyServerOptions,
  ) {
    this.sequence = new CaseSequence(options.mix, options.seed);
  }

  static async start(options: PolicyServerOptions): Promise<PolicyServer> {
    const server = createServer();
    const policy = new PolicyServer(server, options);
    server.on('request', (request, response) => void policy.handle(request, response));
    // Many agents open a connection per request: keep them cheap.
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return policy;
  }

  /** `http://127.0.0.1:PORT/v1`, what OpenAI clients take as their base URL. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const path = (request.url ?? '/').split('?')[0].replace(/\/+$/, '');
      if (request.method === 'GET' && (path === '/v1/models' || path === '/models')) return json(response, 200, this.models());
      if (request.method !== 'POST') throw new RequestError(404, `no route ${request.method} ${path}`);
      const body = await readJson(request);
      // Output the command wrote before it sent this request is read first (the check phase runs after every ready
      // pipe's read): a traceback is then timed before the answer to the request that followed it.
      await new Promise((resolve) => setImmediate(resolve));
      switch (path) {
        case '/v1/chat/completions':
          return this.chat(body, response);
        case '/v1/completions':
          return this.completions(body, response);
        case '/tokenize':
        case '/v1/tokenize':
          return json(response, 200, this.tokenize(body));
        case '/detokenize':
        case '/v1/detokenize':
          return json(response, 200, { prompt: this.options.tokenizer.decode(tokenIds(body.tokens, 'tokens')) });
        default:
          throw new RequestError(404, `no route POST ${path}`);
      }
    } catch (error) {
      const known = error instanceof RequestError ? error : new RequestError(500, (error as Error).message);
      json(response, known.status, {
        error: { message: known.message, type: known.status === 404 ? 'not_found_error' : known.status < 500 ? 'invalid_request_error' : 'server_error', param: known.param, code: null },
      });
    }
  }

  private models() {
    return { object: 'list', data: [{ id: this.options.model, object: 'model', created: 0, owned_by: 'rl-review' }] };
  }

  private tokenize(body: Record<string, unknown>) {
    const text = typeof body.prompt === 'string' ? body.prompt : Array.isArray(body.messages) ? chatText(messagesOf(body)) : undefined;
    if (text === undefined) throw new RequestError(400, 'tokenize needs a prompt (a string) or messages', 'prompt');
    const tokens = this.options.tokenizer.encode(text);
    return { count: tokens.length, max_model_len: DEFAULT_MAX_TOKENS * 8, tokens };
  }

  private chat(body: Record<string, unknown>, response: ServerResponse): void {
    const messages = messagesOf(body);
    const sampling = samplingOf(body);
    const tools = Array.isArray(body.tools) ? (body.tools as { function?: { name?: unknown } }[]) : [];
    const toolName = tools.map((tool) => tool.function?.name).find((name): name is string => typeof name === 'string') ?? 'search';
    const toolCalls = tools.length > 0 || messages.some((m) => m.content.includes(TOOL_CALL_TAG));
    const generations = Array.from({ length: sampling.n }, () => this.generate(sampling, { toolName, toolCalls, parseToolCalls: tools.length > 0 }));
    const number = ++this.requests;
    const id = `chatcmpl-rl-review-${number}`;
    const model = typeof body.model === 'string' ? body.model : this.options.model;
    const promptTokens = this.options.tokenizer.encode(chatText(messages)).length;
    this.record(number, '/v1/chat/completions', { messages, tools: tools.length || undefined }, sampling, generations);
    const usage = usageOf(promptTokens, generations);
    if (body.stream === true) {
      const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
      return this.streamChat(response, id, model, generations, sampling, includeUsage ? usage : undefined);
    }
    const completion: ChatCompletion = {
      id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: generations.map((generation, index) => ({
        index,
        message: {
          role: 'assistant',
          content: generation.toolCall ? null : generation.text,
          refusal: null,
          ...(generation.toolCall ? { tool_calls: [{ id: `call_${id}_${index}`, type: 'function' as const, function: generation.toolCall }] } : {}),
        },
        logprobs: sampling.logprobs ? { content: this.chatLogprobs(generation.ids, sampling.topLogprobs), refusal: null } : null,
        finish_reason: generation.finishReason,
      })),
      usage,
    };
    json(response, 200, completion);
  }

  private streamChat(response: ServerResponse, id: string, model: string, generations: Generation[], sampling: Sampling, usage: Completion['usage'] | undefined): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const created = Math.floor(Date.now() / 1000);
    const send = (chunk: ChatCompletionChunk | '[DONE]') => response.write(`data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`);
    const chunk = (choices: ChatCompletionChunk['choices'], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk => ({
      id, object: 'chat.completion.chunk', created, model, choices, ...extra,
    });
    generations.forEach((generation, index) => {
      send(chunk([{ index, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
      if (generation.toolCall) {
        send(chunk([{ index, delta: { tool_calls: [{ index: 0, id: `call_${id}_${index}`, type: 'function', function: generation.toolCall }] }, finish_reason: null }]));
      } else {
        // A few tokens a chunk, as an engine streams them.
        for (let at = 0; at < generation.ids.length; at += 4) {
          const ids = generation.ids.slice(at, at + 4);
          const logprobs = sampling.logprobs ? { content: this.chatLogprobs(ids, sampling.topLogprobs), refusal: null } : null;
          send(chunk([{ index, delta: { content: this.options.tokenizer.decode(ids) }, logprobs, finish_reason: null }]));
        }
      }
      send(chunk([{ index, delta: {}, finish_reason: generation.finishReason }]));
    });
    if (usage) send(chunk([], { usage }));
    send('[DONE]');
    response.end();
  }

  private completions(body: Record<string, unknown>, response: ServerResponse): void {
    const sampling = samplingOf(body);
    const prompts = promptsOf(body.prompt, this.options.tokenizer);
    const logprobs = typeof body.logprobs === 'number' ? body.logprobs : null;
    const echo = body.echo === true;
    const generations = prompts.flatMap((prompt) =>
      Array.from({ length: sampling.n }, () =>
        this.generate({ ...sampling, logprobs: logprobs !== null }, { toolName: 'search', toolCalls: prompt.text.includes(TOOL_CALL_TAG), parseToolCalls: false }),
      ),
    );
    const number = ++this.requests;
    this.record(number, '/v1/completions', { prompts: prompts.map((p) => p.text) }, sampling, generations);
    const completion: Completion = {
      id: `cmpl-rl-review-${number}`,
      object: 'text_completion',
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === 'string' ? body.model : this.options.model,
      choices: generations.map((generation, index) => {
        const prompt = prompts[Math.floor(index / sampling.n)];
        const ids = echo ? [...prompt.ids, ...generation.ids] : generation.ids;
        return {
          index,
          text: echo ? prompt.text + generation.text : generation.text,
          logprobs: logprobs === null ? null : this.textLogprobs(ids, logprobs),
          finish_reason: generation.finishReason === 'tool_calls' ? 'stop' : generation.finishReason,
        };
      }),
      usage: usageOf(prompts.reduce((sum, p) => sum + p.ids.length, 0), generations),
    };
    json(response, 200, completion);
  }

  /**
   * The next case, cut at `max_tokens` (finish `length`), at a stop string or a stop id (finish `stop`). Tool-call
   * cases only where the request uses tool calls; returned as `tool_calls` where it declared tools.
   */
  private generate(sampling: Sampling, { toolName, toolCalls, parseToolCalls }: { toolName: string; toolCalls: boolean; parseToolCalls: boolean }): Generation {
    const { tokenizer } = this.options;
    const answer = caseAnswer(this.sequence.take(toolCalls), { answer: this.options.answer, toolName });
    if (answer.toolCall && parseToolCalls) {
      return { kind: answer.kind, text: answer.text, ids: tokenizer.encode(answer.text), finishReason: 'tool_calls', toolCall: answer.toolCall };
    }
    let text = answer.unbounded ? answer.text.repeat(Math.ceil((sampling.maxTokens * 4) / Math.max(1, answer.text.length)) + 1) : answer.text;
    let finishReason: Generation['finishReason'] = 'stop';
    const stopAt = firstStop(text, sampling.stop);
    if (stopAt) text = text.slice(0, stopAt.index + (sampling.includeStopStr ? stopAt.stop.length : 0));
    let ids = tokenizer.encode(text);
    const stopId = ids.findIndex((id) => sampling.stopTokenIds.includes(id));
    if (stopId >= 0) ids = ids.slice(0, stopId + (sampling.includeStopStr ? 1 : 0));
    if (ids.length > sampling.maxTokens) {
      ids = ids.slice(0, sampling.maxTokens);
      finishReason = 'length';
    }
    text = tokenizer.decode(ids);
    if (sampling.skipSpecialTokens) for (const token of tokenizer.specialTokens) text = text.split(token).join('');
    return { kind: answer.kind, text, ids, finishReason };
  }

  private chatLogprobs(ids: readonly number[], top: number) {
    return ids.map((id) => {
      const token = this.options.tokenizer.tokenText(id);
      const entry = { token, logprob: TOKEN_LOGPROB, bytes: [...Buffer.from(token, 'utf8')] };
      return { ...entry, top_logprobs: top > 0 ? [entry] : [] };
    });
  }

  private textLogprobs(ids: readonly number[], top: number) {
    const tokens = ids.map((id) => this.options.tokenizer.tokenText(id));
    const offsets: number[] = [];
    tokens.reduce((at, token) => (offsets.push(at), at + token.length), 0);
    return {
      tokens,
      token_logprobs: tokens.map(() => TOKEN_LOGPROB),
      top_logprobs: tokens.map((token) => (top > 0 ? { [token]: TOKEN_LOGPROB } : {})),
      text_offset: offsets,
    };
  }

  private record(number: number, endpoint: string, input: Record<string, unknown>, sampling: Sampling, generations: Generation[]): void {
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
        skip_special_tokens: sampling.skipSpecialTokens,
      },
      answers: generations.map((g) => ({ case: g.kind, text: g.text, finish_reason: g.finishReason, tool_call: g.toolCall })),
    };
    appendFileSync(this.options.recording, JSON.stringify(line) + '\n');
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch (error) {
    throw new RequestError(400, `the body is not JSON: ${(error as Error).message}`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new RequestError(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

type Message = { role: string; content: string };

function messagesOf(body: Record<string, unknown>): Message[] {
  const { messages } = body;
  if (!Array.isArray(messages) || !messages.length) throw new RequestError(400, 'messages must be a non-empty array', 'messages');
  return messages.map((message: { role?: unknown; content?: unknown }, index) => {
    if (!message || typeof message.role !== 'string') throw new RequestError(400, `messages[${index}].role must be a string`, `messages[${index}].role`);
    const { content } = message;
    // Content parts (`[{type: "text", text}]`) are joined; `null` is an assistant turn that only called tools.
    const text = typeof content === 'string' ? content
      : Array.isArray(content) ? content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('')
        : '';
    return { role: message.role, content: text };
  });
}

/** Hermes' tool-call tag: a prompt that shows it asks for tool calls in text. */
const TOOL_CALL_TAG = '<tool_call>';

/** The messages as ChatML, for counting prompt tokens the way most RL models template them. */
function chatText(messages: Message[]): string {
  return messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('') + '<|im_start|>assistant\n';
}

function promptsOf(prompt: unknown, tokenizer: PolicyTokenizer): { text: string; ids: number[] }[] {
  const one = (value: unknown, param: string) => {
    if (typeof value === 'string') return { text: value, ids: tokenizer.encode(value) };
    const ids = tokenIds(value, param);
    return { text: tokenizer.decode(ids), ids };
  };
  if (typeof prompt === 'string') return [one(prompt, 'prompt')];
  if (Array.isArray(prompt) && prompt.length && prompt.every((p) => typeof p === 'number')) return [one(prompt, 'prompt')];
  if (Array.isArray(prompt) && prompt.length) return prompt.map((p, index) => one(p, `prompt[${index}]`));
  throw new RequestError(400, 'prompt must be a string, token ids, or a list of either', 'prompt');
}

function tokenIds(value: unknown, param: string): number[] {
  if (!Array.isArray(value) || !value.every((id) => Number.isInteger(id) && id >= 0)) throw new RequestError(400, `${param} must be a list of token ids`, param);
  return value as number[];
}

function samplingOf(body: Record<string, unknown>): Sampling {
  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const value = body[key];
    if (value === undefined || value === null) return fallback;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) throw new RequestError(400, `${key} must be an integer from ${min} to ${max}`, key);
    return value as number;
  };
  const number = (key: string): number | undefined => {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RequestError(400, `${key} must be a number`, key);
    return value;
  };
  const stop = body.stop === undefined || body.stop === null ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
  if (!stop.every((s) => typeof s === 'string')) throw new RequestError(400, 'stop must be a string or a list of strings', 'stop');
  const stopTokenIds = body.stop_token_ids === undefined || body.stop_token_ids === null ? [] : tokenIds(body.stop_token_ids, 'stop_token_ids');
  const maxTokens = body.max_completion_tokens !== undefined && body.max_completion_tokens !== null
    ? integer('max_completion_tokens', DEFAULT_MAX_TOKENS, 1, 1_000_000)
    : integer('max_tokens', DEFAULT_MAX_TOKENS, 1, 1_000_000);
  return {
    n: integer('n', 1, 1, 128),
    maxTokens,
    stop: stop as string[],
    stopTokenIds,
    temperature: number('temperature'),
    topP: number('top_p'),
    seed: number('seed'),
    logprobs: body.logprobs === true,
    topLogprobs: integer('top_logprobs', 0, 0, 20),
    skipSpecialTokens: body.skip_special_tokens !== false,
    includeStopStr: body.include_stop_str_in_output === true,
  };
}

function firstStop(text: string, stops: readonly string[]): { index: number; stop: string } | undefined {
  let first: { index: number; stop: string } | undefined;
  for (const stop of stops) {
    const index = stop ? text.indexOf(stop) : -1;
    if (index >= 0 && (!first || index < first.index)) first = { index, stop };
  }
  return first;
}

function usageOf(promptTokens: number, generations: Generation[]): Completion['usage'] {
  const completionTokens = generations.reduce((sum, g) => sum + g.ids.length, 0);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
