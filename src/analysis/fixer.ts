import { resolve } from 'node:path';
import type { Config } from '../config';
import type { Finding, Fix, Notice, ScanResult } from '../findings';
import { decodeSource } from './decode';
import { analyzeTask } from './engine';
import { languageOf, MAX_FILE_BYTES, readRegularFile, type LanguageId } from './files';
import { firstSyntaxError, parsePython } from './languages/python';
import { parseTypeScript, releaseTypeScript, typeScriptSyntaxErrors } from './languages/typescript';
import { AnalysisPool } from './pool';
import { ruleByCode } from './rules/index';

/**
 * `rl-review scan --fix`: the fixes that rules carry (the suggestion blocks of a pull request review), applied to the
 * files. Only the fixes of rules whose metadata marks them safe, unless `--unsafe-fixes`.
 */

/** A finding with the fix it carries. */
export type FixableFinding = Finding & { fix: Fix };

/** Whether `--fix` applies the finding's fix on its own: its rule says so (a rule that does not say is unsafe). */
export function isSafeFix(finding: Pick<Finding, 'ruleId'>): boolean {
  return ruleByCode(finding.ruleId)?.meta.fix === 'safe';
}

/** The findings whose fixes `--fix` applies: the safe ones, and with `unsafe` the others too. */
export function applicable(findings: readonly Finding[], unsafe: boolean): FixableFinding[] {
  return findings.filter((f): f is FixableFinding => f.fix !== undefined && (unsafe || isSafeFix(f)));
}

/**
 * One pass over one file: the fixes in order of their first line (then last line, rule, column), each applied unless
 * it overlaps one taken before it, which leaves it to the next pass, on the new text, where its rule decides again.
 * A fix that would change nothing is not applied. Deterministic: the same findings always give the same text.
 */
export function applyFixes(source: string, findings: readonly FixableFinding[]): { text: string; applied: FixableFinding[] } {
  const lines = source.split('\n');
  const sorted = [...findings].sort((a, b) =>
    a.fix.line - b.fix.line || a.fix.endLine - b.fix.endLine || a.ruleId.localeCompare(b.ruleId) || a.column - b.column);
  const applied: FixableFinding[] = [];
  let lastLine = 0;
  for (const finding of sorted) {
    const { line, endLine, replacement } = finding.fix;
    if (line <= lastLine || line < 1 || endLine < line || endLine > lines.length) continue;
    if (lines.slice(line - 1, endLine).join('\n') === replacement) continue;
    applied.push(finding);
    lastLine = endLine;
  }
  // Bottom up, so that each fix's line numbers still hold when it is applied.
  for (const { fix } of [...applied].reverse()) lines.splice(fix.line - 1, fix.endLine - fix.line + 1, ...fix.replacement.split('\n'));
  return { text: lines.join('\n'), applied };
}

/** Passes over one file at most: a fix left by an overlap is applied in a later pass; more than this is a loop. */
const MAX_PASSES = 10;

export interface FileFixes {
  path: string;
  /** The file's text as read, and with the fixes applied. */
  before: string;
  after: string;
  /** The findings fixed, as first reported on their pass's text. */
  fixed: FixableFinding[];
}

/**
 * Fix one file's text: apply the applicable fixes of `findings` (its findings on `source`), analyze the new text,
 * and again while a pass changes something. A pass that would turn a file that parses into one that does not is
 * dropped (with a notice): a fix never breaks the code it fixes.
 */
export async function fixSource(
  path: string,
  source: string,
  language: LanguageId,
  findings: readonly Finding[],
  options: { severities: Config['rules']; unsafe: boolean; pool?: AnalysisPool },
): Promise<{ fixes: FileFixes; notice?: Notice }> {
  const fixes: FileFixes = { path, before: source, after: source, fixed: [] };
  const parses = !(await hasSyntaxError(path, source, language));
  let candidates = applicable(findings, options.unsafe);
  for (let pass = 0; candidates.length; pass++) {
    if (pass === MAX_PASSES) {
      return { fixes, notice: { path, message: `fixes still applied after ${MAX_PASSES} passes (they undo one another?): stopped; ${candidates.length} left` } };
    }
    const { text, applied } = applyFixes(fixes.after, candidates);
    if (!applied.length) break;
    if (parses && (await hasSyntaxError(path, text, language))) {
      const rules = [...new Set(applied.map((f) => f.ruleId))].join(', ');
      return { fixes, notice: { path, message: `the fixes of ${rules} were not applied: they would leave a syntax error (please report it)` } };
    }
    fixes.after = text;
    fixes.fixed.push(...applied);
    try {
      candidates = applicable((await analyzeTask({ path, source: text, language }, options.severities, options.pool)).findings, options.unsafe);
    } catch (error) {
      return { fixes, notice: { path, message: `fixing stopped after ${pass + 1} passes: the analysis of the fixed text failed (${(error as Error).message})` } };
    }
  }
  return { fixes };
}

async function hasSyntaxError(path: string, source: string, language: LanguageId): Promise<boolean> {
  if (language === 'python') {
    const file = await parsePython(path, source);
    try {
      return firstSyntaxError(file.root) !== undefined;
    } finally {
      file.tree.delete();
    }
  }
  const file = await parseTypeScript(path, source);
  try {
    return typeScriptSyntaxErrors(file).length > 0;
  } finally {
    releaseTypeScript(file);
  }
}

/**
 * Fix the files of a scan (`findings` of paths relative to `cwd`), in memory: the files changed, and notices for
 * those that could not be. Only UTF-8 files are fixed (with their byte-order mark, if any): a file in another
 * encoding would be written back in a different one.
 */
export async function fixScan(
  scan: Pick<ScanResult, 'findings'>,
  options: { cwd: string; severities: Config['rules']; unsafe: boolean },
): Promise<{ files: (FileFixes & { bom: boolean })[]; notices: Notice[] }> {
  const byPath = new Map<string, Finding[]>();
  for (const finding of applicable(scan.findings, options.unsafe)) byPath.set(finding.path, [...(byPath.get(finding.path) ?? []), finding]);
  const files: (FileFixes & { bom: boolean })[] = [];
  const notices: Notice[] = [];
  // The fixed texts are analyzed again as the scan analyzed them: in a worker, under the watchdog.
  const pool = AnalysisPool.start(byPath.size, options.severities);
  try {
    for (const [path, findings] of byPath) {
      const fixed = await fixFile(path, findings, { ...options, pool });
      if (fixed.notice) notices.push(fixed.notice);
      if (fixed.file) files.push(fixed.file);
    }
  } finally {
    await pool?.close();
  }
  return { files, notices };
}

/** One file of `fixScan`: read, checked to be UTF-8, fixed. */
async function fixFile(
  path: string,
  findings: Finding[],
  options: { cwd: string; severities: Config['rules']; unsafe: boolean; pool?: AnalysisPool },
): Promise<{ file?: FileFixes & { bom: boolean }; notice?: Notice }> {
  const language = languageOf(path);
  if (!language) return {};
  let bytes: Buffer;
  try {
    bytes = readRegularFile(resolve(options.cwd, path), MAX_FILE_BYTES);
  } catch (error) {
    return { notice: { path, message: `not fixed: ${(error as Error).message}` } };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const { text } = decodeSource(bytes, language);
  if (!Buffer.from(text, 'utf8').equals(bom ? bytes.subarray(3) : bytes)) {
    return { notice: { path, message: 'not fixed: not a UTF-8 file, and rl-review writes UTF-8 only' } };
  }
  const { fixes, notice } = await fixSource(path, text, language, findings, options);
  return { ...(fixes.after !== fixes.before ? { file: { ...fixes, bom } } : {}), ...(notice ? { notice } : {}) };
}
