import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { formatPercent, POLICY_CHECK_IDS } from '../../src/rollout/checks/check';
import { ROLLOUT_CHECKS } from '../../src/rollout/checks/index';
import { nativeTrajectory } from '../../src/rollout/formats/native';
import { CHATML_PROMPT } from './helpers';

const checksDoc = readFileSync('docs/rollout-checks.md', 'utf8');

describe('docs/rollout-checks.md', () => {
  it.each(ROLLOUT_CHECKS.map((c) => [c.meta.id, c]))('documents %s: its defaults, what it checks, why, and the fix', (id, check) => {
    expect(checksDoc).toContain(`| [${id}](#${id}) | ${check.meta.severity} | ${formatPercent(check.meta.threshold)} |`);
    const section = checksDoc.split(`\n## ${id}\n`)[1]?.split('\n## ')[0];
    expect(section).toBeDefined();
    for (const heading of ['**What it checks.**', '**Why.**', '**Fix.**']) expect(section).toContain(heading);
  });

  it.each(POLICY_CHECK_IDS)('documents %s, a check of what the rollout did with the served policy', (id) => {
    expect(checksDoc).toContain(`| [${id}](#${id}) | warning | 0% |`);
    const section = checksDoc.split(`\n## ${id}\n`)[1]?.split('\n## ')[0];
    for (const heading of ['**What it checks.**', '**Why.**', '**Fix.**']) expect(section).toContain(heading);
  });
});

describe('docs/rollout-trajectory.schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync('docs/rollout-trajectory.schema.json', 'utf8')));

  const valid = [
    { prompt: CHATML_PROMPT, response: '42<|im_end|>', reward: 1 },
    { prompt: CHATML_PROMPT, response: '42', reward: 0.5, group: 3, ground_truth: ['42', 'forty-two'], finish_reason: 'length', prompt_ids: [1], response_ids: [2, 3], loss_mask: [1, 0], step: 2, error: null },
    { messages: [{ role: 'user', content: 'hi' }], response: 'hello', reward: 0, extra_key: 'ignored' },
  ];
  const invalid = [
    { prompt: 'p', response: 'r' },
    { prompt: 'p', response: 'r', reward: '1' },
    { prompt: 'p', response: 'r', reward: 1, finish_reason: 'eos' },
    { response: 'r', reward: 1 },
    { prompt: 'p', response: 'r', reward: 1, messages: [{ content: 'no role' }] },
  ];

  it.each(valid.map((r) => [JSON.stringify(r).slice(0, 60), r]))('accepts what the native reader accepts: %s', (_name, record) => {
    expect(validate(record)).toBe(true);
    expect(() => nativeTrajectory(record, 'dump.jsonl:1')).not.toThrow();
  });

  it.each(invalid.map((r) => [JSON.stringify(r).slice(0, 60), r]))('rejects what the native reader rejects: %s', (_name, record) => {
    expect(validate(record)).toBe(false);
    expect(() => nativeTrajectory(record, 'dump.jsonl:1')).toThrow();
  });
});
