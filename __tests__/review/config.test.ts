import { withInputs } from '../../src/action/runtime';
import { ConfigError, parseConfig } from '../../src/config';

const parse = (yaml: string) => parseConfig(yaml, '.github/rl-review.yml');

describe('the probes: section and the smoke run settings of rollout:', () => {
  test('read, with durations in milliseconds', () => {
    const config = parse(`
probes:
  template: [models/qwen]
  reward-function: training/rewards.py:compute_score
  reward-style: trl
  reward-example:
    response: "<answer>Paris</answer>"
    ground_truth: { target: [Paris] }
    extra_info: { split: train }
  python: .venv/bin/python
  timeout: 30
rollout:
  command: python scripts/smoke_rollout.py --n 8
  timeout: 10m
  output: $RL_REVIEW_OUT/*.jsonl
  format: native
`);
    expect(config.probes).toEqual({
      template: ['models/qwen'], 'reward-function': 'training/rewards.py:compute_score', 'reward-style': 'trl', python: '.venv/bin/python', timeout: 30_000,
      'reward-example': { response: '<answer>Paris</answer>', ground_truth: { target: ['Paris'] }, extra_info: { split: 'train' } },
    });
    expect(config.rollout).toEqual({ checks: {}, command: 'python scripts/smoke_rollout.py --n 8', timeout: 600_000, output: '$RL_REVIEW_OUT/*.jsonl', format: 'native' });
  });

  test('none: no reward probe, no smoke rollout', () => {
    expect(parse('rules: {}\n')).toMatchObject({ probes: {}, rollout: { checks: {} } });
  });

  test.each([
    ['a reward function without its name', 'probes:\n  reward-function: rewards.py\n', /^\.github\/rl-review\.yml:2: 'probes\.reward-function': must be FILE:FUNCTION, like rewards\.py:compute_score$/],
    ['an example without its response', 'probes:\n  reward-example:\n    ground_truth: "42"\n', /^\.github\/rl-review\.yml:2: 'probes\.reward-example\.response': Invalid input: expected string, received undefined$/],
    ['an unknown reward style, with the choices', 'probes:\n  reward-style: jax\n', /^\.github\/rl-review\.yml:2: 'probes\.reward-style': .*\(valid: verl, trl\)$/],
    ['an unknown probes key, with the valid ones', 'probes:\n  stop-tokens: [x]\n', /^\.github\/rl-review\.yml:2: unknown key 'probes\.stop-tokens' \(valid keys: template, reward-function, reward-example, reward-style, python, timeout\)$/],
    ['a timeout that is no duration', 'rollout:\n  command: ./smoke.sh\n  timeout: soon\n', /^\.github\/rl-review\.yml:3: 'rollout\.timeout': must be a duration like 15m, 90s or 1h$/],
    // Node's timers fire at once past 2^31 - 1 ms: 600 h would have killed the command as it started.
    ['a timeout longer than a timer can wait', 'rollout:\n  command: ./smoke.sh\n  timeout: 600h\n', /^\.github\/rl-review\.yml:3: 'rollout\.timeout': must be at most 596h \(24 days\)$/],
    ['a probe timeout longer than a timer can wait', 'probes:\n  timeout: 2147484\n', /^\.github\/rl-review\.yml:2: 'probes\.timeout': must be at most 596h \(24 days\)$/],
    ['an unknown dump format', 'rollout:\n  format: csv\n', /^\.github\/rl-review\.yml:2: 'rollout\.format': .*\(valid: auto, verl, skyrl, verifiers, areal, verl-generation, trl, rllm, native\)$/],
  ])('rejects %s with the file, line and key', (_name, yaml, message) => {
    expect(() => parse(yaml)).toThrow(ConfigError);
    expect(() => parse(yaml)).toThrow(message);
  });
});

describe('Action inputs over the config', () => {
  const config = parse(`
probes:
  reward-function: rewards.py:compute_score
  python: .venv/bin/python
rollout:
  command: python smoke.py
  timeout: 5m
  checks: { truncation: { threshold: 0.2 } }
`);
  const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

  test('an input that is set wins; the config keeps the rest', () => {
    const merged = withInputs(config, read({ 'reward-function': 'other.py:score', 'reward-style': 'trl', 'smoke-timeout': '90s', 'smoke-format': 'verl' }));
    expect(merged.probes).toEqual({ 'reward-function': 'other.py:score', 'reward-style': 'trl', python: '.venv/bin/python' });
    expect(merged.rollout).toEqual({ checks: { truncation: { threshold: 0.2 } }, command: 'python smoke.py', timeout: 90_000, format: 'verl' });
  });

  test('no input set: the config as it is', () => {
    expect(withInputs(config, read({}))).toEqual(config);
  });

  test.each([
    [{ 'smoke-timeout': 'soon' }, "input 'smoke-timeout' must be a duration like 15m, 90s or 1h (got 'soon')"],
    [{ 'smoke-timeout': '600h' }, "input 'smoke-timeout' must be at most 596h (24 days) (got '600h')"],
    [{ 'smoke-format': 'csv' }, "input 'smoke-format' must be one of auto, verl, skyrl, verifiers, areal, verl-generation, trl, rllm, native (got 'csv')"],
    [{ 'reward-style': 'jax' }, "input 'reward-style' must be one of verl, trl (got 'jax')"],
    [{ 'reward-function': 'rewards.py' }, "input 'reward-function' must be FILE:FUNCTION, like rewards.py:compute_score (got 'rewards.py')"],
  ])('%j is refused with an error naming the input', (inputs, message) => {
    expect(() => withInputs(config, read(inputs))).toThrow(message);
  });
});
