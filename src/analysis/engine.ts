import { readFileSync, statSync } from 'node:fs';
import type { Config } from '../config';
import { compareFindings, fingerprintOf, type Finding, type Notice, type ScanResult, type Severity } from '../findings';
import type { ChangedLines } from '../github/diff';
import { discoverFiles, type LanguageId } from './files';
import { firstSyntaxError, parsePython } from './languages/python';
import { parseTypeScript, releaseTypeScript, typeScriptSyntaxErrors } from './languages/typescript';
import type { Rule, RuleReport } from './rule';
import { RULES } from './rules/index';
import { AnalysisPool } from './pool';
import { isSuppressed, parseSuppressions } from './suppression';

/** Files larger than this are generated code or data, not training code: skipped and counted. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ScanOptions {
  paths: string[];
  cwd: string;
  config: Config;
  /** When given, only findings that touch an added/changed line of the diff are kept. */
  changedLines?: ChangedLines;
  /** Called after each file, for a progress indicator. */
  onProgress?: (done: number, total: number) => void;
}

export interface FileAnalysis {
  findings: Finding[];
  notices: Notice[];
  parsed: boolean;
}

/** One file's analysis job, as sent to a worker thread (which has the rule settings from its start). */
export interface FileTask {
  path: string;
  source: string;
  language: LanguageId;
}

/** Scan files and directories with the configured rules. Never throws for a bad file: it becomes a notice. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const discovery = discoverFiles(options.paths, { cwd: options.cwd, include: options.config.include, exclude: options.config.exclude });
  const total = discovery.files.length;
  const findings: Finding[] = [];
  const notices: Notice[] = [...discovery.notices];
  let skipped = discovery.skipped;

  // Workers start before the files are read, and each file is handed over as soon as it is read: the prefilter and
  // parsing run while the rest is read, under the pool's watchdog, so that no file can stall the review.
  const pool = AnalysisPool.start(total, options.config.rules);
  let done = 0;
  let parsed = 0;
  const analyze = async (task: FileTask) => {
    try {
      const analysis = await (pool ? pool.analyze(task) : analyzeSource(task.path, task.source, task.language, options.config.rules));
      if (analysis.parsed) parsed++;
      findings.push(...analysis.findings);
      notices.push(...analysis.notices);
    } catch (error) {
      // A parser failure or a runaway analysis of one file must not stop the review of the others.
      notices.push({ path: task.path, message: `could not be analyzed: ${(error as Error).message}` });
      skipped++;
    }
    options.onProgress?.(++done, total);
  };
  try {
    const analyses: Promise<void>[] = [];
    for (const file of discovery.files) {
      const source = readSource(file.absolutePath, file.path, notices);
      if (source === undefined) {
        skipped++;
        options.onProgress?.(++done, total);
        continue;
      }
      analyses.push(analyze({ path: file.path, source, language: file.language }));
      // Read on when the workers have room for more; in-process, after the event loop has had a turn.
      await (pool ? pool.room() : new Promise((resolve) => setImmediate(resolve)));
    }
    await Promise.all(analyses);
  } finally {
    await pool?.close();
  }
  const kept = options.changedLines ? findings.filter((f) => touchesChangedLine(f, options.changedLines!)) : findings;
  return {
    findings: kept.sort(compareFindings),
    notices: notices.sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0)),
    stats: { files: total, parsed, skipped, durationMs: Math.round(performance.now() - started) },
  };
}

/** The enabled rules for this language whose triggers all hold in the file's text: the cheap prefilter. */
export function candidateRules(source: string, language: LanguageId, severities: Config['rules'], rules: readonly Rule[] = RULES): Rule[] {
  return rules.filter((rule) => {
    if (!severities.has(rule.meta.code) || !rule[language]) return false;
    const triggers = (language === 'typescript' && rule.typescriptTriggers) || rule.triggers;
    return triggers.every((trigger) => (typeof trigger === 'string' ? source.includes(trigger) : trigger.test(source)));
  });
}

/** Read a file as UTF-8 text, or say why not in a notice. */
export function readSource(absolutePath: string, path: string, notices: Notice[]): string | undefined {
  let buffer: Buffer;
  try {
    if (statSync(absolutePath).size > MAX_FILE_BYTES) {
      notices.push({ path, message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: skipped` });
      return undefined;
    }
    buffer = readFileSync(absolutePath);
  } catch (error) {
    notices.push({ path, message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return undefined;
  }
  if (buffer.subarray(0, 8000).includes(0)) {
    notices.push({ path, message: 'binary file: skipped' });
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    notices.push({ path, message: 'not valid UTF-8: skipped' });
    return undefined;
  }
}

/**
 * Run the enabled rules (`severities`: the config's rule settings) on one file's text.
 * The text prefilter decides whether the file is parsed at all.
 */
export async function analyzeSource(
  path: string,
  source: string,
  language: LanguageId,
  severities: Config['rules'],
  rules: readonly Rule[] = RULES,
): Promise<FileAnalysis> {
  const candidates = candidateRules(source, language, severities, rules);
  if (candidates.length === 0 || source.trim() === '') return { findings: [], notices: [], parsed: false };

  const notices: Notice[] = [];
  const reports: { rule: Rule; report: RuleReport }[] = [];
  const run = <F>(detect: (file: F) => RuleReport[], file: F, rule: Rule) => {
    try {
      for (const report of detect(file)) reports.push({ rule, report });
    } catch (error) {
      notices.push({ path, message: `rule ${rule.meta.code} failed on this file and was skipped: ${(error as Error).message}` });
    }
  };

  if (language === 'python') {
    const file = await parsePython(path, source);
    try {
      const error = firstSyntaxError(file.root);
      if (error) notices.push({ path, line: error.startPosition.row + 1, message: 'syntax error: analyzed what tree-sitter could recover' });
      for (const rule of candidates) run(rule.python!, file, rule);
    } finally {
      file.tree.delete();
    }
  } else {
    const file = await parseTypeScript(path, source);
    try {
      const [error] = typeScriptSyntaxErrors(file);
      if (error) notices.push({ path, line: error.line, message: `syntax error (${error.message}): analyzed what could be recovered` });
      for (const rule of candidates) run(rule.typescript!, file, rule);
    } finally {
      releaseTypeScript(file);
    }
  }

  const suppressions = parseSuppressions(source);
  const lines = source.split('\n');
  const findings = reports
    .map(({ rule, report }): Finding => {
      const { message, fix, severity, ...range } = report;
      return {
        ruleId: rule.meta.code,
        name: rule.meta.name,
        severity: configured(severities, rule, severity),
        path,
        ...range,
        message,
        ...(fix ? { fix } : {}),
        fingerprint: fingerprintOf(rule.meta.code, path, lines[range.line - 1] ?? ''),
      };
    })
    .filter((finding) => !isSuppressed(suppressions, finding));
  return { findings, notices, parsed: true };
}

/** The config's severity for a rule wins; `default` keeps the report's own (for rules whose severity depends on the case), else the rule's. */
function configured(severities: Config['rules'], rule: Rule, reported: Severity | undefined): Severity {
  const setting = severities.get(rule.meta.code) ?? 'default';
  return setting === 'default' ? (reported ?? rule.meta.severity) : setting;
}

/** A finding is on the diff when any line of its range was added or changed. */
export function touchesChangedLine(finding: Finding, changedLines: ChangedLines): boolean {
  const file = changedLines.get(finding.path);
  if (!file) return false;
  for (let line = finding.line; line <= finding.endLine; line++) if (file.added.has(line)) return true;
  return false;
}
