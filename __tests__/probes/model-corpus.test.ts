import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeResult } from '../../src/probes/probe';
import { probeTemplate } from '../../src/probes/template-probe';
import { CORPUS_MODELS, materialize } from '../helpers/model-corpus';

/**
 * The template probe on real model directories of every family RL teams train (fixtures/model-corpus and its
 * README): each family's verdicts, pinned. No healthy model fails at error severity; the two real stop-token bugs
 * (Qwen2.5 base, the original Llama 3 release) fail; Gemma 3's separator is reported.
 * Columns: render, generation prompt, stop token, special tokens, prompt boundary, turn separator, tool calls.
 */
const EXPECTED: Record<string, string> = {
  'deepseek-r1-distill-llama-8b': 'pass pass pass skip skip skip note',
  'deepseek-r1-distill-qwen-7b': 'pass pass pass skip skip skip pass',
  'deepseek-v3': 'pass pass pass pass pass skip note',
  'functionary-medium-v3.1': 'pass pass pass pass pass pass pass',
  'gemma-2-2b-it': 'pass pass pass skip skip skip skip',
  'gemma-3-it': 'pass pass pass pass pass note skip',
  'hermes-3-llama-3.1-8b-tool-use': 'pass pass skip skip skip skip pass',
  'llama-3.1-8b-instruct': 'pass pass pass pass pass pass pass',
  'llama-3.2-3b-instruct': 'pass pass pass pass pass pass pass',
  'meta-llama-3-8b-instruct': 'pass pass pass pass pass pass note',
  'meta-llama-3-8b-instruct-original': 'pass note fail pass pass pass note',
  'mistral-7b-instruct-v0.1': 'pass pass pass pass pass skip skip',
  'mistral-nemo-instruct-2407': 'pass pass pass skip skip skip pass',
  'mistral-small-3.2-24b-instruct-2506': 'pass pass pass skip skip skip pass',
  'phi-3.5-mini-instruct': 'pass pass pass pass pass note note',
  'qwen2.5-7b': 'pass pass fail pass pass note pass',
  'qwen2.5-7b-instruct': 'pass pass pass pass pass note pass',
  'qwen2.5-chat-template-only': 'pass pass skip skip skip skip pass',
  'qwen3-8b': 'pass pass pass pass pass note pass',
  'qwen3-transformers-5-save': 'pass pass pass pass pass note pass',
};

let into: string;
const results = new Map<string, ProbeResult>();
beforeAll(() => {
  into = mkdtempSync(join(tmpdir(), 'rl-review-corpus-'));
  // The packages' files are linked in place: the whole file system is the repository here.
  for (const name of CORPUS_MODELS) results.set(name, probeTemplate(materialize(name, into), { cwd: into, root: '/' }));
}, 120_000);
afterAll(() => rmSync(into, { recursive: true, force: true }));

const checkOf = (name: string, id: string) => results.get(name)!.report.checks.find((c) => c.id === id)!;

test('every model of the corpus has pinned verdicts', () => {
  expect(CORPUS_MODELS).toEqual(Object.keys(EXPECTED).sort());
});

test.each(Object.entries(EXPECTED))('%s: %s', (name, verdicts) => {
  expect(results.get(name)!.report.checks.map((c) => c.status).join(' ')).toBe(verdicts);
});

test('only the two real stop-token bugs are errors', () => {
  const errors = [...results].flatMap(([name, result]) => result.findings.filter((f) => f.severity === 'error').map((f) => `${name} ${f.ruleId}`));
  expect(errors).toEqual(['meta-llama-3-8b-instruct-original template-stop-token', 'qwen2.5-7b template-stop-token']);
});

test('the stop-token failures speak of the family they are on', () => {
  expect(checkOf('meta-llama-3-8b-instruct-original', 'template-stop-token').message).toBe(
    'The template ends an assistant turn with <|eot_id|> (128009), but generation stops only at <|end_of_text|> (128001) ' +
      '(meta-llama-3-8b-instruct-original/generation_config.json eos_token_id). A policy trained on this template writes <|eot_id|> and generation goes on: ' +
      'it writes the next turn itself ("<|start_header_id|>user<|end_h"…), again and again, until the length limit. ' +
      'Add 128009 to eos_token_id in meta-llama-3-8b-instruct-original/generation_config.json ("eos_token_id": [128001, 128009]) or pass it to the rollout engine as a stop token (and to the probe with --stop-token).',
  );
  expect(checkOf('qwen2.5-7b', 'template-stop-token').message).toContain('("eos_token_id": [151643, 151645])');
});

test('Gemma 3 writes \\n between <end_of_turn> and <start_of_turn>, though \\n is one of its added tokens', () => {
  expect(checkOf('gemma-3-it', 'template-turn-separator').evidence).toMatchObject({ templateIds: [106, 107, 105], appendedIds: [106, 105] });
});

test.each([
  ['mistral-7b-instruct-v0.1', 'The template has no assistant header: the prompt ends with " [/INST]"'],
  ['mistral-nemo-instruct-2407', 'The template has no assistant header'],
  ['phi-3.5-mini-instruct', 'The prompt ends with the assistant header "<|assistant|>\\n", where an assistant\'s answer begins'],
  ['gemma-3-it', 'The prompt ends with the assistant header "<start_of_turn>model\\n"'],
  ['deepseek-r1-distill-qwen-7b', 'The prompt ends with the assistant header "<｜Assistant｜>", where the answer begins in a rendered conversation, then "<think>\\n</think>"'],
])('generation prompt of %s', (name, message) => {
  expect(checkOf(name, 'template-generation-prompt').message).toContain(message);
});

test('the original Llama 3 release appends its header whatever add_generation_prompt says: a note', () => {
  expect(checkOf('meta-llama-3-8b-instruct-original', 'template-generation-prompt')).toMatchObject({
    status: 'note',
    actual: 'always "<|start_header_id|>assistant<|end_header_id|>\\n\\n"',
  });
});

test('tool-use templates render once tools are passed, in the shape each takes', () => {
  expect(checkOf('hermes-3-llama-3.1-8b-tool-use', 'template-render').message).toContain('it needs `tools` passed even without tool calls');
  expect(checkOf('deepseek-v3', 'template-tool-calls').message).toMatch(/^The template shows a tool call only with content None and arguments as a JSON string; with content '' and arguments as a mapping it drops the call/);
  expect(checkOf('functionary-medium-v3.1', 'template-tool-calls').message).toBe("The tool call shows in the rendered conversation (content '' and arguments as a mapping).");
  expect(checkOf('meta-llama-3-8b-instruct', 'template-tool-calls').message).toMatch(/^The template never reads tool_calls/);
});

test('a transformers 5 save (chat_template.jinja beside a config without one, extra_special_tokens) is probed whole', () => {
  expect(checkOf('qwen3-transformers-5-save', 'template-stop-token').evidence).toMatchObject({ endOfTurn: { token: '<|im_end|>', id: 151645 }, stopTokenIds: [151645, 151643] });
});

test('a directory with chat_template.jinja alone is probed with what is there', () => {
  expect(checkOf('qwen2.5-chat-template-only', 'template-stop-token').message).toBe(
    'Not run: qwen2.5-chat-template-only has no tokenizer files, so its special tokens and stop tokens are unknown (an assistant turn ends with "<|im_end|>\\n").',
  );
});
