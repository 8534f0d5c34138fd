import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../src/config';

const parse = (yaml: string) => parseConfig(yaml, '.github/rl-review.yml');

describe('config', () => {
  test('rules by code or name, severities and off', () => {
    const config = parse('rules:\n  RL101: warning\n  missing-generation-prompt: off\n');
    expect(config.rules.has('RL101')).toBe(false);
    expect(parse('rules:\n  RL101: info\n').rules.get('RL101')).toBe('info');
    expect(parse('rules:\n  RL101: on\n').rules.get('RL101')).toBe('default');
  });

  test('families by prefix: on/off or a severity for every code in it; a single code wins, whatever the order', () => {
    const codes = (family: string) => [...parse('').rules.keys()].filter((code) => code.startsWith(family));
    const off = parse('rules:\n  RL1: off\n');
    expect(codes('RL1').some((code) => off.rules.has(code))).toBe(false);
    expect(off.rules.size).toBe(parse('').rules.size - codes('RL1').length);
    const mixed = parse('rules:\n  RL103: error\n  RL1: info\n  reward-shift: off\n');
    expect(mixed.rules.get('RL103')).toBe('error');
    expect(mixed.rules.has('RL104')).toBe(false);
    expect(mixed.rules.get('RL101')).toBe('info');
    const back = parse('rules:\n  RL1: off\n  RL106: on\n');
    expect([...back.rules.keys()].filter((code) => code.startsWith('RL1'))).toEqual(['RL106']);
  });

  test('include and exclude globs', () => {
    expect(parse('include: ["train/**"]\nexclude: ["**/tests/**"]\n')).toMatchObject({ include: ['train/**'], exclude: ['**/tests/**'] });
  });

  test('an empty file is the defaults', () => {
    expect(parse('').rules.get('RL101')).toBe('default');
  });

  test.each([
    ['unknown top-level key, with its line and the valid keys', 'rules: {}\nrulez:\n  RL101: off\n', /^\.github\/rl-review\.yml:2: unknown key 'rulez' \(valid keys: rules, include, exclude/],
    ['unknown rule, with the valid rules', 'rules:\n  RL101: off\n  RL999: error\n', /^\.github\/rl-review\.yml:3: unknown rule 'rules\.RL999' \(valid rules: RL101 \(missing-generation-prompt\)/],
    ['unknown family, with the valid families', 'rules:\n  RL9: off\n', /^\.github\/rl-review\.yml:2: unknown rule 'rules\.RL9' \(valid rules: .*; valid families: RL1\b/],
    ['bad severity, with the choices', 'rules:\n  RL101: loud\n', /^\.github\/rl-review\.yml:2: 'rules\.RL101': .*\(valid: off, on, error, warning, info\)/],
    ['wrong type', 'include: "src/**"\n', /^\.github\/rl-review\.yml:1: 'include': /],
    ['invalid YAML', 'rules:\n  RL101: [off\n', /^\.github\/rl-review\.yml:\d+: invalid YAML/],
  ])('%s', (_, yaml, message) => {
    expect(() => parse(yaml)).toThrow(ConfigError);
    expect(() => parse(yaml)).toThrow(message);
  });

  test('default location, and a missing explicit file is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-review-config-'));
    expect(loadConfig(undefined, dir).file).toBeUndefined();
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/rl-review.yml'), 'rules:\n  RL101: off\n');
    expect(loadConfig(undefined, dir)).toMatchObject({ file: '.github/rl-review.yml' });
    expect(() => loadConfig('nope.yml', dir)).toThrow('nope.yml: config file not found');
  });
});
