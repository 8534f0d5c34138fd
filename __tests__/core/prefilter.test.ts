import { analyzeSource, candidateRules } from '../../src/analysis/engine';
import type { Rule } from '../../src/analysis/rule';

/** A rule that flags line 1 of any file it runs on: what matters here is whether it runs. */
const rule = (triggers: Rule['triggers'], typescriptTriggers?: Rule['triggers']): Rule => ({
  meta: { code: 'RL999', name: 'test-rule', severity: 'info', summary: 'Test rule.' },
  triggers,
  ...(typescriptTriggers ? { typescriptTriggers } : {}),
  python: () => [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: 'ran' }],
  typescript: () => [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: 'ran' }],
});

const severities = new Map([['RL999', 'default' as const]]);
const runs = (source: string, r: Rule, language: 'python' | 'typescript' = 'python', path = 'train.py') =>
  candidateRules(path, source, language, severities, [r]).length === 1;

describe('text prefilter (rule triggers)', () => {
  test('every trigger must hold: substrings and RegExps', () => {
    const needsBoth = rule(['apply_chat_template', /\badd_generation_prompt\s*=/]);
    expect(runs('tok.apply_chat_template(m, add_generation_prompt=True)', needsBoth)).toBe(true);
    expect(runs('tok.apply_chat_template(m)', needsBoth)).toBe(false);
    expect(runs('add_generation_prompt = True', needsBoth)).toBe(false);
  });

  test('alternatives are written inside one RegExp', () => {
    const either = rule([/\bstd\s*\(|\bvar\s*\(/]);
    expect(runs('x.var(0)', either)).toBe(true);
    expect(runs('stdout = 1', either)).toBe(false);
  });

  test('a function of the text, for a condition no RegExp says cheaply', () => {
    const twoWordsOnOneLine = rule(['reward', (source) => source.split('\n').some((line) => line.includes('reward') && line.includes('mask'))]);
    expect(runs('reward = r * mask', twoWordsOnOneLine)).toBe(true);
    expect(runs('reward = r\nmask = m', twoWordsOnOneLine)).toBe(false);
  });

  test('TS/JS files use the TS triggers when a rule has them', () => {
    const byLanguage = rule([/\bdef\s+\w*score/], [/score/i]);
    expect(runs('function computeScore(a, b) {}', byLanguage, 'typescript')).toBe(true);
    expect(runs('def compute_score(a, b):', byLanguage)).toBe(true);
    expect(runs('total = compute_score(a, b)', byLanguage)).toBe(false);
  });

  test('a file that fails a trigger is not parsed', async () => {
    expect(await analyzeSource('a.py', 'x = 1\n', 'python', severities, [rule(['never here'])])).toEqual({
      findings: [], notices: [], suppressions: [], parsed: false,
    });
    expect((await analyzeSource('a.py', 'x = 1\n', 'python', severities, [rule(['x = '])])).parsed).toBe(true);
  });

  test('no rule runs on a test file, and a test file is not parsed', async () => {
    const anyFile = rule(['x = ']);
    expect(runs('x = 1', anyFile, 'python', 'tests/test_reward.py')).toBe(false);
    expect(runs('x = 1', anyFile, 'python', 'pkg/conftest.py')).toBe(false);
    expect(runs('x = 1', anyFile, 'typescript', 'src/reward.test.ts')).toBe(false);
    expect(runs('x = 1', anyFile, 'python', 'pkg/reward.py')).toBe(true);
    expect(runs('x = 1', anyFile, 'python', 'pkg/attestation.py')).toBe(true);
    expect((await analyzeSource('tests/test_reward.py', 'x = 1\n', 'python', severities, [anyFile])).parsed).toBe(false);
  });
});
