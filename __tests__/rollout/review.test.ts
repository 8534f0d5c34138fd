import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatRolloutJson } from '../../src/report/rollout-json';
import { formatRolloutText } from '../../src/report/rollout-text';
import { CHECK_IDS } from '../../src/rollout/checks/check';
import type { RolloutConfig } from '../../src/rollout/config';
import { metricDeltas, rolloutFails } from '../../src/rollout/report';
import { reviewRollout } from '../../src/rollout/review';
import { CHATML_PROMPT, tempDir, writeJsonl } from './helpers';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = (group: string, reward: number) => ({ prompt: CHATML_PROMPT, response: 'It is 42.<|im_end|>', reward, group, finish_reason: 'stop' });

function review(inputs: string[], config: RolloutConfig = { checks: {} }) {
  return reviewRollout({ inputs, cwd: dir, inputFormat: 'auto', config });
}

describe('reviewRollout', () => {
  beforeAll(() => {
    writeJsonl(join(dir, 'run', 'native.jsonl'), [good('a', 1), good('a', 0), good('b', 1), good('b', 0)]);
    writeJsonl(join(dir, 'run', 'verl', '3.jsonl'), [{ input: 'user\nHi\nassistant\n', output: 'Hello', gts: 'Hello', score: 1, step: 3 }]);
    writeFileSync(join(dir, 'run', 'broken.jsonl'), `${JSON.stringify(good('c', 1))}\n{"prompt": "cut\n`);
    writeJsonl(join(dir, 'run', 'metrics.jsonl'), [{ loss: 0.3 }]);
    writeFileSync(join(dir, 'run', 'notes.txt'), 'not a dump');
  });

  it('reads every dump file under a directory, each in its own format, and reports what it skipped', async () => {
    const report = await review(['run']);
    expect(report.trajectories).toBe(6);
    expect(report.skipped).toBe(1);
    expect(report.files).toEqual([
      { path: 'run/broken.jsonl', format: 'native' },
      { path: 'run/native.jsonl', format: 'native' },
      { path: 'run/verl/3.jsonl', format: 'verl' },
    ]);
    expect(report.notices).toEqual([
      { path: 'run/broken.jsonl:2', message: expect.stringMatching(/^skipped: not valid JSON: /) },
      { path: 'run/metrics.jsonl', message: expect.stringMatching(/^not a known rollout dump/) },
    ]);
    // adversarial-rewarded needs a policy that rl-review served: not without one.
    expect(report.checks.map((c) => c.id)).toEqual(CHECK_IDS.filter((id) => id !== 'adversarial-rewarded'));
    expect(report.failure).toBeUndefined();
  });

  it('prints exactly the JSON contract', async () => {
    const json = JSON.parse(formatRolloutJson(await review(['run/native.jsonl'])));
    expect(Object.keys(json)).toEqual(['version', 'trajectories', 'skipped', 'files', 'checks', 'metrics', 'distributions']);
    expect(json).toMatchObject({ version: 1, trajectories: 4, skipped: 0, files: [{ path: 'run/native.jsonl', format: 'native' }] });
    for (const check of json.checks) {
      expect(Object.keys(check)).toEqual(['id', 'status', 'count', 'total', 'threshold', 'message', 'examples']);
      expect(['pass', 'warn', 'fail', 'unknown']).toContain(check.status);
    }
    expect(json.checks.find((c: { id: string }) => c.id === 'zero-signal-groups')).toMatchObject({ status: 'pass', count: 0, total: 2, threshold: 0.5 });
    expect(json.metrics).toMatchObject({ trajectories: 4, reward_mean: 0.5, tool_call_rate: 0 });
  });

  it('applies the thresholds and severities of the config, and leaves out checks that are off', async () => {
    const config: RolloutConfig = { checks: { truncation: { severity: 'off' }, 'reward-sanity': { range: [0, 0.5] }, 'response-length': { threshold: 0 } } };
    const report = await review(['run/native.jsonl'], config);
    expect(report.checks.map((c) => c.id)).not.toContain('truncation');
    expect(report.checks.find((c) => c.id === 'reward-sanity')).toMatchObject({ status: 'fail', count: 2 });
    expect(rolloutFails(report, 'error')).toBe(true);
    expect(rolloutFails(report, 'never')).toBe(false);
  });

  it('fails an empty dump, and a glob that matches nothing, without throwing', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    writeFileSync(join(dir, 'empty', 'out.jsonl'), '');
    expect((await review(['empty'])).failure).toBe('no trajectory could be read from empty/out.jsonl');
    const none = await review(['nowhere/**/*.jsonl']);
    expect(none.failure).toBe('no rollout dump found in nowhere/**/*.jsonl');
    expect(none.notices).toEqual([{ path: 'nowhere/**/*.jsonl', message: 'no rollout dump file (.jsonl, .json, .parquet) matches' }]);
    expect(none.checks.every((c) => c.status === 'unknown')).toBe(true);
  });

  it("groups the notices of a training output folder's files that are not dumps, and counts the files found", async () => {
    for (const name of ['config.json', 'generation_config.json', 'trainer_state.json', 'tokenizer_config.json', 'special_tokens_map.json']) {
      writeJsonl(join(dir, 'out', 'checkpoint-2', name), [{ key: 'value' }]);
    }
    writeJsonl(join(dir, 'out', 'rollout.jsonl'), [good('a', 1), good('a', 0)]);
    const report = await review(['out']);
    expect(report.notices).toEqual([
      { path: 'out/checkpoint-2', message: expect.stringMatching(/^5 files skipped \(out\/checkpoint-2\/config\.json, out\/checkpoint-2\/generation_config\.json, out\/checkpoint-2\/special_tokens_map\.json and 2 more\): not a known rollout dump/) },
    ]);
    expect(formatRolloutText(report, { color: false })).toContain('Smoke rollout: 2 trajectories from 1 of 6 files (native), 0 skipped');
    const none = await review(['out/checkpoint-2']);
    expect(none.failure).toBe('no trajectory could be read from any of the 5 files');
    expect(formatRolloutText(none, { color: false })).toContain('Smoke rollout: 0 trajectories from 0 of 5 files, 0 skipped');
  });

  it('expands globs relative to the working directory', async () => {
    expect((await review(['run/**/3.jsonl'])).files).toEqual([{ path: 'run/verl/3.jsonl', format: 'verl' }]);
  });

  it('reads a tokenizer config for the generation prompt, and says when it cannot', async () => {
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ chat_template: "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}{% if add_generation_prompt %}<bot>{% endif %}" }));
    writeJsonl(join(dir, 'custom.jsonl'), [{ prompt: '<user>Hi<bot>', response: 'Hello', reward: 1 }, { prompt: '<user>Hi', response: 'Hello', reward: 0 }]);
    const report = await review(['custom.jsonl'], { checks: {}, 'tokenizer-config': 'tokenizer_config.json' });
    expect(report.checks.find((c) => c.id === 'generation-prompt')).toMatchObject({ status: 'fail', count: 1, total: 2 });
    const missing = await review(['custom.jsonl'], { checks: {}, 'tokenizer-config': 'nope.json' });
    expect(missing.notices).toEqual([{ path: 'nope.json', message: expect.stringMatching(/^cannot read tokenizer config: .*; the generation prompt is learned from each prompt instead$/) }]);
  });
});

describe('metricDeltas', () => {
  it('shows each metric beside the baseline, rates in percentage points', async () => {
    const report = await review(['run/native.jsonl']);
    report.baseline = { tool_call_rate: 0.38, reward_mean: 0.25, retired_metric: 1 };
    const deltas = metricDeltas(report);
    expect(deltas.find((d) => d.name === 'tool_call_rate')).toEqual({ name: 'tool_call_rate', baseline: '38%', current: '0%', change: '-38 pts' });
    expect(deltas.find((d) => d.name === 'reward_mean')).toEqual({ name: 'reward_mean', baseline: '0.25', current: '0.5', change: '+0.25' });
    expect(deltas.find((d) => d.name === 'retired_metric')).toEqual({ name: 'retired_metric', baseline: '1', current: 'n/a', change: '' });
  });
});
