import { ConfigError, defaultConfig, parseConfig } from '../../src/config';
import { CHECK_IDS, POLICY_CHECK_IDS } from '../../src/rollout/checks/check';
import { rolloutConfigSchema } from '../../src/rollout/config';

const parse = (yaml: string) => parseConfig(yaml, '.github/rl-review.yml');

describe('the rollout: section of .github/rl-review.yml', () => {
  it('reads thresholds, severities and check options', () => {
    const config = parse(`
rollout:
  checks:
    truncation: { threshold: 0.25 }
    zero-signal-groups: { severity: off }
    reward-sanity: { range: [0, 1] }
    repetition: { threshold: 0.02, rate: 0.4 }
  tokenizer-config: model/tokenizer_config.json
`);
    expect(config.rollout).toEqual({
      checks: { truncation: { threshold: 0.25 }, 'zero-signal-groups': { severity: 'off' }, 'reward-sanity': { range: [0, 1] }, repetition: { threshold: 0.02, rate: 0.4 } },
      'tokenizer-config': 'model/tokenizer_config.json',
    });
  });

  it('has an entry for every check id, in report order', () => {
    expect(Object.keys(rolloutConfigSchema.shape.checks.unwrap().shape)).toEqual([...CHECK_IDS, ...POLICY_CHECK_IDS]);
  });

  it('defaults to no overrides', () => {
    expect(parse('rules: {}').rollout).toEqual({ checks: {} });
    expect(defaultConfig().rollout).toEqual({ checks: {} });
  });

  it.each([
    ['an unknown check, naming the valid ones', 'rollout:\n  checks:\n    tool-calls: { threshold: 0.1 }\n', /^\.github\/rl-review\.yml:3: unknown key 'rollout\.checks\.tool-calls' \(valid keys: generation-prompt, special-token-leak, truncation, .*repetition, adversarial-rewarded, prompt-generation-header, stop-sequences, sampling-params, environment-crash\)$/],
    ['an option another check has', 'rollout:\n  checks:\n    truncation:\n      rate: 0.5\n', /^\.github\/rl-review\.yml:4: unknown key 'rollout\.checks\.truncation\.rate' \(valid keys: severity, threshold\)$/],
    ['a threshold that is not a share', 'rollout:\n  checks:\n    truncation:\n      threshold: 25\n', /^\.github\/rl-review\.yml:4: 'rollout\.checks\.truncation\.threshold': /],
    ['an unknown severity', 'rollout:\n  checks:\n    loss-mask: { severity: fatal }\n', /^\.github\/rl-review\.yml:3: 'rollout\.checks\.loss-mask\.severity': .*\(valid: off, error, warning, info\)$/],
    ['a reversed reward range', 'rollout:\n  checks:\n    reward-sanity:\n      range: [1, 0]\n', /^\.github\/rl-review\.yml:4: 'rollout\.checks\.reward-sanity\.range': must be \[min, max\] with min <= max$/],
  ])('rejects %s with the file, line and key', (_name, yaml, message) => {
    expect(() => parse(yaml)).toThrow(ConfigError);
    expect(() => parse(yaml)).toThrow(message);
  });
});
