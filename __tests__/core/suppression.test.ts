import { analyzeSource } from '../../src/analysis/engine';
import { applyFixes } from '../../src/analysis/fixer';
import { ignoreFix } from '../../src/analysis/suppression';
import { missingGenerationPrompt } from '../../src/analysis/rules/missing-generation-prompt';
import { dedent, findingsOf } from '../helpers/rule-tester';

const flagged = 'prompt = tok.apply_chat_template(messages, tokenize=False)';
const inRollout = (body: string) => `def rollout(llm, tok, messages):\n${body}\n    return llm.generate(prompt)\n`;

describe('inline suppression', () => {
  test.each([
    ['same line, by code', `    ${flagged}  # rl-review: ignore[RL101]`],
    ['same line, by name', `    ${flagged}  # rl-review: ignore[missing-generation-prompt]`],
    ['line above', `    # rl-review: ignore[RL101]\n    ${flagged}`],
    ['no list silences every rule', `    ${flagged}  # rl-review: ignore`],
    ['one of several codes', `    ${flagged}  # rl-review: ignore[RL103, RL101]`],
  ])('%s', async (_, body) => {
    expect(await findingsOf(missingGenerationPrompt, inRollout(body))).toEqual([]);
  });

  test('file-level ignore-file', async () => {
    const code = `# rl-review: ignore-file[RL101]\n${inRollout(`    ${flagged}`)}`;
    expect(await findingsOf(missingGenerationPrompt, code)).toEqual([]);
  });

  test.each([
    ['another rule named', `    ${flagged}  # rl-review: ignore[RL103]`],
    ['two lines above', `    # rl-review: ignore[RL101]\n\n    ${flagged}`],
    ['ignore-file for another rule', `    # rl-review: ignore-file[RL102]\n    ${flagged}`],
  ])('still reported: %s', async (_, body) => {
    expect(await findingsOf(missingGenerationPrompt, inRollout(body))).toHaveLength(1);
  });

  test('TypeScript comment form', async () => {
    const code = `
      async function rollout(tokenizer, model, messages) {
        // rl-review: ignore[RL101]
        const inputs = tokenizer.apply_chat_template(messages);
        return model.generate(inputs);
      }
    `;
    expect(await findingsOf(missingGenerationPrompt, code, 'typescript')).toEqual([]);
  });

  test('says which comments silenced what: every ignore-file and blanket ignore, and any other that silenced a finding', async () => {
    const code = dedent(`
      # rl-review: ignore-file[RL103]
      # rl-review: ignore-file
      def rollout(llm, tok, messages):
          ${flagged}  # rl-review: ignore
          prompt = tok.apply_chat_template(messages, tokenize=False)  # rl-review: ignore[RL101]
          x = 1  # rl-review: ignore[RL104]
          x = 2  # rl-review: ignore
          return llm.generate(prompt)
    `);
    const { findings, suppressions } = await analyzeSource('train.py', code, 'python', new Map([['RL101', 'default']]), [missingGenerationPrompt]);
    expect(findings).toEqual([]);
    expect(suppressions).toEqual([
      { path: 'train.py', line: 1, scope: 'file', rules: ['RL103'], silenced: [] },
      { path: 'train.py', line: 2, scope: 'file', silenced: ['RL101', 'RL101'] },
      { path: 'train.py', line: 4, scope: 'line', silenced: [] },
      { path: 'train.py', line: 7, scope: 'line', silenced: [] },
    ]);
  });

  test('a file no rule parses still has its ignore-file comments told', async () => {
    const { suppressions } = await analyzeSource('util.py', '# rl-review: ignore-file\nx = 1\n', 'python', new Map([['RL101', 'default']]), [missingGenerationPrompt]);
    expect(suppressions).toEqual([{ path: 'util.py', line: 1, scope: 'file', silenced: [] }]);
  });

  test('a rule that throws leaves a not-analyzed warning for its findings, which no comment in the file silences', async () => {
    const throwing = { ...missingGenerationPrompt, python: () => { throw new Error('stack overflow'); } };
    const { findings } = await analyzeSource('train.py', `# rl-review: ignore-file\n${inRollout(`    ${flagged}`)}`, 'python', new Map([['RL101', 'default']]), [throwing]);
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.message])).toEqual([
      ['not-analyzed', 'warning', 1, 'Not analyzed: rule RL101 failed on this file (stack overflow). Its RL101 findings are unknown.'],
    ]);
  });
});


describe('ignoreFix: the "ignore this rule on this line" quick fix', () => {
  /** The source with the fix applied, and whether RL101 is still reported on it. */
  async function ignored(code: string, line: number, language: 'python' | 'typescript' = 'python') {
    const fix = ignoreFix(code, line, 'RL101', language);
    if (!fix) return undefined;
    const { text } = applyFixes(code, [{ ruleId: 'RL101', name: '', severity: 'error', path: 'a', line: 1, column: 1, endLine: 1, endColumn: 1, message: '', fingerprint: '', fix }]);
    const path = language === 'python' ? 'a.py' : 'a.ts';
    const { findings } = await analyzeSource(path, text, language, new Map([['RL101', 'default']]));
    return { text, silenced: findings.length === 0 };
  }

  test.each([
    ['a comment at the end of the line', inRollout(`    ${flagged}`), `    ${flagged}  # rl-review: ignore[RL101]`],
    ['the rule added to an ignore comment there', inRollout(`    ${flagged}  # rl-review: ignore[RL103]`), `    ${flagged}  # rl-review: ignore[RL103, RL101]`],
    ['after a line that goes on with a backslash, a comment line above', inRollout('    prompt = tok.apply_chat_template(messages, \\\n        tokenize=False)'), '    # rl-review: ignore[RL101]'],
    ['CRLF kept', inRollout(`    ${flagged}`).replace(/\n/g, '\r\n'), `    ${flagged}  # rl-review: ignore[RL101]\r`],
  ])('%s', async (_, code, line) => {
    const result = await ignored(code, 2);
    expect(result?.text.split('\n')).toContain(line);
    expect(result?.silenced).toBe(true);
  });

  test('TS/JS: a // comment', async () => {
    const code = 'async function rollout(tok, model, messages) {\n  const prompt = tok.apply_chat_template(messages, { tokenize: false });\n  return model.generate(prompt);\n}\n';
    const result = await ignored(code, 2, 'typescript');
    expect(result?.text.split('\n')[1]).toBe('  const prompt = tok.apply_chat_template(messages, { tokenize: false });  // rl-review: ignore[RL101]');
    expect(result?.silenced).toBe(true);
  });

  test('none where no comment can go: inside a backslash continuation on both sides', () => {
    expect(ignoreFix('x = a \\\n    + b \\\n    + c\n', 2, 'RL101', 'python')).toBeUndefined();
  });
});
