import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../src/analysis/engine';
import { applyFixes, fixSource, type FixableFinding } from '../../src/analysis/fixer';
import { RULES } from '../../src/analysis/rules/index';
import type { LanguageId } from '../../src/analysis/files';
import { defaultConfig } from '../../src/config';
import { cli } from '../helpers/cli';
import { FLAGGED_ROLLOUT, makeProject } from '../helpers/project';
import { dedent } from '../helpers/rule-tester';

const severities = defaultConfig().rules;

async function fix(code: string, language: LanguageId = 'python', unsafe = true) {
  const path = language === 'python' ? 'example.py' : 'example.ts';
  const source = dedent(code);
  const { findings } = await analyzeSource(path, source, language, severities);
  return fixSource(path, source, language, findings, { severities, unsafe });
}

/** A finding of `ruleId` whose fix replaces lines `line..endLine`. */
const finding = (ruleId: string, line: number, endLine: number, replacement: string): FixableFinding => ({
  ruleId, name: ruleId, severity: 'error', path: 'a.py', line, column: 1, endLine, endColumn: 1, message: '', fingerprint: ruleId,
  fix: { description: `fix ${ruleId}`, line, endLine, replacement },
});

describe('applyFixes: one pass', () => {
  const source = 'a\nb\nc\nd\n';

  test('fixes that do not overlap are all applied, bottom up', () => {
    const { text, applied } = applyFixes(source, [finding('RL2', 4, 4, 'D'), finding('RL1', 1, 2, 'A\nB\nB2')]);
    expect(text).toBe('A\nB\nB2\nc\nD\n');
    expect(applied.map((f) => f.ruleId)).toEqual(['RL1', 'RL2']);
  });

  test('of overlapping fixes, the first by line (then rule) is applied, whatever order they come in', () => {
    const fixes = [finding('RL9', 2, 3, 'X'), finding('RL1', 3, 3, 'Y'), finding('RL5', 2, 2, 'Z')];
    const results = [fixes, [...fixes].reverse(), [fixes[1], fixes[0], fixes[2]]].map((order) => applyFixes(source, order));
    for (const result of results) {
      expect(result.text).toBe('a\nZ\nY\nd\n');
      expect(result.applied.map((f) => f.ruleId)).toEqual(['RL5', 'RL1']);
    }
  });

  test('a fix that changes nothing is not applied, and does not keep another from its lines', () => {
    const { text, applied } = applyFixes(source, [finding('RL1', 2, 2, 'b'), finding('RL2', 2, 2, 'B')]);
    expect(text).toBe('a\nB\nc\nd\n');
    expect(applied.map((f) => f.ruleId)).toEqual(['RL2']);
  });
});

describe('fixSource: the fixes of each rule that has one', () => {
  const cases: { rule: string; language?: LanguageId; code: string; fixed: string }[] = [
    { rule: 'RL101', code: FLAGGED_ROLLOUT, fixed: '    prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)' },
    {
      rule: 'RL101',
      language: 'typescript',
      code: `
        async function rollout(tokenizer, model, messages) {
          const prompt = tokenizer.apply_chat_template(messages, { tokenize: false });
          return model.generate(prompt);
        }
      `,
      fixed: '  const prompt = tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true });',
    },
    {
      rule: 'RL102',
      code: `
        def compute_f1(prediction, ground_truth):
            pred_tokens = prediction.split()
            gt_tokens = ground_truth.split()
            if len(gt_tokens) == 0 or len(pred_tokens) == 0:
                return int(gt_tokens == pred_tokens)
            common = set(pred_tokens) & set(gt_tokens)
            return len(common) / len(gt_tokens)
      `,
      fixed: '        return 0',
    },
    {
      rule: 'RL102',
      language: 'typescript',
      code: `
        export function exactMatchReward(pred: string, gt: string): number {
          if (gt.length === 0) return 1;
          return Number(normalize(pred) === normalize(gt));
        }
      `,
      fixed: '  if (gt.length === 0) return 0;',
    },
    {
      rule: 'RL106',
      code: `
        def grpo_advantages(rewards):
            return (rewards - rewards.mean(dim=-1, keepdim=True)) / rewards.std(dim=-1, keepdim=True)
      `,
      fixed: '    return (rewards - rewards.mean(dim=-1, keepdim=True)) / (rewards.std(dim=-1, keepdim=True) + 1e-6)',
    },
    {
      rule: 'RL106',
      language: 'typescript',
      code: `
        export function normalize(rewards: number[]): number[] {
          const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
          const std = Math.sqrt(rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / rewards.length);
          return rewards.map((r) => (r - mean) / std);
        }
      `,
      fixed: '  return rewards.map((r) => (r - mean) / (std + 1e-6));',
    },
    {
      rule: 'RL107',
      code: `
        def regenerate(engine, tok, ids):
            return engine.async_generate(prompt=tok.decode(ids, skip_special_tokens=True))
      `,
      fixed: '    return engine.async_generate(prompt=tok.decode(ids, skip_special_tokens=False))',
    },
    {
      rule: 'RL107',
      language: 'typescript',
      code: `
        async function nextTurn(tokenizer, model, ids, observation) {
          const history = tokenizer.decode(ids, { skip_special_tokens: true });
          const inputs = tokenizer(history + observation);
          return model.generate({ ...inputs, max_new_tokens: 128 });
        }
      `,
      fixed: '  const history = tokenizer.decode(ids, { skip_special_tokens: false });',
    },
    {
      rule: 'RL109',
      code: `
        def to_rollout(token_messages, reward):
            if len(token_messages) > 0:
                return build(token_messages, reward)
            else:
                response_ids = [151643]
                stop_reason = "error"
                loss_mask = [1]
                return (response_ids, reward, stop_reason, loss_mask)
      `,
      fixed: '        loss_mask = [0]',
    },
  ];

  test('every rule that carries a fix has a case here', () => {
    const fixing = RULES.filter((rule) => rule.meta.fix).map((rule) => rule.meta.code);
    expect([...new Set(cases.map((c) => c.rule))].sort()).toEqual(fixing.sort());
  });

  test.each(cases.map((c) => [`${c.rule} ${c.language ?? 'python'}`, c] as const))('%s: fixed, the finding gone, and a second pass changes nothing', async (_, c) => {
    const safe = RULES.find((rule) => rule.meta.code === c.rule)!.meta.fix === 'safe';
    const language = c.language ?? 'python';
    const { fixes, notice } = await fix(c.code, language);
    expect(notice).toBeUndefined();
    expect(fixes.fixed.map((f) => f.ruleId)).toEqual([c.rule]);
    expect(fixes.after.split('\n')).toContain(c.fixed);
    const path = language === 'python' ? 'example.py' : 'example.ts';
    expect((await analyzeSource(path, fixes.after, language, severities)).findings.map((f) => f.ruleId)).not.toContain(c.rule);
    const again = await fix(fixes.after, language);
    expect(again.fixes.after).toBe(fixes.after);
    // Without --unsafe-fixes, only the safe rules' fixes are applied.
    expect((await fix(c.code, language, false)).fixes.after !== dedent(c.code)).toBe(safe);
  });
});

describe('fixSource: passes', () => {
  test('two fixes of one line: the second is applied in the next pass, on the text the first left', async () => {
    const { fixes } = await fix(`
      def rollout(llm, tok, messages, ids):
          return llm.generate(tok.apply_chat_template(messages, tokenize=False) + tok.decode(ids, skip_special_tokens=True))
    `);
    expect(fixes.fixed.map((f) => f.ruleId)).toEqual(['RL101', 'RL107']);
    expect(fixes.after).toContain('tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True) + tok.decode(ids, skip_special_tokens=False)');
  });

  test('a fix that would leave a syntax error is not applied', async () => {
    const source = 'def rollout(llm, tok, messages):\n    return llm.generate(tok.apply_chat_template(messages))\n';
    const broken = finding('RL101', 2, 2, '    return llm.generate(tok.apply_chat_template(messages, add_generation_prompt=True)');
    const { fixes, notice } = await fixSource('a.py', source, 'python', [broken], { severities, unsafe: false });
    expect(fixes.after).toBe(source);
    expect(notice?.message).toBe('the fixes of RL101 were not applied: they would leave a syntax error (please report it)');
  });
});

describe('rule metadata', () => {
  test.each(RULES.map((rule) => [rule.meta.code, rule] as const))('%s: a rule whose detector makes fixes says whether they are safe; an unsafe one says why', (_, rule) => {
    const module = readFileSync(new URL(`../../src/analysis/rules/${rule.meta.name}.ts`, import.meta.url), 'utf8');
    const doc = readFileSync(new URL(`../../src/analysis/rules/${rule.meta.name}.md`, import.meta.url), 'utf8');
    if (module.includes('editFix(')) expect(rule.meta.fix).toBeDefined();
    expect(doc.includes('\n## Fix safety\n')).toBe(rule.meta.fix === 'unsafe');
  });
});

describe('rl-review scan --fix / --diff', () => {
  const advantages = 'def grpo_advantages(rewards):\n    return (rewards - rewards.mean()) / rewards.std()\n';

  test('--fix writes the safe fixes, says what it changed, and reports what is left; a second --fix changes nothing', async () => {
    const project = makeProject({ 'train/rollout.py': FLAGGED_ROLLOUT, 'train/advantages.py': advantages });
    const first = await cli(project, 'scan', '--fix', '--format', 'json');
    expect(first.stderr).toContain('rl-review: fixed 1 finding in 1 file:\n  train/rollout.py:2  RL101 missing-generation-prompt: Pass add_generation_prompt=True');
    expect(first.stderr).toContain('1 finding with an unsafe fix, not applied');
    expect(first.stderr).toContain('train/advantages.py:2  RL106 std-without-epsilon: Add 1e-6 to the standard deviation');
    expect(readFileSync(join(project, 'train/rollout.py'), 'utf8')).toContain('add_generation_prompt=True');
    expect(readFileSync(join(project, 'train/advantages.py'), 'utf8')).toBe(advantages);
    expect(JSON.parse(first.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['RL106']);
    // What is left is a warning: below the default --fail-on.
    expect(first.code).toBe(0);

    const second = await cli(project, 'scan', '--fix');
    expect(second.stderr).toMatch(/^rl-review: nothing to fix\./);
    expect(readFileSync(join(project, 'train/rollout.py'), 'utf8')).toContain('add_generation_prompt=True');

    const unsafe = await cli(project, 'scan', '--fix', '--unsafe-fixes');
    expect(unsafe.stderr).toContain('fixed 1 finding in 1 file:\n  train/advantages.py:2  RL106');
    expect(unsafe.stdout).toContain('No findings');
  });

  test('--diff prints what --fix would write, as a diff git apply takes; it writes nothing, and exits 1 while there is something to fix', async () => {
    const project = makeProject({ 'train/rollout.py': FLAGGED_ROLLOUT, 'train/advantages.py': advantages });
    spawnSync('git', ['init', '--quiet'], { cwd: project });
    const { code, stdout, stderr } = await cli(project, 'scan', '--diff', '--unsafe-fixes');
    expect(code).toBe(1);
    expect(stderr).toContain('would fix 2 findings in 2 files:');
    expect(stdout).toContain('--- a/train/rollout.py\n+++ b/train/rollout.py\n');
    expect(readFileSync(join(project, 'train/rollout.py'), 'utf8')).toBe(dedent(FLAGGED_ROLLOUT));
    writeFileSync(join(project, 'fixes.diff'), stdout);
    const apply = spawnSync('git', ['apply', 'fixes.diff'], { cwd: project, encoding: 'utf8' });
    expect(apply.stderr).toBe('');
    expect(await cli(project, 'scan', '--diff', '--unsafe-fixes')).toMatchObject({ code: 0, stdout: '' });
  });

  test('CRLF line endings and a byte-order mark are kept; a file that is not UTF-8 is left alone, with a notice', async () => {
    const crlf = '\ufeff' + dedent(FLAGGED_ROLLOUT).replace(/\n/g, '\r\n');
    const latin1 = Buffer.from(`# -*- coding: latin-1 -*-\n# caf\xe9\n${dedent(FLAGGED_ROLLOUT)}`, 'latin1');
    const project = makeProject({ 'crlf.py': Buffer.from(crlf), 'latin1.py': latin1 });
    const { stdout } = await cli(project, 'scan', '--fix', '--format', 'json');
    expect(readFileSync(join(project, 'crlf.py'), 'utf8')).toBe(crlf.replace('tokenize=False', 'tokenize=False, add_generation_prompt=True'));
    expect(readFileSync(join(project, 'latin1.py'))).toEqual(latin1);
    expect(JSON.parse(stdout).notices).toContainEqual({ path: 'latin1.py', message: 'not fixed: not a UTF-8 file, and rl-review writes UTF-8 only' });
  });

  test.each([
    [['--fix', '--diff'], /--fix writes the fixes and --diff prints them without writing: give one of them/],
    [['--unsafe-fixes'], /--unsafe-fixes goes with --fix or --diff/],
    [['--fix', '--changed-lines', 'x.diff'], /--fix fixes whole files: it does not take --changed-lines/],
    [['--diff', '--format', 'json'], /--diff prints a unified diff: it does not take --format/],
  ])('scan %j is a usage error', async (args, message) => {
    const { code, stderr } = await cli(makeProject({ 'a.py': 'x = 1\n' }), 'scan', ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
