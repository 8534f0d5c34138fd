import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Config } from '../config';
import { compareFindings, fingerprintOf, NOT_ANALYZED, type Finding, type Notice, type ScanResult, type Severity, type Suppression } from '../findings';
import type { ChangedFile, ChangedLines } from '../github/diff';
import { decodeSource } from './decode';
import { discoverFiles, FileReadError, isDirectoryTarget, MAX_FILE_BYTES, readRegularFile, type LanguageId, type SourceFile } from './files';
import { firstSyntaxError, parsePython } from './languages/python';
import { parseTypeScript, releaseTypeScript, typeScriptSyntaxErrors } from './languages/typescript';
import { TEST_PATH } from './names';
import type { Rule, RuleReport } from './rule';
import { RULES } from './rules/index';
import { AnalysisPool } from './pool';
import type { Shard } from './shard';
import { applySuppressions } from './suppression';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  config: Config;
  /** When given, only findings that touch an added/changed line of the diff are kept. */
  changedLines?: ChangedLines;
  /** Called after each file, for a progress indicator. */
  onProgress?: (done: number, total: number) => void;
  /** Only this share of the files (a sharded audit: `--shard i/n`). */
  shard?: Shard;
}

export interface FileAnalysis {
  findings: Finding[];
  notices: Notice[];
  /** The file's `rl-review: ignore` comments worth a reviewer's eye (see `applySuppressions`). */
  suppressions: Suppression[];
  parsed: boolean;
}

/** One file's analysis job, as sent to a worker thread (which has the rule settings from its start). */
export interface FileTask {
  path: string;
  source: string;
  language: LanguageId;
  /** An editor's document, analyzed again after each change: its Python tree is kept to parse the next text incrementally. */
  editorDocument?: boolean;
}

/**
 * A scan runs a few seconds, and each analysis worker optimizes the rules' hot functions with TurboFan on its own: on
 * a 2-core runner those background compilations took about a fifth of a scan's CPU. A larger budget before a
 * function is optimized by TurboFan (V8's default is 67,584 in Node 20, 132 KB in newer V8s that tier through Maglev
 * first) leaves code that runs a few hundred times to the lower tiers. The flag is the process's: set by a scan (a
 * batch job), not by the language server, whose long-lived workers gain from optimizing early. It changes speed,
 * never a result (README, "Performance").
 */
const SHORT_RUN_V8_FLAGS = '--interrupt-budget=600000';

/**
 * Scan files and directories with the configured rules. Never throws for a bad file: one that cannot be analyzed is
 * a `not-analyzed` warning (its findings are unknown: it must not pass as clean), one that is no file to analyze (a
 * FIFO, a link out of the repository) a notice.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const { config, shard } = options;
  setFlagsFromString(SHORT_RUN_V8_FLAGS);
  // Workers start before the files are found (a tenth of a second or more in a large checkout): a full pool for a
  // directory, one worker for files named one by one, more once they are counted. Each file is handed over as soon
  // as it is read: the prefilter and parsing run while the rest is read, under the pool's watchdog, so that no file
  // can stall the review.
  const pool = AnalysisPool.start(options.paths.some((path) => isDirectoryTarget(resolve(options.cwd, path))) ? Infinity : 1, config.rules);
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const suppressions: Suppression[] = [];
  let total = 0;
  let skipped = 0;
  let done = 0;
  let parsed = 0;
  const analyze = async (task: FileTask) => {
    try {
      const analysis = await analyzeTask(task, options.config.rules, pool);
      if (analysis.parsed) parsed++;
      findings.push(...analysis.findings);
      notices.push(...analysis.notices);
      suppressions.push(...analysis.suppressions);
    } catch (error) {
      // A parser failure or a runaway analysis of one file must not stop the review of the others.
      findings.push(notAnalyzed(task.path, 'failed', `its analysis failed: ${(error as Error).message}`));
      skipped++;
    }
    options.onProgress?.(++done, total);
  };
  try {
    const discovery = discoverFiles(options.paths, { cwd: options.cwd, include: config.include, exclude: config.exclude, shard });
    total = discovery.files.length;
    skipped = discovery.skipped;
    notices.push(...discovery.notices);
    pool?.grow(total);
    const analyses: Promise<void>[] = [];
    for (const file of discovery.files) {
      const read = readSource(file);
      if (read.notice) notices.push(read.notice);
      if (read.finding) findings.push(read.finding);
      if (read.source === undefined) {
        skipped++;
        options.onProgress?.(++done, total);
        continue;
      }
      analyses.push(analyze({ path: file.path, source: read.source, language: file.language }));
      // Read on when the workers have room for more; in-process, after the event loop has had a turn.
      await (pool ? pool.room() : new Promise((resolve) => setImmediate(resolve)));
    }
    await Promise.all(analyses);
  } finally {
    await pool?.close();
  }
  const { changedLines } = options;
  const kept = changedLines ? anchorToDiff(findings, changedLines).filter((f) => touchesChangedLine(f, changedLines)) : findings;
  return {
    findings: kept.sort(compareFindings),
    notices: notices.sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0)),
    suppressions: suppressions.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line),
    stats: { files: total, parsed, skipped, durationMs: Math.round(performance.now() - started) },
  };
}

/** One file's analysis: in a worker of `pool`, under its watchdog, when there is one; else in this thread. */
export function analyzeTask(task: FileTask, severities: Config['rules'], pool: AnalysisPool | undefined): Promise<FileAnalysis> {
  return pool ? pool.analyze(task) : analyzeSource(task.path, task.source, task.language, severities, RULES, task.editorDocument);
}

/**
 * The warning that `path` was not analyzed (`why`), anchored at the file (its first line). `reason` is a stable key
 * (not a message with sizes or timings) so that the finding keeps its fingerprint from one push to the next.
 */
export function notAnalyzed(path: string, reason: string, why: string, unknown = 'rl-review cannot say whether this file has findings'): Finding {
  return {
    ruleId: NOT_ANALYZED,
    name: NOT_ANALYZED,
    severity: 'warning',
    path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `Not analyzed: ${why}. ${unknown}.`,
    fingerprint: fingerprintOf(NOT_ANALYZED, path, reason),
  };
}

/**
 * A `not-analyzed` finding is about its whole file: on a diff it moves to the file's first added line, so that it is
 * on the changed lines (and can be commented inline) whenever the file has any. `diff` maps each changed file to its
 * changes (undefined: unknown, the finding stays at line 1).
 */
export function anchorToDiff(findings: Finding[], diff: ReadonlyMap<string, ChangedFile | undefined>): Finding[] {
  return findings.map((finding) => {
    const added = finding.ruleId === NOT_ANALYZED ? diff.get(finding.path)?.added : undefined;
    if (!added?.size || added.has(finding.line)) return finding;
    let line = Infinity;
    for (const number of added) line = Math.min(line, number);
    return { ...finding, line, endLine: line };
  });
}

/**
 * The enabled rules for this language whose triggers all hold in the file's text: the cheap prefilter. None for a
 * test file (`TEST_PATH`): its fixtures and assertions are not training code, and no rule's finding there was ever a
 * bug on real repositories.
 */
export function candidateRules(path: string, source: string, language: LanguageId, severities: Config['rules'], rules: readonly Rule[] = RULES): Rule[] {
  if (TEST_PATH.test(path)) return [];
  return rules.filter((rule) => {
    if (!severities.has(rule.meta.code) || !rule[language]) return false;
    const triggers = (language === 'typescript' && rule.typescriptTriggers) || rule.triggers;
    return triggers.every((trigger) =>
      typeof trigger === 'string' ? source.includes(trigger) : trigger instanceof RegExp ? trigger.test(source) : trigger(source));
  });
}

/**
 * Read and decode a source file (any encoding: see `decodeSource`), or say why not: a file too large or unreadable is
 * a `not-analyzed` finding; a FIFO, a device or a directory, not a file to analyze, a notice.
 */
export function readSource(file: SourceFile): { source?: string; notice?: Notice; finding?: Finding } {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file.absolutePath, MAX_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    if (error.reason === 'not-regular') return { notice: { path: file.path, message: error.message } };
    return { finding: notAnalyzed(file.path, error.reason, error.message) };
  }
  const { text, note } = decodeSource(bytes, file.language);
  return { source: text, ...(note ? { notice: { path: file.path, message: note } } : {}) };
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
  editorDocument = false,
): Promise<FileAnalysis> {
  const candidates = candidateRules(path, source, language, severities, rules);
  if (candidates.length === 0 || source.trim() === '') {
    // Not parsed, but an `ignore-file` here is still one the summary of a pull request shows.
    return { findings: [], notices: [], suppressions: applySuppressions(path, source, []).suppressions, parsed: false };
  }

  const notices: Notice[] = [];
  const failures: Finding[] = [];
  const reports: { rule: Rule; report: RuleReport }[] = [];
  const run = <F>(detect: (file: F) => RuleReport[], file: F, rule: Rule) => {
    try {
      for (const report of detect(file)) reports.push({ rule, report });
    } catch (error) {
      const { code } = rule.meta;
      failures.push(notAnalyzed(path, `rule ${code}`, `rule ${code} failed on this file (${(error as Error).message})`, `Its ${code} findings are unknown`));
    }
  };

  if (language === 'python') {
    const file = await parsePython(path, source, editorDocument);
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

  // Most parsed files have no finding: their lines are not split for fingerprints.
  const lines = reports.length ? source.split('\n') : [];
  const findings = reports.map(({ rule, report }): Finding => {
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
  });
  const { kept, suppressions } = applySuppressions(path, source, findings);
  return { findings: [...kept, ...failures], notices, suppressions, parsed: true };
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
