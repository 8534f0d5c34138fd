import { createHash } from 'node:crypto';

/**
 * The plain data that flows from every analysis (static rules, probes, smoke rollout) to every reporter.
 * Nothing here knows about tree-sitter or GitHub.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Most severe first; the index is the rank used for `--fail-on` and sorting. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** A 1-based, inclusive line range; columns are 1-based, `endColumn` exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A mechanical fix: replace whole lines `line..endLine` with `replacement` (the shape of a GitHub suggestion block). */
export interface Fix {
  description: string;
  line: number;
  endLine: number;
  replacement: string;
}

export interface Finding extends Range {
  /** Stable code (`RL101`), or a probe / rollout check id. */
  ruleId: string;
  /** Kebab-case name (`missing-generation-prompt`). */
  name: string;
  severity: Severity;
  /** Posix path relative to the working directory. */
  path: string;
  message: string;
  fix?: Fix;
  /**
   * Stable identity across pushes: rule + path + the normalized code of the flagged line, not the line number,
   * so edits above it do not change it. Used to avoid duplicate PR comments and by SARIF.
   */
  fingerprint: string;
}

/**
 * The rule id of the warning that a file could not be analyzed (too large, unreadable, its analysis stopped by the
 * watchdog, a rule that failed on it): its findings are unknown, so it must not pass as clean.
 */
export const NOT_ANALYZED = 'not-analyzed';

/** Something the user should know that is not a finding: a file that was not read, or parsed with errors. */
export interface Notice {
  path: string;
  line?: number;
  message: string;
}

export interface ScanStats {
  /** Files considered after discovery and include/exclude filters. */
  files: number;
  /** Files actually parsed (the text prefilter lets most files skip parsing). */
  parsed: number;
  /** Files skipped: too large, unreadable, not regular files, links outside the root, analyses that failed. */
  skipped: number;
  durationMs: number;
}

/**
 * An `rl-review: ignore` comment worth a reviewer's eye: an `ignore-file`, an `ignore` without a rule list (both
 * switch off rules nobody named), or one that silenced a finding.
 */
export interface Suppression {
  path: string;
  line: number;
  /** `file`: `ignore-file`, the whole file; `line`: `ignore`, its line and the next. */
  scope: 'file' | 'line';
  /** The rules it names (codes or names); absent: every rule. */
  rules?: string[];
  /** The rule id of each finding it silenced. */
  silenced: string[];
}

export interface ScanResult {
  findings: Finding[];
  notices: Notice[];
  suppressions: Suppression[];
  stats: ScanStats;
}

/** See `Finding.fingerprint`. Whitespace is folded so re-indenting a line keeps its identity. */
export function fingerprintOf(ruleId: string, path: string, code: string): string {
  const normalized = code.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${path}\0${normalized}`).digest('hex').slice(0, 16);
}

/** How a finding's rule is named: `RL101 missing-generation-prompt`; a probe check's id is its name, said once. */
export function ruleLabel(finding: Pick<Finding, 'ruleId' | 'name'>): string {
  return finding.ruleId === finding.name ? finding.ruleId : `${finding.ruleId} ${finding.name}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** True when some finding is at or above `failOn` (`never` never fails). */
export function failsAt(findings: readonly Finding[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => severityRank(f.severity) <= severityRank(failOn));
}
