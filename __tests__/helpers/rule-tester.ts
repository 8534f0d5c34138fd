/**
 * A RuleTester in the spirit of typescript-eslint's: `valid` code must stay silent, each `invalid` case
 * lists exactly the findings expected (line, column, and optionally message, severity and fix).
 */
import { analyzeSource } from '../../src/analysis/engine';
import type { LanguageId } from '../../src/analysis/files';
import type { Rule } from '../../src/analysis/rule';
import type { Finding, Severity } from '../../src/findings';

export interface ValidCase {
  code: string;
  language?: LanguageId;
  /** Why this must stay silent: becomes the test name. */
  name?: string;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  message?: RegExp;
  severity?: Severity;
  /** The fix's replacement text, when the rule offers one. */
  fix?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

/** Strip the common indentation of a template literal so cases read like the file they stand for. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indent = lines.reduce((min, l) => (l.trim() ? Math.min(min, l.length - l.trimStart().length) : min), Infinity);
  return lines.map((l) => l.slice(indent)).join('\n');
}

export async function findingsOf(rule: Rule, code: string, language: LanguageId = 'python'): Promise<Finding[]> {
  const path = language === 'python' ? 'example.py' : 'example.ts';
  const result = await analyzeSource(path, dedent(code), language, new Map([[rule.meta.code, 'default']]), [rule]);
  return result.findings;
}

const title = (c: ValidCase) => c.name ?? dedent(c.code).trim().split('\n').slice(-1)[0].slice(0, 80);

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    describe('valid', () => {
      test.each(cases.valid.map((c) => [`${c.language ?? 'python'}: ${title(c)}`, c] as const))('%s', async (_, c) => {
        expect(await findingsOf(rule, c.code, c.language)).toEqual([]);
      });
    });
    describe('invalid', () => {
      test.each(cases.invalid.map((c) => [`${c.language ?? 'python'}: ${title(c)}`, c] as const))('%s', async (_, c) => {
        const findings = await findingsOf(rule, c.code, c.language);
        expect(findings.map((f) => ({ line: f.line, column: f.column }))).toEqual(
          c.errors.map((e) => ({ line: e.line, column: e.column })),
        );
        c.errors.forEach((expected, i) => {
          const actual = findings[i];
          expect(actual.ruleId).toBe(rule.meta.code);
          if (expected.endLine !== undefined) expect(actual.endLine).toBe(expected.endLine);
          if (expected.message) expect(actual.message).toMatch(expected.message);
          if (expected.severity) expect(actual.severity).toBe(expected.severity);
          if (expected.fix !== undefined) expect(actual.fix?.replacement).toBe(expected.fix);
          if (actual.fix && !rule.meta.fix) {
            throw new Error(`${rule.meta.code} reports a fix: say in its meta whether \`--fix\` applies it (fix: 'safe' | 'unsafe')`);
          }
        });
      });
    });
  });
}
